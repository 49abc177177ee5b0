// Review decisions and waivers against later audits: carried over while the evidence is the same, lapsed (and why)
// when it changes, expired, withdrawn, frozen at sign-off; and what they do to the score and to alerts.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import { defectKey } from '../../src/render/diff.js';
import { afterReviewScore, alertOutcomes, reviewAudit, reviewInputOf, type DecisionRow, type WaiverRow } from '../../src/review/apply.js';
import { evidenceChange, itemPrint } from '../../src/review/evidence.js';
import { resolveRuleSet } from '../../src/rules/load.js';
import { buildDigest } from '../../src/schedule/digest.js';
import { computeScore } from '../../src/score.js';
import { goldenResult } from '../fixtures/hostile-result.js';

const golden = goldenResult();
const PDF = 'http://demo.oit.test/files/o17-satisfaction-2565.pdf';

let nextId = 1;
const decision = (over: Partial<DecisionRow>): DecisionRow => ({
  id: nextId++,
  agency: 'demo',
  item: 'O17',
  evidence: itemPrint(golden, golden.items.find((i) => i.id === (over.item ?? 'O17'))!),
  verdict: 'pass',
  note: 'อ่านแล้ว',
  by: 'somchai',
  at: '2023-05-16T03:00:00Z',
  run_id: 2,
  ...over,
});

function waiverOf(r: Result, pick: (d: Result['defects'][number]) => boolean, over: Partial<WaiverRow> = {}): WaiverRow {
  const input = reviewInputOf(r);
  const k = r.defects.findIndex(pick);
  const d = input.defects[k]!;
  return { id: nextId++, agency: 'demo', defect_key: d.key, item: d.item, kind: d.kind, url: d.url, evidence: d.print, reason: 'false-alarm', note: 'x', expires: null, revoked: 0, by: 'somchai', at: '2023-05-16T03:00:00Z', run_id: 2, ...over };
}

const review = (r: Result, decisions: DecisionRow[], waivers: WaiverRow[], runId = 3, frozen?: { decisionUpto: number; waiverUpto: number }) =>
  reviewAudit({ runId, asOf: r.asOf, ...reviewInputOf(r), decisions, waivers, ...(frozen ? { frozen } : {}) });

/** The same audit with the O17 file replaced (its hash changed). */
function replacedPdf(): Result {
  const r = structuredClone(golden);
  r.evidenceFiles[PDF] = 'f'.repeat(64);
  return r;
}

describe('evidence prints', () => {
  it('name each evidence URL with the first 16 hex digits of its file, and say what changed', () => {
    const o17 = golden.items.find((i) => i.id === 'O17')!;
    expect(itemPrint(golden, o17)).toBe(`${PDF}@493e2152d183a1c5`);
    expect(evidenceChange(itemPrint(golden, o17), itemPrint(replacedPdf(), o17))).toEqual({ added: [], removed: [], replaced: [PDF] });
    expect(evidenceChange('http://a/x@', 'http://a/y@')).toEqual({ added: ['http://a/y'], removed: ['http://a/x'], replaced: [] });
  });
});

describe('decisions', () => {
  it.each([
    ['carried over to a later audit with the same evidence', () => golden, [decision({})], 'applied', 'pass'],
    ['lapse when the file is replaced', () => replacedPdf(), [decision({})], 'lapsed', 'review'],
    ['withdrawn by a later row', () => golden, [decision({}), decision({ verdict: null })], 'none', 'review'],
    ['made on a later run do not reach back', () => golden, [decision({ run_id: 9 })], 'none', 'review'],
    ['the newest row wins', () => golden, [decision({}), decision({ verdict: 'fail' })], 'applied', 'fail'],
  ] as const)('%s', (_name, result, rows, state, outcome) => {
    const r = review(result(), [...rows], []);
    const o17 = r.items.find((i) => i.id === 'O17')!;
    expect(o17.decision.state).toBe(state);
    expect(o17.reviewed).toBe(outcome);
    expect(r.outcomes.O17).toBe(outcome);
  });

  it('a lapsed decision says which file was replaced', () => {
    const o17 = review(replacedPdf(), [decision({})], []).items.find((i) => i.id === 'O17')!;
    expect(o17.decision).toMatchObject({ state: 'lapsed', change: { replaced: [PDF] } });
  });

  it('the score after review is computed by score.ts over the reviewed outcomes; the crawled one is untouched', () => {
    const scoring = resolveRuleSet('ita-2566').scoring;
    const r = review(golden, [decision({})], []);
    const after = afterReviewScore(scoring, r, golden.framework);
    expect(after.oit).toBeCloseTo(computeScore({ scoring, outcomes: { ...Object.fromEntries(golden.items.map((i) => [i.id, i.outcome])), O17: 'pass' } }).oit!, 10);
    expect(after.oit).toBeGreaterThan(golden.score.oit!);
    expect(golden.score.oit).toBe(85.25);
  });

  it('a frozen audit sees the rows of its snapshot only', () => {
    const first = decision({});
    const later = decision({ verdict: 'fail', run_id: 3 });
    expect(review(golden, [first, later], [], 3).outcomes.O17).toBe('fail');
    expect(review(golden, [first, later], [], 3, { decisionUpto: first.id, waiverUpto: 0 }).outcomes.O17).toBe('pass');
  });
});

