// The fleet end to end, through the built CLI as an operator runs it: 20 loopback agencies (each its own host),
// enqueued twice (added once), two `oit worker` processes on one Redis and one PostgreSQL, one of them killed with
// SIGKILL while it holds a job. Every agency must be audited exactly once in the cycle, and the history must equal
// (scores, defects) the same sites audited by one `oit run` on SQLite.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFleetSites, type FleetSites } from '../../src/demo/fleet-sites.js';
import { PostgresStore } from '../../src/schedule/store-postgres.js';
import { HistoryStore } from '../../src/schedule/store.js';
import { FLEET_SKIP, fleetYaml, oit, oitDone, REDIS_URL, scratchDatabase, scratchQueue } from './services.js';

const N = 20;

describe.skipIf(FLEET_SKIP)('the fleet: two workers, one Redis, one PostgreSQL', () => {
  let sites: FleetSites;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const q = scratchQueue('e2e');
  const dir = mkdtempSync(join(tmpdir(), 'oit-fleet-'));
  const pgCfg = join(dir, 'pg.yaml');
  const liteCfg = join(dir, 'sqlite.yaml');

  beforeAll(async () => {
    // A pause per answer, as agency servers have: jobs then last long enough to be caught mid-way.
    sites = await serveFleetSites(N, { latencyMs: 15 });
    db = await scratchDatabase('fleet');
    writeFileSync(pgCfg, fleetYaml({ agencies: sites.agencies, store: db.url, data: join(dir, 'pg-data'), queue: { url: REDIS_URL, name: q.name, lockSeconds: 4 }, perHost: 2 }));
    writeFileSync(liteCfg, fleetYaml({ agencies: sites.agencies, store: join(dir, 'sqlite'), data: join(dir, 'sqlite'), perHost: 2 }));
  });

  afterAll(async () => {
    await sites?.close();
    await db?.drop();
    await q.clean();
  });

  it('audits every agency exactly once, survives kill -9 of a worker, and matches a single SQLite worker', { timeout: 300_000 }, async () => {
    const single = await oitDone(['run', '--config', liteCfg]);
    expect(single.status, single.stderr).toBe(0);

    expect((await oitDone(['store', 'migrate', '--config', pgCfg])).status).toBe(0);
    const first = await oitDone(['run', '--once', '--config', pgCfg]);
    expect(first.stdout).toMatch(new RegExp(`${N} agencies enqueued, 0 already queued`));
    // A second scheduler tick in the same cycle adds nothing: the job id is the agency and the cycle.
    const again = await oitDone(['run', '--once', '--config', pgCfg]);
    expect(again.stdout).toMatch(new RegExp(`0 agencies enqueued, ${N} already queued`));

    const victim = oit(['worker', '--config', pgCfg, '--concurrency', '2']);
    const survivor = oit(['worker', '--config', pgCfg, '--concurrency', '2', '--exit-when-idle']);
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(q.name, { connection });
    try {
      // Wait until the victim holds a job, then kill it with no chance to hand it back.
      let held: string | undefined;
      for (let i = 0; i < 600 && !held; i++) {
        const active = await queue.getJobs(['active']);
        held = active.find((j) => j?.processedBy?.endsWith(`:${victim.child.pid}`))?.id;
        if (!held) await new Promise((r) => setTimeout(r, 50));
      }
      expect(held, 'the victim worker never took a job').toBeDefined();
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBeNull();

      expect(await survivor.exited, survivor.stderr()).toBe(0);
      const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      expect(counts).toEqual({ completed: N, failed: 0, waiting: 0, active: 0, delayed: 0 });
      // The job the killed worker held was finished by the other one.
      const job = await queue.getJob(held!);
      expect(await job!.getState()).toBe('completed');
      expect(job!.processedBy).toMatch(new RegExp(`:${survivor.child.pid}$`));
    } finally {
      await queue.close();
      connection.disconnect();
    }

    const status = await oitDone(['queue', 'status', '--config', pgCfg, '--json']);
    const parsed = JSON.parse(status.stdout) as { cycles: Array<{ done: number; failed: number; waiting: number }> };
    expect(parsed.cycles).toHaveLength(1);
    expect(parsed.cycles[0]).toMatchObject({ done: N, failed: 0, waiting: 0 });

    // The history: one run for the cycle, one finished audit per agency, equal to the single SQLite worker's.
    const pgStore = await PostgresStore.open(db.url);
    const lite = new HistoryStore(join(dir, 'sqlite'));
    try {
      for (const a of sites.agencies) {
        const rows = await pgStore.history(a.id);
        expect(rows, a.id).toHaveLength(1);
        expect(rows[0]!.stage).toBe('alerted');
        const ref = lite.history(a.id);
        expect(ref).toHaveLength(1);
        expect(rows[0]!.oit, a.id).toBe(ref[0]!.oit);
        expect(rows[0]!.grade).toBe(ref[0]!.grade);
        const keys = [...(await pgStore.defectKeys(rows[0]!.run_id, a.id)).keys()].sort();
        expect(keys.length).toBeGreaterThan(0);
        expect(keys, a.id).toEqual([...lite.defectKeys(ref[0]!.run_id, a.id).keys()].sort());
      }
      const runs = new Set((await Promise.all(sites.agencies.map((a) => pgStore.history(a.id)))).flat().map((r) => r.run_id));
      expect(runs.size).toBe(1);
      expect(await pgStore.unfinishedRun()).toBeUndefined();
      expect(await pgStore.lastCompleted()).toBeDefined();
    } finally {
      await pgStore.close();
      lite.close();
    }
  });
});
