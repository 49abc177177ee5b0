// oit.config.yaml: the minimal file works as written; mistakes name file, line and field; dry runs send nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/input-error.js';
import { EXAMPLE_CONFIG, loadConfig } from '../../src/schedule/config.js';
import { outgoing } from '../../src/schedule/send.js';
import type { Digest } from '../../src/schedule/digest.js';

const write = (name: string, text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'oit-cfg-')), name);
  writeFileSync(f, text);
  return f;
};

describe('config', () => {
  it('accepts the minimal file from the issue, with defaults for everything else', () => {
    const c = loadConfig(write('oit.config.yaml', `agencies:\n  - id: nongnamsai\n    name: อบต.หนองน้ำใส\n    url: https://www.nongnamsai.go.th/\n    rules: ita-2566\nalerts:\n  webhook:\n    url: https://hooks.example.invalid/oit\nstore: ./data\n`));
    expect(c.schedule).toEqual({ everyDays: 15, at: '02:00', timezone: 'Asia/Bangkok', parallel: 2 });
    expect(c.alerts.webhook).toEqual({ url: 'https://hooks.example.invalid/oit', secretEnv: 'OIT_WEBHOOK_SECRET' });
    expect(c.collector.perHost).toBe(4);
  });
  it('accepts the commented example `oit init` writes, and JSON', () => {
    expect(loadConfig(write('oit.config.yaml', EXAMPLE_CONFIG)).agencies[0]!.id).toBe('nongnamsai');
    expect(loadConfig(write('oit.config.json', JSON.stringify({ agencies: [{ id: 'x', name: 'x', url: 'http://x.go.th/' }] }))).store).toBe('./data');
  });
  it('names file, line and field of each mistake, and rejects a secret written into the file', () => {
    const f = write('bad.yaml', `agencies:\n  - id: ok\n    name: x\n    url: https://x.go.th/\n    contacts:\n      email: [not-an-email]\nalerts:\n  line:\n    tokenEnv: "abc123-token"\nschedule:\n  everyDays: 0\n  colour: blue\n`);
    try {
      loadConfig(f);
      throw new Error('not rejected');
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      const msg = (err as Error).message;
      expect(msg).toContain(f);
      expect(msg).toMatch(/line 6: agencies\[0\]\.contacts\.email\[0\]/);
      expect(msg).toMatch(/line 9: alerts\.line\.tokenEnv: must be the NAME of an environment variable/);
      expect(msg).toMatch(/line 11: schedule\.everyDays/);
      expect(msg).toMatch(/schedule: .*colour/);
    }
    expect(() => loadConfig(write('broken.yaml', 'agencies: [\n  - id: x\n'))).toThrow(/line \d/);
  });
});

describe('channels', () => {
  const c = loadConfig(write('c.yaml', `agencies:\n  - id: a\n    name: อบต.ก\n    url: https://a.go.th/\n    contacts:\n      line: [Uagency]\nalerts:\n  webhook:\n    url: https://hooks.example.invalid/oit\n  line:\n    tokenEnv: OIT_LINE_TOKEN\n    to: [Uteam]\n    endpoint: http://127.0.0.1:9/push\n`));
  const d: Digest = { agency: 'a', site: 'https://a.go.th', runId: 2, asOf: '2026-01-02', score: 80, previousScore: 90, newBrokenLinks: [{ url: 'https://a.go.th/x.pdf', status: 404, foundOn: [] }], newlyFailing: [] };
  it('builds one message per channel and recipient; previews carry no secret', () => {
    const msgs = outgoing(c, c.agencies[0]!, d, 'text', {}, { OIT_WEBHOOK_SECRET: 's3cret', OIT_LINE_TOKEN: 't0ken' });
    expect(msgs.map((m) => `${m.channel}:${m.to}`)).toEqual(['webhook:https://hooks.example.invalid/oit', 'line:Uteam', 'line:Uagency']);
    for (const m of msgs) expect(m.preview).not.toMatch(/s3cret|t0ken/);
  });
  it('refuses to send LINE without its token in the environment', async () => {
    const [, line] = outgoing(c, c.agencies[0]!, d, 'text', {}, {});
    await expect(line!.send()).rejects.toThrow(/OIT_LINE_TOKEN is not set/);
  });

  it('pushes to the LINE Messaging API with the token from the environment', async () => {
    const got: Array<{ auth: string | undefined; body: string }> = [];
    const { createServer } = await import('node:http');
    const srv = createServer((req, res) => {
      let body = '';
      req.on('data', (x) => (body += x));
      req.on('end', () => {
        got.push({ auth: req.headers.authorization, body });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    const local = { ...c, alerts: { ...c.alerts, line: { ...c.alerts.line!, endpoint: `http://127.0.0.1:${port}/v2/bot/message/push` } } };
    const lines = outgoing(local, c.agencies[0]!, d, 'ลิงก์เสีย https://a.go.th/x.pdf', {}, { OIT_LINE_TOKEN: 't0ken' }).filter((m) => m.channel === 'line');
    for (const m of lines) await m.send();
    srv.close();
    expect(got.map((g) => g.auth)).toEqual(['Bearer t0ken', 'Bearer t0ken']);
    expect(JSON.parse(got[0]!.body)).toEqual({ to: 'Uteam', messages: [{ type: 'text', text: 'ลิงก์เสีย https://a.go.th/x.pdf' }] });
  });
});
