// A job that hangs is stopped after queue.jobTimeoutSeconds, retried with backoff, and failed after its last attempt:
// the worker goes on, `oit queue status` counts it failed, and the history says why.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFleetSites, type FleetSites } from '../../src/demo/fleet-sites.js';
import { PostgresStore } from '../../src/schedule/store-postgres.js';
import { FLEET_SKIP, fleetYaml, oit, oitDone, REDIS_URL, scratchDatabase, scratchQueue } from './services.js';

describe.skipIf(FLEET_SKIP)('a job that runs too long', () => {
  let sites: FleetSites;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const q = scratchQueue('timeout');
  const dir = mkdtempSync(join(tmpdir(), 'oit-jobtimeout-'));
  const cfg = join(dir, 'fleet.yaml');

  beforeAll(async () => {
    // Every answer takes 2 s: the crawl cannot end within the job's 5 s.
    sites = await serveFleetSites(1, { latencyMs: 2000 });
    db = await scratchDatabase('timeout');
    writeFileSync(cfg, fleetYaml({ agencies: sites.agencies, store: db.url, data: join(dir, 'data'), queue: { url: REDIS_URL, name: q.name, lockSeconds: 30, more: ['attempts: 2', 'jobTimeoutSeconds: 5'] }, perHost: 2 }));
    expect((await oitDone(['store', 'migrate', '--config', cfg])).status).toBe(0);
  });
  afterAll(async () => {
    await sites?.close();
    await db?.drop();
    await q.clean();
  });

  it('is stopped, retried once, then failed with its reason in the queue and the history', { timeout: 120_000 }, async () => {
    expect((await oitDone(['run', '--once', '--config', cfg])).stdout).toMatch(/1 agencies enqueued/);
    const w = oit(['worker', '--config', cfg, '--exit-when-idle']);
    expect(await w.exited, w.stderr()).toBe(1);
    expect(w.stdout()).toMatch(/\twill retry\t.*still running after 5 s/);
    expect(w.stdout()).toMatch(/\tfailed\t.*still running after 5 s/);
    const status = JSON.parse((await oitDone(['queue', 'status', '--config', cfg, '--json'])).stdout) as { cycles: Array<{ failed: number; done: number }> };
    expect(status.cycles[0]).toMatchObject({ failed: 1, done: 0 });
    const store = await PostgresStore.open(db.url);
    try {
      const [row] = await store.history(sites.agencies[0]!.id);
      expect(row!.stage).toBe('failed');
      expect(row!.error).toMatch(/still running after 5 s/);
      expect(await store.unfinishedRun()).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
