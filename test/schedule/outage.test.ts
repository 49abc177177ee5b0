// An agency whose server is down for scheduled runs: recorded as unreachable (no score), one alert per outage that
// names no item, and nothing new when the site is back. Regression for "an outage became OIT 0.00 and 16 alerts".
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/schedule/config.js';
import { runOnce } from '../../src/schedule/worker.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';
import { STORES, title } from './stores.js';

const hooks: Array<Record<string, unknown>> = [];
let hookServer: ReturnType<typeof createServer>;
let hookUrl = '';

const SITE_ROUTES = {
  '/': (_q: unknown, r: import('node:http').ServerResponse) => send(r, 200, html('องค์การบริหารส่วนตำบลทดสอบ', '<a href="/news.html">ข่าวประชาสัมพันธ์</a>')),
  '/news.html': (_q: unknown, r: import('node:http').ServerResponse) => send(r, 200, html('ข่าวประชาสัมพันธ์', '<p>ข่าว 1 มกราคม 2566</p>')),
};

beforeAll(async () => {
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push(JSON.parse(body) as Record<string, unknown>);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/oit`;
});
afterAll(() => {
  hookServer.close();
});

/** A port that was just free: nothing listens on it once the probe server is closed. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

for (const kind of STORES)
describe.skipIf(kind.skip)(title('scheduled runs through an outage', kind), () => {
  it('records an unreachable run without a score, alerts once naming no item, and is silent on recovery', { timeout: 90_000 }, async () => {
    hooks.length = 0;
    const port = await freePort();
    let site: Fixture | undefined = await serve(SITE_ROUTES, undefined, undefined, port);
    const dir = mkdtempSync(join(tmpdir(), 'oit-outage-'));
    writeFileSync(join(dir, 'oit.config.yaml'), `agencies:\n  - id: tambon\n    name: อบต.ทดสอบ\n    url: http://127.0.0.1:${port}/\n    rules: ita-2566\nalerts:\n  webhook:\n    url: ${hookUrl}\ncollector:\n  render: never\n  timeoutSeconds: 2\nstore: ./data\n`);
    const config = loadConfig(join(dir, 'oit.config.yaml'));
    const { store, dispose } = await kind.open(join(dir, 'data'));
    try {
      const baseline = await runOnce(config, store);
      expect(baseline.agencies[0]).toMatchObject({ stage: 'alerted' });
      const baselineScore = baseline.agencies[0]!.score;
      expect(baselineScore).not.toBeNull();

      await site.close();
      site = undefined;
      const down1 = await runOnce(config, store);
      expect(down1.agencies[0]).toMatchObject({ stage: 'unreachable', score: null });
      expect(down1.agencies[0]!.error).toContain(`127.0.0.1:${port}`);
      expect(hooks).toHaveLength(1);
      const alert = hooks[0]!;
      expect(alert.unreachable).toMatchObject({ code: 'site-unreachable' });
      expect(alert.newlyFailing).toEqual([]);
      expect(alert.newBrokenLinks).toEqual([]);
      expect(String(alert.text)).toContain('เว็บไซต์เข้าไม่ได้');
      expect(String(alert.text)).not.toMatch(/\bO\d+\b/);

      // Still down: the same outage, no second alert.
      const down2 = await runOnce(config, store);
      expect(down2.agencies[0]!.stage).toBe('unreachable');
      expect(hooks).toHaveLength(1);

      site = await serve(SITE_ROUTES, undefined, undefined, port);
      const back = await runOnce(config, store);
      expect(back.agencies[0]).toMatchObject({ stage: 'alerted', alerts: [] });
      expect(back.agencies[0]!.score).toBe(baselineScore);
      expect(hooks).toHaveLength(1);

      const rows = await store.history('tambon');
      expect(rows.map((r) => r.stage)).toEqual(['alerted', 'unreachable', 'unreachable', 'alerted']);
      expect(rows.filter((r) => r.stage === 'unreachable').every((r) => r.oit === null && r.grade === null)).toBe(true);
    } finally {
      await dispose();
      await site?.close();
    }
  });
});
