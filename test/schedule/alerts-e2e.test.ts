// End to end: a site audited three times; a link breaks between the first two → exactly one alert per channel.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/schedule/config.js';
import { runOnce } from '../../src/schedule/worker.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';
import { STORES, title } from './stores.js';

let broken = false;
let site: Fixture;
const hooks: Array<{ body: string; signature: string | undefined }> = [];
const mails: string[] = [];
let hookServer: ReturnType<typeof createServer>;
let smtp: SMTPServer;
let hookUrl = '';
let smtpPort = 0;
const SECRET = 'test-secret-not-in-any-file';

beforeAll(async () => {
  site = await serve({
    '/': (_q, r) => send(r, 200, html('องค์การบริหารส่วนตำบลทดสอบ', '<a href="/news.html">ข่าวประชาสัมพันธ์</a> <a href="/plan.pdf">แผน</a>')),
    '/news.html': (_q, r) => (broken ? send(r, 404, html('404 ไม่พบหน้าที่ต้องการ', '')) : send(r, 200, html('ข่าวประชาสัมพันธ์', '<p>ข่าว 1 มกราคม 2566</p>'))),
  });
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push({ body, signature: req.headers['x-oit-signature'] as string | undefined });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/oit`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, cb) {
      let m = '';
      stream.on('data', (c) => (m += c));
      stream.on('end', () => {
        mails.push(m);
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as { port: number }).port;
});
afterAll(async () => {
  await site.close();
  hookServer.close();
  await new Promise((r) => smtp.close(() => r(undefined)));
});

for (const kind of STORES)
describe.skipIf(kind.skip)(title('alerts', kind), () => {
  beforeEach(() => {
    broken = false;
    hooks.length = 0;
    mails.length = 0;
  });

  it('baseline sends nothing; a newly broken link is alerted once on every channel; no change sends nothing', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-sched-'));
    writeFileSync(
      join(dir, 'oit.config.yaml'),
      `agencies:
  - id: tambon
    name: อบต.ทดสอบ
    url: ${site.url}
    rules: ita-2566
alerts:
  webhook:
    url: ${hookUrl}
  email:
    host: 127.0.0.1
    port: ${smtpPort}
    from: oit@test.local
    to: [webmaster@test.local]
collector:
  render: never
store: ./data
`,
    );
    const config = loadConfig(join(dir, 'oit.config.yaml'));
    process.env.OIT_WEBHOOK_SECRET = SECRET;
    const { store, dispose } = await kind.open(join(dir, 'data'));
    try {
      const first = await runOnce(config, store);
      expect(first.agencies[0]).toMatchObject({ stage: 'alerted', alerts: [] });
      expect(hooks).toHaveLength(0);
      expect(mails).toHaveLength(0);

      broken = true;
      const second = await runOnce(config, store);
      expect(second.agencies[0]!.alerts).toHaveLength(2);
      expect(hooks).toHaveLength(1);
      expect(mails).toHaveLength(1);
      const payload = JSON.parse(hooks[0]!.body);
      expect(payload.newBrokenLinks.map((b: { url: string }) => b.url)).toEqual([`${site.origin}/news.html`]);
      expect(hooks[0]!.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(hooks[0]!.body).digest('hex')}`);
      const mail = await simpleParser(mails[0]!);
      expect(mail.text).toContain(`${site.origin}/news.html`);
      expect(mail.subject).toContain('อบต.ทดสอบ');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['report.html']);
      expect(hooks[0]!.body).not.toContain(SECRET);

      const third = await runOnce(config, store);
      expect(third.agencies[0]!.alerts).toEqual([]);
      expect(hooks).toHaveLength(1);
      expect(mails).toHaveLength(1);
      expect((await store.history('tambon')).map((h) => h.stage)).toEqual(['alerted', 'alerted', 'alerted']);
      // The index of all agencies links the latest report and shows the change since the run before.
      const index = readFileSync(join(dir, 'data', 'reports', 'index.html'), 'utf8');
      expect(index).toContain('href="tambon/3/report.html"');
      expect(index).toContain('อบต.ทดสอบ');
    } finally {
      await dispose();
      delete process.env.OIT_WEBHOOK_SECRET;
    }
  });

  it('--dry-run prints what it would send and sends nothing', { timeout: 60_000 }, async () => {
    broken = false;
    const dir = mkdtempSync(join(tmpdir(), 'oit-dry-'));
    writeFileSync(join(dir, 'oit.config.yaml'), `agencies:\n  - id: tambon\n    name: อบต.ทดสอบ\n    url: ${site.url}\nalerts:\n  webhook:\n    url: ${hookUrl}\ncollector:\n  render: never\nstore: ./data\n`);
    const config = loadConfig(join(dir, 'oit.config.yaml'));
    const { store, dispose } = await kind.open(join(dir, 'data'));
    const printed: string[] = [];
    try {
      await runOnce(config, store);
      broken = true;
      const before = hooks.length;
      const dry = await runOnce(config, store, { dryRun: true, print: (t) => printed.push(t) });
      expect(dry.agencies[0]!.alerts).toEqual([`webhook:${hookUrl} (dry run)`]);
      expect(printed.join('')).toContain(`${site.origin}/news.html`);
      expect(hooks.length).toBe(before);
    } finally {
      await dispose();
    }
  });
});
