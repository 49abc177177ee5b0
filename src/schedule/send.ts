// Sends one digest through the configured channels: webhook (HMAC-signed JSON), LINE push, e-mail (SMTP).
import { createHmac } from 'node:crypto';
import type { Config } from './config.js';
import type { Digest } from './digest.js';

export interface Outgoing {
  channel: 'webhook' | 'line' | 'email';
  to: string;
  /** What would be sent, without secrets (for --dry-run and the log). */
  preview: string;
  send(): Promise<void>;
}

function secret(env: NodeJS.ProcessEnv, name: string | undefined, what: string): string {
  const v = name ? env[name] : undefined;
  if (!v) throw new Error(`${what}: environment variable ${name} is not set`);
  return v;
}

/** The platform's fetch (not the crawler's own HTTP client): alerts are few, and tests can intercept them with msw. */
async function post(url: string, body: string, headers: Record<string, string>, what: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(15_000), redirect: 'error' });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new Error(`${what}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`, { cause: err });
  }
  const answer = (await res.text().catch(() => '')).slice(0, 200);
  if (!res.ok) throw new Error(`${what} answered HTTP ${res.status}${answer ? `: ${answer}` : ''}`);
}

/**
 * The messages for one digest; nothing is sent until send() is called. `summary` is summary.txt (plain text, no
 * Markdown): LINE shows Markdown marks raw, so the chat message is the digest followed by it.
 */
export function outgoing(config: Config, agency: Config['agencies'][number], d: Digest, text: string, attachments: { reportHtml?: string; summary?: string }, env: NodeJS.ProcessEnv = process.env): Outgoing[] {
  const out: Outgoing[] = [];
  const chat = attachments.summary ? `${text}\n\n${attachments.summary}` : text;
  const { agency: _id, ...rest } = d;
  const payload = JSON.stringify({ type: 'oit-crawler.digest', agency: { id: agency.id, name: agency.name, url: agency.url }, ...rest, text });
  for (const url of [config.alerts.webhook?.url, agency.contacts.webhook].filter((u): u is string => Boolean(u))) {
    out.push({
      channel: 'webhook',
      to: url,
      preview: payload,
      send: async () => {
        const key = config.alerts.webhook ? env[config.alerts.webhook.secretEnv] : undefined;
        const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'oit-crawler' };
        // The receiver checks X-OIT-Signature = sha256=HMAC(secret, body) to know the alert is ours.
        if (key) headers['x-oit-signature'] = `sha256=${createHmac('sha256', key).update(payload).digest('hex')}`;
        await post(url, payload, headers, `webhook ${url}`);
      },
    });
  }
  const line = config.alerts.line;
  const lineTo = [...(line?.to ?? []), ...agency.contacts.line];
  if (line && lineTo.length) {
    for (const to of lineTo)
      out.push({
        channel: 'line',
        to,
        preview: chat,
        send: async () => {
          const token = secret(env, line.tokenEnv, 'LINE');
          await post(line.endpoint, JSON.stringify({ to, messages: [{ type: 'text', text: chat.slice(0, 4900) }] }), { 'content-type': 'application/json', authorization: `Bearer ${token}` }, 'LINE push');
        },
      });
  }
  const mail = config.alerts.email;
  const mailTo = [...(mail?.to ?? []), ...agency.contacts.email];
  if (mail && mailTo.length) {
    out.push({
      channel: 'email',
      to: mailTo.join(', '),
      preview: chat,
      send: async () => {
        const { createTransport } = await import('nodemailer');
        const auth = mail.userEnv ? { user: secret(env, mail.userEnv, 'SMTP user'), pass: secret(env, mail.passEnv, 'SMTP password') } : undefined;
        const transport = createTransport({ host: mail.host, port: mail.port, secure: mail.secure, ...(auth ? { auth } : {}), connectionTimeout: 15_000, tls: { rejectUnauthorized: !mail.host.startsWith('127.') && mail.host !== 'localhost' } });
        await transport.sendMail({
          from: mail.from,
          to: mailTo,
          subject: text.split('\n')[0]!,
          text: chat,
          ...(attachments.reportHtml ? { attachments: [{ filename: 'report.html', content: attachments.reportHtml, contentType: 'text/html; charset=utf-8' }] } : {}),
        });
        transport.close();
      },
    });
  }
  return out;
}
