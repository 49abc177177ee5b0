// The shared rating logic reproduces published ITA figures (seeds: agencies' published analyses).
import { describe, expect, it } from 'vitest';
import { resolveRuleSet } from '../src/rules/load.js';
import { computeScore, oitCeiling, round2 } from '../src/score.js';
import { say } from '../src/text/say.js';
import type { Outcome } from '../src/model/result.js';

const outcomes = (fw: string, failing: string[], review: string[] = []): Record<string, Outcome> => {
  const rs = resolveRuleSet(fw);
  return Object.fromEntries(rs.items.map((i) => [i.id, failing.includes(i.id) ? 'fail' : review.includes(i.id) ? 'review' : 'pass']));
};

describe('computeScore', () => {
  it('ita-2565 failing O11 and O24 gives 94.64 / 100 / 97.32 and ITA 83.67 grade B, not passing', () => {
    const rs = resolveRuleSet('ita-2565');
    const s = computeScore({ scoring: rs.scoring, outcomes: outcomes('ita-2565', ['O11', 'O24']), iit: [84.72, 75.9, 81.11, 71.62, 78.38], eit: [74.76, 66.78, 70.81] });
    expect(round2(s.indicators['9']!)).toBe(94.64);
    expect(round2(s.indicators['10']!)).toBe(100);
    expect(round2(s.oit!)).toBe(97.32);
    expect(round2(s.ita!)).toBe(83.67);
    expect(s.grade).toBe('B');
    expect(s.pass).toBe(false);
    expect(s.provisional).toBe(false);
  });

  it('IIT 91.71, EIT 83.06, OIT 100 gives 92.43, passing', () => {
    const rs = resolveRuleSet('ita-2566');
    const s = computeScore({ scoring: rs.scoring, iit: [91.71], eit: [83.06], oit: 100 });
    expect(round2(s.ita!)).toBe(92.43);
    expect(s.pass).toBe(true);
  });

  it('IIT 99.38, EIT 99.70 and 99.76, OIT 67.50 gives 86.73, passing (full precision inside): ผ่าน, not ผ่านดี (OIT < 85)', () => {
    const rs = resolveRuleSet('ita-2566');
    const s = computeScore({ scoring: rs.scoring, iit: [99.38], eit: [99.7, 99.76], oit: 67.5 });
    expect(round2(s.ita!)).toBe(86.73);
    expect(s.ita).not.toBe(86.73);
    expect(s.pass).toBe(true);
    expect(s.grade).toBe('ผ่าน');
    expect(s.rating).toEqual({ code: 'rating-label', data: { score: '86.73', label: 'ผ่าน', labelEn: 'Pass' } });
  });

  it('ita-2568 failing O6, O11, O13 gives indicator 9 = 75.00; with O23 and O27, indicator 10 = 60.00 and OIT 67.50', () => {
    const rs = resolveRuleSet('ita-2568');
    const s = computeScore({ scoring: rs.scoring, outcomes: outcomes('ita-2568', ['O6', 'O11', 'O13', 'O23', 'O27']) });
    expect(s.indicators['9']).toBe(75);
    expect(s.indicators['10']).toBe(60);
    expect(s.oit).toBe(67.5);
    expect(s.provisional).toBe(true);
  });

  it('never counts review or error as a pass, and says the score is provisional', () => {
    const rs = resolveRuleSet('ita-2566');
    const all = computeScore({ scoring: rs.scoring, outcomes: outcomes('ita-2566', []) });
    const withReview = computeScore({ scoring: rs.scoring, outcomes: outcomes('ita-2566', [], ['O17']) });
    expect(all.oit).toBe(100);
    expect(withReview.oit).toBeLessThan(100);
    expect(withReview.items.O17).toBe(0);
    expect(withReview.provisional).toBe(true);
    expect(withReview.provisionalReasons).toContainEqual({ code: 'item-not-final', data: { item: 'O17', outcome: 'review' } });
  });

  it('grades on the displayed 2-decimal value: 84.996 shows as 85.00 and passes', () => {
    const rs = resolveRuleSet('ita-2566');
    expect(computeScore({ scoring: rs.scoring, iit: [84.996], eit: [84.996], oit: 84.996 }).pass).toBe(true);
    expect(computeScore({ scoring: rs.scoring, iit: [84.99], eit: [84.99], oit: 84.99 }).pass).toBe(false);
  });
});

