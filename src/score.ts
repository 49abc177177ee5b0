// The only rating arithmetic: item 100/0 → sub-indicator → indicator → OIT → ITA, grade and pass mark.
import type { Notice } from './model/notice.js';
import type { ScoringFile } from './model/rule-set.js';
import type { Outcome, Score } from './model/result.js';

export interface ScoreInput {
  scoring: ScoringFile;
  /** Outcome per item id. Items of the framework missing here are treated as review (never as pass). */
  outcomes?: Record<string, Outcome>;
  /** IIT given as one score or as several indicator scores (their mean is the IIT). */
  iit?: number[];
  eit?: number[];
  /** An OIT score given directly instead of computing it from items. */
  oit?: number;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Round to 2 decimals for display and for banding: published ITA figures are 2-decimal, and a score shown as
 * 85.00 must not be graded as below 85.
 */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

export function gradeOf(score: number, scoring: ScoringFile): { label: string; labelEn: string } {
  const shown = round2(score);
  const sorted = [...scoring.bands].sort((a, b) => b.min - a.min);
  const band = sorted.find((b) => shown >= b.min) ?? sorted[sorted.length - 1]!;
  return { label: band.label, labelEn: band.labelEn };
}

export function itemScore(outcome: Outcome | undefined, policy: ScoringFile['reviewPolicy']): number | null {
  if (outcome === 'pass') return 100;
  if (outcome === 'fail') return 0;
  // review, error or not judged: never a pass; either a zero or left out of the mean.
  return policy === 'count-as-fail' ? 0 : null;
}

export function computeScore(input: ScoreInput): Score {
  const { scoring } = input;
  const items: Record<string, number | null> = {};
  const subIndicators: Record<string, number | null> = {};
  const indicators: Record<string, number | null> = {};
  const reasons: Notice[] = [];
  let oit: number | null;

  if (input.oit !== undefined) {
    oit = input.oit;
  } else {
    const outcomes = input.outcomes ?? {};
    for (const ind of scoring.indicators) {
      const subScores: number[] = [];
      for (const sub of ind.subIndicators) {
        const scores: number[] = [];
        for (const id of sub.items) {
          const outcome = outcomes[id];
          if (outcome !== 'pass' && outcome !== 'fail') reasons.push({ code: 'item-not-final', data: { item: id, outcome: outcome ?? 'not judged' } });
          const s = itemScore(outcome, scoring.reviewPolicy);
          items[id] = s;
          if (s !== null) scores.push(s);
        }
        const subScore = mean(scores);
        subIndicators[sub.id] = subScore;
        if (subScore !== null) subScores.push(subScore);
        if (sub.provisional) reasons.push({ code: 'grouping-provisional', data: { subIndicator: sub.id } });
      }
      indicators[ind.id] = mean(subScores);
    }
    const oitParts = scoring.oitIndicators.map((id) => indicators[id]);
    oit = oitParts.some((x) => x === null || x === undefined) ? null : mean(oitParts as number[]);
  }

  const iit = input.iit?.length ? mean(input.iit) : null;
  const eit = input.eit?.length ? mean(input.eit) : null;
  const w = scoring.weights;
  const ita = iit !== null && eit !== null && oit !== null ? (w.iit * iit + w.eit * eit + w.oit * oit) / 100 : null;

  const basis = ita !== null ? 'ita' : oit !== null ? 'oit' : null;
  const graded = ita ?? oit;
  const grade = graded !== null ? gradeOf(graded, scoring) : null;
  return {
    items,
    subIndicators,
    indicators,
    oit,
    iit,
    eit,
    ita,
    grade: grade?.label ?? null,
    gradeEn: grade?.labelEn ?? null,
    gradeBasis: basis,
    pass: graded !== null ? round2(graded) >= scoring.passMark : null,
    passMark: scoring.passMark,
    provisional: reasons.length > 0,
    provisionalReasons: reasons,
  };
}

/** A score as every output shows it: 2 decimals, or "–" when it cannot be computed (never 0). */
export function formatScore(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : round2(x).toFixed(2);
}

/** The change between two scores, signed ("+2.50"), or "–" when either cannot be computed. */
export function formatChange(delta: number | null): string {
  if (delta === null) return '–';
  const r = round2(delta);
  return `${r >= 0 ? '+' : ''}${r.toFixed(2)}`;
}

/** current − previous, or null when either is not computable (an uncomputable score is never compared as 0). */
export function scoreChange(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

/** Whether the later score is worse: it fell below the pass mark, or fell to a lower grade. Unknown scores never drop. */
export function scoreDropped(current: Score, previous: Score): boolean {
  if (previous.pass === true && current.pass === false) return true;
  const change = scoreChange(current.oit, previous.oit);
  return change !== null && round2(change) < 0 && current.grade !== previous.grade;
}