describe('waivers', () => {
  const isO17 = (d: Result['defects'][number]) => d.item === 'O17';
  it('apply to the same defect on the same evidence, and only they are in `waived`', () => {
    const w = waiverOf(golden, isO17);
    const r = review(golden, [], [w]);
    expect([...r.waived]).toEqual([w.defect_key]);
    expect(r.defects.find((d) => d.key === w.defect_key)!.waiver.state).toBe('applied');
  });

  it('lapse when the evidence changes, expire after their date, end when revoked', () => {
    const w = waiverOf(golden, isO17);
    expect(review(replacedPdf(), [], [w]).defects.find((d) => d.key === w.defect_key)!.waiver).toMatchObject({ state: 'lapsed', why: 'evidence' });
    expect(review(golden, [], [{ ...w, expires: '2023-05-14' }]).defects.find((d) => d.key === w.defect_key)!.waiver.state).toBe('expired');
    expect(review(golden, [], [{ ...w, expires: '2023-05-15' }]).waived.size).toBe(1);
    expect(review(golden, [], [w, { ...w, id: nextId++, revoked: 1 }]).waived.size).toBe(0);
  });

  it('a defect that moved (same item and kind, another URL) shows the old waiver as lapsed, not applied', () => {
    const w = waiverOf(golden, (d) => d.item === 'O13' && d.kind === 'broken-link');
    const moved = structuredClone(golden);
    for (const d of [...moved.defects, ...moved.items.find((i) => i.id === 'O13')!.defects]) if (d.item === 'O13' && d.kind === 'broken-link') d.url = 'http://demo.oit.test/files/o13-v2.pdf';
    const r = review(moved, [], [w]);
    const d = r.defects.find((x) => x.item === 'O13' && x.kind === 'broken-link')!;
    expect(d.waiver).toMatchObject({ state: 'lapsed', why: 'moved' });
    expect(r.waived.size).toBe(0);
    expect(r.unmatched).toEqual([]);
  });

  it('a waiver whose defect is gone is listed as unmatched', () => {
    const w = waiverOf(golden, (d) => d.kind === 'broken-link' && !d.item && d.url?.endsWith('/news/old.html') === true);
    const fixed = structuredClone(golden);
    fixed.defects = fixed.defects.filter((d) => !(d.kind === 'broken-link' && !d.item && d.url?.endsWith('/news/old.html')));
    expect(review(fixed, [], [w]).unmatched.map((u) => u.id)).toEqual([w.id]);
  });
});

describe('alerts and waivers', () => {
  // Run 1: the O5 page works. Run 2: it is gone (alerted). Run 3: back. Run 4: gone again — waived since run 2.
  const working = golden;
  const broken = structuredClone(golden);
  const url = 'http://demo.oit.test/oit/o5.html';
  const o5 = broken.items.find((i) => i.id === 'O5')!;
  o5.outcome = 'fail';
  o5.defects = [{ kind: 'broken-link', item: 'O5', url, data: { status: 404, reason: '' } }];
  broken.defects.push(o5.defects[0]!);
  broken.links.broken.push({ url, status: 404, foundOn: ['http://demo.oit.test/ita/2566.html'] });
  broken.score = computeScore({ scoring: resolveRuleSet('ita-2566').scoring, outcomes: Object.fromEntries(broken.items.map((i) => [i.id, i.outcome])) });

  it('without a waiver a link that breaks again is alerted, with the grade drop', () => {
    const d = buildDigest('demo', 4, broken, working)!;
    expect(d.newBrokenLinks.map((b) => b.url)).toEqual([url]);
    expect(d.newlyFailing.map((i) => i.id)).toEqual(['O5']);
    expect(d.gradeDrop).toEqual({ from: 'ผ่านดี', to: 'ผ่าน' });
  });

  it('with the waiver nothing about it is alerted, not even the grade drop it alone causes', () => {
    const waived = new Set([defectKey(o5.defects[0]!)]);
    const alertScore = computeScore({ scoring: resolveRuleSet('ita-2566').scoring, outcomes: alertOutcomes(broken, working, waived) });
    expect(alertScore.oit).toBe(working.score.oit);
    expect(buildDigest('demo', 4, broken, working, 'th', { waived, alertScore })).toBeUndefined();
  });

  it('another, unwaived problem in the same run is still alerted', () => {
    const both = structuredClone(broken);
    both.links.broken.push({ url: 'http://demo.oit.test/new-broken.html', status: 404, foundOn: [] });
    const waived = new Set([defectKey(o5.defects[0]!)]);
    const d = buildDigest('demo', 4, both, working, 'th', { waived })!;
    expect(d.newBrokenLinks.map((b) => b.url)).toEqual(['http://demo.oit.test/new-broken.html']);
    expect(d.newlyFailing).toEqual([]);
  });
});
