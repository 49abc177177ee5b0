// A worker told to stop (SIGTERM, as systemd or Kubernetes do) mid-job: with no grace it hands the job back to the
// queue and exits 0; the next worker audits it; nothing is lost or recorded twice. With grace it finishes first.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFleetSites, type FleetSites } from '../../src/demo/fleet-sites.js';
import { FLEET_SKIP, fleetYaml, oit, oitDone, REDIS_URL, scratchDatabase, scratchQueue, stagesIn } from './services.js';

describe.skipIf(FLEET_SKIP)('a worker stopped with SIGTERM', () => {
  let sites: FleetSites;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const q = scratchQueue('term');
  const dir = mkdtempSync(join(tmpdir(), 'oit-term-'));
  const cfg = join(dir, 'fleet.yaml');

  beforeAll(async () => {
    sites = await serveFleetSites(2, { latencyMs: 60 });
    db = await scratchDatabase('term');
    writeFileSync(cfg, fleetYaml({ agencies: sites.agencies, store: db.url, data: join(dir, 'data'), queue: { url: REDIS_URL, name: q.name, lockSeconds: 30 }, perHost: 2 }));
    expect((await oitDone(['store', 'migrate', '--config', cfg])).status).toBe(0);
  });
  afterAll(async () => {
    await sites?.close();
    await db?.drop();
    await q.clean();
  });

  const waitActive = async (queue: Queue, n: number) => {
    for (let i = 0; i < 400; i++) {
      if ((await queue.getActiveCount()) >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no job became active');
  };

  it('hands the job back without grace, finishes it with grace; every agency audited once', { timeout: 180_000 }, async () => {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(q.name, { connection });
    try {
      expect((await oitDone(['run', '--once', '--config', cfg])).stdout).toMatch(/2 agencies enqueued/);
      // No grace: both running audits go back to the queue at once.
      const first = oit(['worker', '--config', cfg, '--concurrency', '2', '--grace', '0']);
      await waitActive(queue, 2);
      first.child.kill('SIGTERM');
      expect(await first.exited, first.stderr()).toBe(0);
      expect(first.stdout().match(/\thanded back/g)).toHaveLength(2);
      expect(await queue.getJobCounts('completed', 'failed', 'active')).toEqual({ completed: 0, failed: 0, active: 0 });
      const back = await queue.getJobCounts('waiting', 'delayed');
      expect(back.waiting + back.delayed).toBe(2);

      // Grace: the worker stops taking jobs and finishes the ones it holds.
      const second = oit(['worker', '--config', cfg, '--concurrency', '2', '--grace', '120']);
      await waitActive(queue, 1);
      second.child.kill('SIGTERM');
      expect(await second.exited, second.stderr()).toBe(0);
      expect(second.stdout()).not.toMatch(/handed back/);
      const finished = (second.stdout().match(/\tdone\t/g) ?? []).length;
      expect(finished).toBeGreaterThanOrEqual(1);

      // Whatever is left, a third worker finishes.
      const third = oit(['worker', '--config', cfg, '--concurrency', '2', '--exit-when-idle']);
      expect(await third.exited, third.stderr()).toBe(0);
      expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
      expect(await stagesIn(db.url, sites.agencies)).toEqual(sites.agencies.map(() => ['alerted']));
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
