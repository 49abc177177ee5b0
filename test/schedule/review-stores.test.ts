// The review records behind the async interface, on SQLite and on PostgreSQL (skipped when it is down): the same
// writes give the same rows, states and trail on both; both refuse UPDATE and DELETE even in plain SQL; a sign-off
// snapshots the records when prepared, reopening starts over, approval freezes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewApi } from '../../src/schedule/review-api.js';
import { STORES, title, type OpenServe } from './stores.js';

const at = (minute: number) => new Date(Date.UTC(2023, 4, 15, 3, minute)).toISOString();

/** One reviewer's morning on two agencies; returns everything the store reads back. */
async function morning(r: ReviewApi) {
  const ids = {
    d1: await r.decide({ agency: 'demo', runId: 2, item: 'O17', evidence: 'e17', verdict: 'pass', note: 'อ่านแล้ว', by: 'somchai', at: at(1) }),
    w1: await r.waive({ agency: 'demo', runId: 2, key: 'O5|broken-link|u', item: 'O5', kind: 'broken-link', url: 'http://x/u', evidence: 'p5', reason: 'false-alarm', note: 'ลิงก์ใช้ได้', expires: '2023-12-31', by: 'somchai', at: at(2) }),
    d2: await r.decide({ agency: 'other', runId: 2, item: 'O1', evidence: 'e1', verdict: 'fail', note: 'ไม่ครบ', by: 'suda', at: at(3) }),
    prepared: await r.signoff({ agency: 'demo', runId: 2, step: 'prepared', by: 'somchai', at: at(4), comment: 'จัดทำ' }),
    // After preparing: outside the audit's snapshot.
    d3: await r.decide({ agency: 'demo', runId: 2, item: 'O17', evidence: 'e17', verdict: null, note: 'ถอน', by: 'suda', at: at(5) }),
    w2: await r.waive({ agency: 'demo', runId: 2, key: 'O5|broken-link|u', item: 'O5', kind: 'broken-link', url: 'http://x/u', evidence: 'p5', reason: 'false-alarm', note: 'ยกเลิก', expires: null, by: 'suda', at: at(6), revoke: true }),
    reviewed: await r.signoff({ agency: 'demo', runId: 2, step: 'reviewed', by: 'suda', at: at(7), comment: 'ตรวจทาน' }),
    approved: await r.signoff({ agency: 'demo', runId: 2, step: 'approved', by: 'malee', at: at(8), comment: 'อนุมัติ' }),
    otherPrepared: await r.signoff({ agency: 'other', runId: 2, step: 'prepared', by: 'suda', at: at(9), comment: 'x' }),
    otherReopened: await r.signoff({ agency: 'other', runId: 2, step: 'reopened', by: 'suda', at: at(10), comment: 'แก้' }),
  };
  await r.note('cli:admin', 'user-added', { user: 'somchai', role: 'reviewer' }, at(11));
  await r.note('somchai', 'run-now', {}, at(12), 'demo');
  return {
    ids,
    decisions: await r.decisions('demo'),
    waivers: await r.waivers('demo'),
    allDecisions: await r.allDecisions(),
    allWaivers: await r.allWaivers(),
    signoffs: await r.signoffs('demo', 2),
    demo: await r.signoffState('demo', 2),
    other: await r.signoffState('other', 2),
    none: await r.signoffState('demo', 1),
    all: Object.fromEntries(await r.allSignoffs()),
    frozen: [...(await r.frozenRuns('demo'))],
    frozenOther: [...(await r.frozenRuns('other'))],
    trail: await r.trail(),
    trailDemo: await r.trail({ agency: 'demo' }),
    trailTwo: await r.trail({ limit: 2 }),
  };
}

const results = new Map<string, Awaited<ReturnType<typeof morning>>>();

