// Alert channels at their real addresses (LINE's Messaging API, a webhook on the Internet) with msw intercepting the
// platform's fetch: nothing leaves the machine, and the requests are checked as LINE and a receiver would see them.
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/schedule/config.js';
import type { Digest } from '../../src/schedule/digest.js';
import { outgoing } from '../../src/schedule/send.js';

const LINE_PUSH = 'https://api.line.me/v2/bot/message/push';
const HOOK = 'https://hooks.example.go.th/oit';
const dir = mkdtempSync(join(tmpdir(), 'oit-msw-'));
const file = join(dir, 'oit.config.yaml');
// No `endpoint` for LINE: the default, real API address is what gets called.
writeFileSync(file, `agencies:\n  - id: a\n    name: อบต.ก\n    url: https://a.go.th/\nalerts:\n  webhook:\n    url: ${HOOK}\n  line:\n    to: [Uteam]\n`);
const config = loadConfig(file);
const digest: Digest = { agency: 'a', site: 'https://a.go.th', runId: 2, asOf: '2026-01-02', score: 80, previousScore: 90, newBrokenLinks: [{ url: 'https://a.go.th/x.pdf', status: 404, foundOn: ['https://a.go.th/'] }], newlyFailing: [] };
const env = { OIT_LINE_TOKEN: 't0ken', OIT_WEBHOOK_SECRET: 's3cret' };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('alerts through msw', () => {
  it('pushes the digest text to the LINE Messaging API with the bearer token', async () => {
    const seen: Array<{ auth: string | null; body: unknown }> = [];
    server.use(
      http.post(LINE_PUSH, async ({ request }) => {
        seen.push({ auth: request.headers.get('authorization'), body: await request.json() });
        return HttpResponse.json({ sentMessages: [{ id: '1' }] });
      }),
    );
    const [line] = outgoing(config, config.agencies[0]!, digest, 'ลิงก์เสียใหม่ 1 รายการ', {}, env).filter((m) => m.channel === 'line');
    await line!.send();
    expect(seen).toEqual([{ auth: 'Bearer t0ken', body: { to: 'Uteam', messages: [{ type: 'text', text: 'ลิงก์เสียใหม่ 1 รายการ' }] } }]);
  });

  it('LINE gets summary.txt after the digest: plain text, no Markdown marks shown raw', async () => {
    const bodies: Array<{ messages: Array<{ text: string }> }> = [];
    server.use(
      http.post(LINE_PUSH, async ({ request }) => {
        bodies.push((await request.json()) as (typeof bodies)[number]);
        return HttpResponse.json({ sentMessages: [{ id: '1' }] });
      }),
    );
    const { summaryText } = await import('../../src/render/summary-md.js');
    const { goldenResult } = await import('../fixtures/hostile-result.js');
    const summary = summaryText(goldenResult(), 'th', { format: 'text' });
    const [line] = outgoing(config, config.agencies[0]!, digest, 'ลิงก์เสียใหม่ 1 รายการ', { summary }, env).filter((m) => m.channel === 'line');
    await line!.send();
    const text = bodies[0]!.messages[0]!.text;
    expect(text.startsWith('ลิงก์เสียใหม่ 1 รายการ\n\nผลตรวจความพร้อม OIT: อบต.หนองน้ำใส (ตัวอย่าง)')).toBe(true);
    expect(text).toContain('- O20 ');
    expect(text).not.toMatch(/\*\*|^#|^>/m);
  });

  it('says what LINE answered when it refuses the token', async () => {
    server.use(http.post(LINE_PUSH, () => HttpResponse.json({ message: 'Authentication failed' }, { status: 401 })));
    const [line] = outgoing(config, config.agencies[0]!, digest, 'x', {}, env).filter((m) => m.channel === 'line');
    await expect(line!.send()).rejects.toThrow(/LINE push answered HTTP 401: .*Authentication failed/);
  });

  it('signs the webhook body so the receiver can verify it, and reports a receiver error with its address', async () => {
    let signature: string | null = null;
    let body = '';
    server.use(
      http.post(HOOK, async ({ request }) => {
        signature = request.headers.get('x-oit-signature');
        body = await request.text();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const [hook] = outgoing(config, config.agencies[0]!, digest, 'x', {}, env).filter((m) => m.channel === 'webhook');
    await hook!.send();
    expect(signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
    expect(JSON.parse(body)).toMatchObject({ type: 'oit-crawler.digest', agency: { id: 'a' }, newBrokenLinks: [{ url: 'https://a.go.th/x.pdf', status: 404 }] });

    server.use(http.post(HOOK, () => new HttpResponse('down for maintenance', { status: 503 })));
    await expect(hook!.send()).rejects.toThrow(`webhook ${HOOK} answered HTTP 503: down for maintenance`);
  });

  it('names the channel when the receiver cannot be reached', async () => {
    server.use(http.post(HOOK, () => HttpResponse.error()));
    const [hook] = outgoing(config, config.agencies[0]!, digest, 'x', {}, env).filter((m) => m.channel === 'webhook');
    await expect(hook!.send()).rejects.toThrow(new RegExp(`^webhook ${HOOK}: (fetch failed|Failed to fetch)`));
  });
});
