// What the web app reads of the history (WebHistory), on SQLite and on PostgreSQL (skipped when it is down): run
// statuses, every audit, one audit's outcomes and defects, every agency's latest recorded audit, the agency being
// audited now, and the web runs a stopped server left behind. The same writes read back the same on both.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebHistory } from '../../src/schedule/store-api.js';
import { WEB_TRIGGER } from '../../src/schedule/store.js';
import { goldenResult } from '../fixtures/hostile-result.js';
import { STORES, title, type OpenServe } from './stores.js';

const day = (d: number) => new Date(Date.UTC(2023, 4, d, 3));
const out = (agency: string) => (id: number) => `/reports/${agency}/${id}`;

/** Two scheduled runs, a web run left running for `demo`, and a scheduled run still auditing `other`. */
async function fill(h: WebHistory) {
  const r1 = await h.startRun([{ id: 'demo', outDir: out('demo') }, { id: 'other', outDir: out('other') }], 'schedule', day(1));
  await h.record(r1, 'demo', goldenResult(), day(1));
  await h.markUnreachable(r1, 'other', { code: 'site-unreachable', data: { url: 'http://other/', status: 0, error: 'timeout' } }, day(1));
  await h.markRun(r1, 'done', day(1));
  const r2 = await h.startRun([{ id: 'demo', outDir: out('demo') }, { id: 'other', outDir: out('other') }], 'schedule', day(2));
  const second = goldenResult();
  second.items = second.items.filter((i) => i.id !== 'O1');
  await h.record(r2, 'demo', second, day(2));
  await h.record(r2, 'other', goldenResult(), day(2));
  await h.markRun(r2, 'done', day(2));
  const web = await h.startRun([{ id: 'demo', outDir: out('demo') }], WEB_TRIGGER, day(3));
  await h.setStage(web, 'demo', 'crawled');
  const busy = await h.startRun([{ id: 'other', outDir: out('other') }], 'schedule', day(3));
  return { r1, r2, web, busy };
}

async function readAll(h: WebHistory, ids: Awaited<ReturnType<typeof fill>>) {
  const latest = await h.latestRecorded();
  const sortBy = <T extends { agency: string }>(rows: T[], k: (r: T) => string) => [...rows].sort((a, b) => `${a.agency} ${k(a)}`.localeCompare(`${b.agency} ${k(b)}`));
  return {
    statuses: Object.fromEntries(await h.runStatuses()),
    status: [await h.runStatus(ids.r1), await h.runStatus(ids.web), await h.runStatus(999)],
    audits: (await h.allAudits()).map((a) => [a.agency, a.run_id, a.stage, a.oit, a.budget_hit]),
    audit: await h.audit(ids.r2, 'demo'),
    noAudit: await h.audit(ids.r2, 'nobody'),
    outcomes: sortBy(await h.itemOutcomes(ids.r1, 'demo'), (r) => r.item),
    defects: sortBy(await h.defectRows(ids.r2, 'demo'), (r) => r.key),
    latestOutcomes: sortBy(latest.outcomes, (r) => r.item),
    latestDefects: sortBy(latest.defects, (r) => r.key),
    active: [await h.activeRun('demo'), await h.activeRun('other'), await h.activeRun('nobody')],
  };
}

const results = new Map<string, unknown>();

for (const kind of STORES) {
  describe.skipIf(kind.skip)(title('web history reads', kind), () => {
    let open: OpenServe | undefined;
    afterEach(async () => {
      await open?.dispose();
      open = undefined;
    });

    it('reads the pages need, then a restarted server fails its unfinished web runs (and only those)', async () => {
      open = await kind.openServe(join(mkdtempSync(join(tmpdir(), 'oit-web-history-')), 'data'));
      const h = open.store.history;
      const ids = await fill(h);
      const got = await readAll(h, ids);
      expect(ids).toEqual({ r1: 1, r2: 2, web: 3, busy: 4 });
      expect(got.statuses).toEqual({ 1: 'done', 2: 'done', 3: 'running', 4: 'running' });
      expect(got.status).toEqual(['done', 'running', undefined]);
      // Oldest first per agency.
      expect(got.audits).toEqual([
        ['demo', 1, 'recorded', 85.25, 0],
        ['demo', 2, 'recorded', expect.any(Number), 0],
        ['demo', 3, 'crawled', null, null],
        ['other', 1, 'unreachable', null, null],
        ['other', 2, 'recorded', 85.25, 0],
        ['other', 4, 'pending', null, null],
      ]);
      expect(got.audit).toMatchObject({ run_id: 2, agency: 'demo', stage: 'recorded', out_dir: '/reports/demo/2', framework: 'ita-2566' });
      expect(got.noAudit).toBeUndefined();
      expect(got.outcomes.length).toBe(goldenResult().items.length);
      expect(got.outcomes.find((o) => o.item === 'O17')!.evidence).toMatch(/o17-satisfaction-2565\.pdf@/);
      expect(got.defects.length).toBeGreaterThan(0);
      // Latest recorded: run 2 of both agencies (demo's web run 3 is not recorded).
      expect(new Set(got.latestOutcomes.map((o) => `${o.agency}/${o.run_id}`))).toEqual(new Set(['demo/2', 'other/2']));
      expect(got.latestOutcomes.some((o) => o.agency === 'demo' && o.item === 'O1')).toBe(false);
      expect(new Set(got.latestDefects.map((d) => `${d.agency}/${d.run_id}`))).toEqual(new Set(['demo/2', 'other/2']));
      expect(got.active).toEqual([3, 4, undefined]);

      expect(await h.abandonWebRuns('the web server stopped during this audit', day(4))).toEqual([3]);
      expect(await h.abandonWebRuns('again', day(4))).toEqual([]);
      const after = { statuses: Object.fromEntries(await h.runStatuses()), web: await h.audit(3, 'demo'), active: [await h.activeRun('demo'), await h.activeRun('other')] };
      expect(after.statuses).toEqual({ 1: 'done', 2: 'done', 3: 'interrupted', 4: 'running' });
      expect(after.web).toMatchObject({ stage: 'failed', error: 'the web server stopped during this audit', finished_at: null });
      expect(after.active).toEqual([undefined, 4]);
      // A web run is never what the scheduler resumes.
      expect(await h.unfinishedRun()).toBe(4);
      results.set(kind.name, { got, after });
    });
  });
}

const both = STORES.every((k) => !k.skip);
describe.skipIf(!both)(`web history reads: the same on both stores${both ? '' : ' [PostgreSQL not reachable: skipped]'}`, () => {
  it('reads back identical rows for the same writes', () => {
    expect(results.get('SQLite')).toBeDefined();
    expect(results.get('PostgreSQL')).toBeDefined();
    expect(results.get('PostgreSQL')).toEqual(results.get('SQLite'));
  });
});
