// Politeness across crawls: two agencies on one host never get more than `perHost` requests at once in total, whether
// one process audits both (`oit run`) or two workers do (the slots are then counted in Redis). The control run (two
// separate `oit audit` processes, which share nothing) shows that the server's counter does see an excess.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFleetSites, type FleetSites } from '../../src/demo/fleet-sites.js';
import { FLEET_SKIP, fleetYaml, oit, oitDone, REDIS_URL, scratchDatabase, scratchQueue, stagesIn } from './services.js';

const PER_HOST = 2;

describe.skipIf(FLEET_SKIP)('two agencies on one host', () => {
  let sites: FleetSites;
  const dir = mkdtempSync(join(tmpdir(), 'oit-perhost-'));

  beforeAll(async () => {
    // Slow answers, so that requests overlap whenever the crawlers allow it.
    sites = await serveFleetSites(2, { perHost: 2, latencyMs: 40 });
    expect(sites.servers).toHaveLength(1);
  });
  afterAll(() => sites?.close());

  const served = () => sites.servers[0]!.stats;
  const reset = () => Object.assign(served(), { requests: 0, peak: 0 });

  it('control: two separate audits that share nothing exceed the limit together', { timeout: 120_000 }, async () => {
    reset();
    const runs = sites.agencies.map((a) => oitDone(['audit', a.url, '--out', join(dir, `control-${a.id}`), '--rules', 'ita-2566', '--per-host', String(PER_HOST), '--render', 'never', '--quiet']));
    for (const r of await Promise.all(runs)) expect(r.status, r.stderr).not.toBeNull();
    expect(served().requests).toBeGreaterThan(40);
    expect(served().peak).toBeGreaterThan(PER_HOST);
  });

  it('one process auditing both keeps the host within the limit', { timeout: 120_000 }, async () => {
    reset();
    const cfg = join(dir, 'one.yaml');
    writeFileSync(cfg, fleetYaml({ agencies: sites.agencies, store: join(dir, 'one'), data: join(dir, 'one'), perHost: PER_HOST }));
    const r = await oitDone(['run', '--config', cfg]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/\talerted\t/g)).toHaveLength(2);
    expect(served().requests).toBeGreaterThan(40);
    expect(served().peak).toBeLessThanOrEqual(PER_HOST);
  });

  it('two workers auditing one each keep the host within the limit (Redis slots)', { timeout: 180_000 }, async () => {
    reset();
    const db = await scratchDatabase('perhost');
    const q = scratchQueue('perhost');
    try {
      const cfg = join(dir, 'fleet.yaml');
      writeFileSync(cfg, fleetYaml({ agencies: sites.agencies, store: db.url, data: join(dir, 'fleet'), queue: { url: REDIS_URL, name: q.name, lockSeconds: 30 }, perHost: PER_HOST }));
      expect((await oitDone(['store', 'migrate', '--config', cfg])).status).toBe(0);
      expect((await oitDone(['run', '--once', '--config', cfg])).stdout).toMatch(/2 agencies enqueued/);
      const workers = [oit(['worker', '--config', cfg, '--concurrency', '1', '--exit-when-idle']), oit(['worker', '--config', cfg, '--concurrency', '1', '--exit-when-idle'])];
      for (const w of workers) expect(await w.exited, w.stderr()).toBe(0);
      // Each worker took one agency: the two crawls ran at the same time.
      for (const w of workers) expect(w.stdout()).toMatch(/\tdone\t/);
      expect(served().requests).toBeGreaterThan(40);
      expect(served().peak).toBeLessThanOrEqual(PER_HOST);
      expect(await stagesIn(db.url, sites.agencies)).toEqual(sites.agencies.map(() => ['alerted']));
    } finally {
      await db.drop();
      await q.clean();
    }
  });
});
