// The store's side of the fleet, on both stores: one run per cycle whoever starts it, alerts claimed by one worker,
// and a job done by two workers at once (its lock lost while the first still ran) recorded once and alerted once.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/schedule/config.js';
import { runQueuedAudit } from '../../src/schedule/worker.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';
import { STORES, title } from '../schedule/stores.js';

let broken = false;
let site: Fixture;
const hooks: string[] = [];
let hookServer: ReturnType<typeof createServer>;
let hookUrl = '';

beforeAll(async () => {
  site = await serve({
    '/': (_q, r) => send(r, 200, html('องค์การบริหารส่วนตำบลทดสอบ', '<a href="/news.html">ข่าวประชาสัมพันธ์</a>')),
    '/news.html': (_q, r) => (broken ? send(r, 404, html('404 ไม่พบหน้าที่ต้องการ', '')) : send(r, 200, html('ข่าวประชาสัมพันธ์', '<p>ข่าว 1 มกราคม 2566</p>'))),
  });
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/oit`;
});
afterAll(async () => {
  await site.close();
  hookServer.close();
});

const outDir = (runId: number) => `/nonexistent/${runId}`;

for (const kind of STORES)
  describe.skipIf(kind.skip)(title('the fleet in the store', kind), () => {
    it('an audit is held by one worker at a time; a dead holder lets go when its lease ends', async () => {
      const { store, dispose } = await kind.open(mkdtempSync(join(tmpdir(), 'oit-hold-')));
      try {
        const t0 = new Date('2026-12-01T02:00:00Z');
        const row = await store.cycleAudit('c1', { id: 'a', outDir }, t0);
        const held = await Promise.all(['w1', 'w2'].map((w) => store.holdAudit(row.run_id, 'a', w, t0, 10_000)));
        expect(held.filter(Boolean)).toHaveLength(1);
        const [winner, loser] = held[0] ? ['w1', 'w2'] : ['w2', 'w1'];
        expect(await store.holdAudit(row.run_id, 'a', winner!, new Date(t0.getTime() + 5_000), 10_000)).toBe(true);
        expect(await store.holdAudit(row.run_id, 'a', loser!, new Date(t0.getTime() + 9_000), 10_000)).toBe(false);
        // The winner stopped renewing (killed): its lease ends 10 s after its last renewal.
        expect(await store.holdAudit(row.run_id, 'a', loser!, new Date(t0.getTime() + 15_001), 10_000)).toBe(true);
        await store.releaseAudit(row.run_id, 'a', winner!);
        expect(await store.holdAudit(row.run_id, 'a', winner!, new Date(t0.getTime() + 16_000), 10_000)).toBe(false);
        await store.releaseAudit(row.run_id, 'a', loser!);
        expect(await store.holdAudit(row.run_id, 'a', winner!, new Date(t0.getTime() + 16_000), 10_000)).toBe(true);
      } finally {
        await dispose();
      }
    });

    it('one run per cycle, whoever starts it; an agency row once', async () => {
      const { store, dispose } = await kind.open(mkdtempSync(join(tmpdir(), 'oit-cycle-')));
      try {
        const now = new Date('2026-12-01T02:00:00Z');
        const rows = await Promise.all(['a', 'b', 'c', 'a'].map((id) => store.cycleAudit('c2026-11-26', { id, outDir }, now)));
        expect(new Set(rows.map((r) => r.run_id)).size).toBe(1);
        expect(rows.map((r) => r.stage)).toEqual(['pending', 'pending', 'pending', 'pending']);
        expect((await store.audits(rows[0]!.run_id)).map((r) => r.agency)).toEqual(['a', 'b', 'c']);
        const next = await store.cycleAudit('c2026-12-11', { id: 'a', outDir }, now);
        expect(next.run_id).not.toBe(rows[0]!.run_id);
        // A cycle's run is finished by its jobs, never resumed by `oit run`.
        expect(await store.unfinishedRun()).toBeUndefined();
        expect(await store.finishCycle(rows[0]!.run_id, now)).toBe(false);
        for (const id of ['a', 'b', 'c']) await store.setStage(rows[0]!.run_id, id, 'alerted');
        expect(await store.finishCycle(rows[0]!.run_id, now)).toBe(true);
        expect(await store.finishCycle(rows[0]!.run_id, now)).toBe(false);
      } finally {
        await dispose();
      }
    });

    it('an alert is claimed by one sender; a claim given back or left by a dead sender is claimed again', async () => {
      const { store, dispose } = await kind.open(mkdtempSync(join(tmpdir(), 'oit-claim-')));
      try {
        const t0 = new Date('2026-12-01T02:00:00Z');
        const later = (ms: number) => new Date(t0.getTime() + ms);
        const lease = 60_000;
        const claims = await Promise.all([1, 2, 3].map(() => store.claimAlert('a', 1, 'webhook:x', t0, lease)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await store.wasAlerted('a', 1, 'webhook:x')).toBe(false);
        expect(await store.claimAlert('a', 1, 'webhook:x', later(30_000), lease)).toBe(false);
        // Its sender died: after the lease another takes it.
        expect(await store.claimAlert('a', 1, 'webhook:x', later(61_000), lease)).toBe(true);
        await store.releaseAlert('a', 1, 'webhook:x');
        expect(await store.claimAlert('a', 1, 'webhook:x', later(62_000), lease)).toBe(true);
        await store.markAlerted('a', 1, 'webhook:x', 'digest', later(63_000));
        expect(await store.wasAlerted('a', 1, 'webhook:x')).toBe(true);
        // Sent is sent, however late.
        expect(await store.claimAlert('a', 1, 'webhook:x', later(10 * lease), lease)).toBe(false);
        expect(await store.claimAlert('a', 1, 'email:y', later(10 * lease), lease)).toBe(true);
      } finally {
        await dispose();
      }
    });

    it('a job run by two workers at once is recorded once and alerted once', { timeout: 60_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'oit-twice-'));
      writeFileSync(join(dir, 'oit.config.yaml'), `agencies:\n  - id: tambon\n    name: อบต.ทดสอบ\n    url: ${site.url}\n    rules: ita-2566\nalerts:\n  webhook:\n    url: ${hookUrl}\ncollector:\n  render: never\nstore: ./data\n`);
      const config = loadConfig(join(dir, 'oit.config.yaml'));
      const { store, dispose } = await kind.open(join(dir, 'data'));
      broken = false;
      hooks.length = 0;
      try {
        const base = await runQueuedAudit(config, store, 'c2026-11-11', 'tambon');
        expect(base).toMatchObject({ stage: 'alerted', skipped: false, alerts: [] });
        // The same job again in its cycle (re-enqueued after BullMQ forgot it): nothing is redone.
        expect(await runQueuedAudit(config, store, 'c2026-11-11', 'tambon')).toMatchObject({ skipped: true });
        if (kind.name === 'PostgreSQL') {
          // A worker on another machine has none of the first audit's files: the store holds what it compares with.
          rmSync(join(dir, 'data', 'reports'), { recursive: true, force: true });
        }
        broken = true;
        const both = await Promise.all([runQueuedAudit(config, store, 'c2026-11-26', 'tambon'), runQueuedAudit(config, store, 'c2026-11-26', 'tambon')]);
        // One audits; the other finds it held and leaves it (the queue looks again later).
        const a = both.find((r) => !r.heldElsewhere)!;
        expect(both.filter((r) => r.heldElsewhere)).toHaveLength(1);
        expect(a.stage).toBe('alerted');
        expect(hooks).toHaveLength(1);
        expect(JSON.parse(hooks[0]!).newBrokenLinks.map((x: { url: string }) => x.url)).toEqual([`${site.origin}/news.html`]);
        expect(a.alerts).toHaveLength(1);
        // When it looks again, the audit is done: nothing is redone or sent.
        expect(await runQueuedAudit(config, store, 'c2026-11-26', 'tambon')).toMatchObject({ skipped: true, runId: a.runId });
        expect(hooks).toHaveLength(1);
        const history = await store.history('tambon');
        expect(history.map((r) => r.stage)).toEqual(['alerted', 'alerted']);
        expect((await store.defectKeys(a.runId, 'tambon')).size).toBeGreaterThan(0);
        if (kind.name === 'PostgreSQL') {
          // The web app on another machine reads the audit from the store when its folder is not there.
          rmSync(join(dir, 'data', 'reports'), { recursive: true, force: true });
          const kept = await store.result(a.runId, 'tambon');
          expect(kept?.links.broken.map((x) => x.url)).toEqual([`${site.origin}/news.html`]);
        }
      } finally {
        await dispose();
      }
    });
  });