for (const kind of STORES) {
  describe.skipIf(kind.skip)(title('review records', kind), () => {
    let open: OpenServe | undefined;
    const fresh = async () => (open = await kind.openServe(join(mkdtempSync(join(tmpdir(), 'oit-review-api-')), 'data')));
    afterEach(async () => {
      await open?.dispose();
      open = undefined;
    });

    it('reads back what was written: rows oldest first, the trail newest first, sign-off states and snapshots', async () => {
      const got = await morning((await fresh()).store.review);
      results.set(kind.name, got);
      expect(got.ids).toEqual({ d1: 1, w1: 1, d2: 2, prepared: 1, d3: 3, w2: 2, reviewed: 2, approved: 3, otherPrepared: 4, otherReopened: 5 });
      expect(got.decisions.map((d) => [d.id, d.item, d.verdict, d.by, d.run_id])).toEqual([
        [1, 'O17', 'pass', 'somchai', 2],
        [3, 'O17', null, 'suda', 2],
      ]);
      expect(got.waivers.map((w) => [w.id, w.defect_key, w.revoked, w.expires, w.reason])).toEqual([
        [1, 'O5|broken-link|u', 0, '2023-12-31', 'false-alarm'],
        [2, 'O5|broken-link|u', 1, null, 'false-alarm'],
      ]);
      expect(got.allDecisions.map((d) => d.id)).toEqual([1, 2, 3]);
      expect(got.allWaivers.map((w) => w.id)).toEqual([1, 2]);
      // Prepared after decisions 1–2 and waiver 1: the snapshot; the later steps carry it.
      expect(got.signoffs.map((s) => [s.step, s.by, s.decision_upto, s.waiver_upto])).toEqual([
        ['prepared', 'somchai', 2, 1],
        ['reviewed', 'suda', 2, 1],
        ['approved', 'malee', 2, 1],
      ]);
      expect(got.demo).toMatchObject({ step: 'approved', frozen: true, locked: true, upto: { decisionUpto: 2, waiverUpto: 1 } });
      expect(got.other).toEqual({ steps: [], step: 'none', frozen: false, locked: false });
      expect(got.none).toEqual({ steps: [], step: 'none', frozen: false, locked: false });
      expect(Object.keys(got.all).sort()).toEqual(['demo/2', 'other/2']);
      expect(got.frozen).toEqual([2]);
      expect(got.frozenOther).toEqual([]);
      expect(got.trail.map((t) => t.action)).toEqual([
        'run-now',
        'user-added',
        'signoff-reopened',
        'signoff-prepared',
        'signoff-approved',
        'signoff-reviewed',
        'waiver-revoked',
        'decision-withdrawn',
        'signoff-prepared',
        'decision',
        'waiver',
        'decision',
      ]);
      expect(got.trail.find((t) => t.action === 'user-added')).toMatchObject({ actor: 'cli:admin', agency: null, run_id: null, target: null });
      expect(JSON.parse(got.trail.find((t) => t.action === 'waiver')!.detail)).toEqual({ id: 1, reason: 'false-alarm', note: 'ลิงก์ใช้ได้', expires: '2023-12-31', evidence: 'p5' });
      expect(got.trailDemo.every((t) => t.agency === 'demo')).toBe(true);
      expect(got.trailDemo.map((t) => t.action)).toEqual(['run-now', 'signoff-approved', 'signoff-reviewed', 'waiver-revoked', 'decision-withdrawn', 'signoff-prepared', 'waiver', 'decision']);
      expect(got.trailTwo.map((t) => t.action)).toEqual(['run-now', 'user-added']);
    });

    it('refuses UPDATE and DELETE of decisions, waivers, sign-offs and the trail, even in plain SQL', async () => {
      const { store, sql } = await fresh();
      await store.review.decide({ agency: 'demo', runId: 1, item: 'O17', evidence: 'e', verdict: 'pass', note: 'ok', by: 'somchai', at: at(1) });
      await store.review.waive({ agency: 'demo', runId: 1, key: 'k', item: 'O5', kind: 'broken-link', url: 'u', evidence: '', reason: 'false-alarm', note: 'n', expires: null, by: 'somchai', at: at(2) });
      await store.review.signoff({ agency: 'demo', runId: 1, step: 'prepared', by: 'somchai', at: at(3), comment: 'c' });
      for (const t of ['decisions', 'waivers', 'signoffs', 'trail']) {
        await expect(sql(`UPDATE ${t} SET id = id + 100`), t).rejects.toThrow(/append-only/);
        await expect(sql(`DELETE FROM ${t}`), t).rejects.toThrow(/append-only/);
      }
      expect((await store.review.trail()).map((t) => t.action)).toEqual(['signoff-prepared', 'waiver', 'decision']);
      expect((await store.review.decisions('demo')).map((d) => d.note)).toEqual(['ok']);
    });

    it('reopening starts the sign-off over; preparing again takes a new snapshot', async () => {
      const r = (await fresh()).store.review;
      const d1 = await r.decide({ agency: 'demo', runId: 1, item: 'O17', evidence: 'e', verdict: 'pass', note: 'ok', by: 'a', at: at(1) });
      await r.signoff({ agency: 'demo', runId: 1, step: 'prepared', by: 'a', at: at(2), comment: 'c' });
      await r.decide({ agency: 'demo', runId: 1, item: 'O17', evidence: 'e', verdict: 'fail', note: 'later', by: 'a', at: at(3) });
      expect(await r.signoffState('demo', 1)).toMatchObject({ step: 'prepared', locked: true, frozen: false, upto: { decisionUpto: d1, waiverUpto: 0 } });
      await r.signoff({ agency: 'demo', runId: 1, step: 'reopened', by: 'a', at: at(4), comment: 'fix' });
      expect(await r.signoffState('demo', 1)).toEqual({ steps: [], step: 'none', locked: false, frozen: false });
      await r.signoff({ agency: 'demo', runId: 1, step: 'prepared', by: 'a', at: at(5), comment: 'again' });
      await r.signoff({ agency: 'demo', runId: 1, step: 'reviewed', by: 'b', at: at(6), comment: 'ok' });
      await r.signoff({ agency: 'demo', runId: 1, step: 'approved', by: 'c', at: at(7), comment: 'ok' });
      const s = await r.signoffState('demo', 1);
      expect(s).toMatchObject({ step: 'approved', frozen: true, upto: { decisionUpto: d1 + 1, waiverUpto: 0 } });
      expect(s.steps.map((x) => x.by)).toEqual(['a', 'b', 'c']);
    });

    it('writes made at once all land, with distinct ids and one trail line each', async () => {
      const r = (await fresh()).store.review;
      const ids = await Promise.all(
        Array.from({ length: 12 }, (_, i) => r.decide({ agency: 'demo', runId: 1, item: `O${i + 1}`, evidence: 'e', verdict: 'pass', note: `n${i}`, by: 'a', at: at(i) })),
      );
      expect(new Set(ids).size).toBe(12);
      expect((await r.decisions('demo')).map((d) => d.id)).toEqual([...ids].sort((a, b) => a - b));
      expect((await r.trail()).filter((t) => t.action === 'decision')).toHaveLength(12);
    });
  });
}

const both = STORES.every((k) => !k.skip);
describe.skipIf(!both)(`review records: the same on both stores${both ? '' : ' [PostgreSQL not reachable: skipped]'}`, () => {
  it('gives identical ids, rows, states and trail for the same writes', () => {
    const sqlite = results.get('SQLite');
    const postgres = results.get('PostgreSQL');
    // Both contract runs above filled these; a missing one means the run above failed.
    expect(sqlite).toBeDefined();
    expect(postgres).toBeDefined();
    expect(postgres).toEqual(sqlite);
  });
});
