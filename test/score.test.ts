// The shared rating logic reproduces published ITA figures (seeds: agencies' published analyses).
import { describe, expect, it } from 'vitest';
import { resolveRuleSet } from '../src/rules/load.js';
import { computeScore, round2 } from '../src/score.js';
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

  it('IIT 99.38, EIT 99.70 and 99.76, OIT 67.50 gives 86.73, passing (full precision inside)', () => {
    const rs = resolveRuleSet('ita-2566');
    const s = computeScore({ scoring: rs.scoring, iit: [99.38], eit: [99.7, 99.76], oit: 67.5 });
    expect(round2(s.ita!)).toBe(86.73);
    expect(s.ita).not.toBe(86.73);
    expect(s.pass).toBe(true);
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