describe('Rating Score labels (per-year data)', () => {
  const label = (fw: string, iit: number, eit: number, oit: number) => computeScore({ scoring: resolveRuleSet(fw).scoring, iit: [iit], eit: [eit], oit }).grade;

  it('AA–F up to ITA 2565; the five Rating Score labels from 2566 (2566, 2568, 2569, 2570)', () => {
    expect(resolveRuleSet('ita-2565').scoring.bands.map((b) => b.label)).toEqual(['AA', 'A', 'B', 'C', 'D', 'E', 'F']);
    for (const fw of ['ita-2566', 'ita-2568', 'ita-2569', 'ita-2570'])
      expect(resolveRuleSet(fw).scoring.bands.map((b) => b.label), fw).toEqual(['ผ่านดีเยี่ยม', 'ผ่านดี', 'ผ่าน', 'ต้องปรับปรุง', 'ต้องปรับปรุงโดยด่วน']);
  });

  it('the NACC case: 94.64 with EIT under 85 is ผ่าน, not ผ่านดี (lowered for the EIT)', () => {
    const s = computeScore({ scoring: resolveRuleSet('ita-2568').scoring, iit: [99], eit: [84], oit: 99.35 });
    expect(round2(s.ita!)).toBe(94.64);
    expect(s.grade).toBe('ผ่าน');
    // The same total with every tool at 85 or more is ผ่านดี.
    expect(label('ita-2568', 94.64, 94.64, 94.64)).toBe('ผ่านดี');
  });

  it('each label at its thresholds', () => {
    expect(label('ita-2569', 95, 95, 95)).toBe('ผ่านดีเยี่ยม');
    expect(label('ita-2569', 99, 99, 94.99)).toBe('ผ่านดี');
    expect(label('ita-2569', 90, 90, 90)).toBe('ผ่านดี');
    expect(label('ita-2569', 84.99, 84.99, 84.99)).toBe('ต้องปรับปรุง');
    expect(label('ita-2569', 70, 70, 70)).toBe('ต้องปรับปรุง');
    expect(label('ita-2569', 69.99, 69.99, 69.99)).toBe('ต้องปรับปรุงโดยด่วน');
    expect(label('ita-2565', 95, 95, 95)).toBe('AA');
  });

  it('from OIT alone, says which labels the OIT still allows', () => {
    const scoring = resolveRuleSet('ita-2570').scoring;
    const s = computeScore({ scoring, oit: 88 });
    expect(s.gradeBasis).toBe('oit');
    expect(s.grade).toBe('ผ่านดี');
    expect(say('en', s.rating!)).toBe('OIT 88.00: "ผ่านดี" (Good) is still possible; "ผ่านดีเยี่ยม" (Excellent) needs OIT ≥ 95');
    expect(say('th', s.rating!)).toBe('OIT 88.00: ยังเป็นไปได้ถึงระดับ "ผ่านดี" ส่วนระดับ "ผ่านดีเยี่ยม" ต้องมี OIT ≥ 95');
    // The seeds' OIT 67.50: ผ่าน is still reachable (with IIT and EIT near 100), ผ่านดี needs 85.
    expect(oitCeiling(67.5, scoring)).toMatchObject({ best: { label: 'ผ่าน' }, next: { label: 'ผ่านดี' }, needs: 85 });
    // 0.3·100 + 0.3·100 + 0.4·OIT reaches 70 only from OIT 25; 85 only from OIT 62.5.
    expect(oitCeiling(20, scoring)).toMatchObject({ best: { label: 'ต้องปรับปรุงโดยด่วน' }, next: { label: 'ต้องปรับปรุง' }, needs: 25 });
    expect(oitCeiling(62.5, scoring)).toMatchObject({ best: { label: 'ผ่าน' } });
    expect(say('en', computeScore({ scoring, oit: 97 }).rating!)).toBe('OIT 97.00: "ผ่านดีเยี่ยม" (Excellent) is still possible (IIT and EIT must also reach 95)');
  });

  it('a year without per-tool thresholds (2565) bands the OIT itself, as before', () => {
    const s = computeScore({ scoring: resolveRuleSet('ita-2565').scoring, oit: 97.32 });
    expect(s.grade).toBe('AA');
    expect(s.rating?.code).toBe('rating-oit-band');
  });
});

describe('what each fix is worth and the best case (score.gains, score.bestCase)', () => {
  it('the demo site: O10 alone is worth what its sub-indicator gains, divided down to the OIT', () => {
    const rs = resolveRuleSet('ita-2566');
    const o = outcomes('ita-2566', ['O10', 'O11', 'O13', 'O20', 'O21', 'O28', 'O29'], ['O17']);
    const s = computeScore({ scoring: rs.scoring, outcomes: o });
    expect(round2(s.oit!)).toBe(85.25);
    // Each gain is the OIT with that item passing, minus the OIT now, from the same arithmetic.
    for (const [id, g] of Object.entries(s.gains)) expect(round2(s.oit! + g)).toBe(round2(computeScore({ scoring: rs.scoring, outcomes: { ...o, [id]: 'pass' } }).oit!));
    expect(Object.keys(s.gains).sort()).toEqual(['O10', 'O11', 'O13', 'O17', 'O20', 'O21', 'O28', 'O29']);
    expect(s.gains.O10).toBeGreaterThan(0);
    // Best case: O17 (the one item needing review) passes; failing items stay failing.
    expect(s.bestCase?.items).toEqual(['O17']);
    expect(round2(s.bestCase!.oit!)).toBe(round2(s.oit! + s.gains.O17!));
    expect(s.bestCase!.rating?.code).toBe('rating-ceiling');
  });

  it('no item needing review: no best case; everything passing: no gains', () => {
    const rs = resolveRuleSet('ita-2566');
    expect(computeScore({ scoring: rs.scoring, outcomes: outcomes('ita-2566', ['O1']) }).bestCase).toBeNull();
    expect(computeScore({ scoring: rs.scoring, outcomes: outcomes('ita-2566', []) }).gains).toEqual({});
  });

  it('an OIT given directly (oit score --oit) has neither', () => {
    const s = computeScore({ scoring: resolveRuleSet('ita-2566').scoring, oit: 70 });
    expect(s.gains).toEqual({});
    expect(s.bestCase).toBeNull();
  });

  it('rankedGains: largest first, ties in item order, rounded', async () => {
    const { rankedGains } = await import('../src/score.js');
    expect(rankedGains({ gains: { O3: 1.004, O1: 2.5, O2: 1.0 } }, ['O1', 'O2', 'O3'])).toEqual([
      { item: 'O1', points: 2.5 },
      { item: 'O2', points: 1 },
      { item: 'O3', points: 1 },
    ]);
  });
});
