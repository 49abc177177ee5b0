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

const labelOf = (b: { label: string; labelEn: string }) => ({ label: b.label, labelEn: b.labelEn });

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Round to 2 decimals for display and for banding: published ITA figures are 2-decimal, and a score shown as
 * 85.00 must not be graded as below 85.
 */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

type Band = ScoringFile['bands'][number];

/** Bands highest first: by total, then by per-tool threshold (ผ่านดีเยี่ยม before ผ่านดี before ผ่าน). */
const ordered = (scoring: ScoringFile): Band[] => [...scoring.bands].sort((a, b) => b.min - a.min || (b.each ?? 0) - (a.each ?? 0));

/**
 * The label of a total score. With the three tools given, a band with a per-tool threshold (`each`) needs every tool
 * at it: 94.64 with EIT under 85 is ผ่าน, not ผ่านดี (NACC, Aug 2568). Without them only bands without one qualify.
 */
export function gradeOf(score: number, scoring: ScoringFile, tools?: { iit: number; eit: number; oit: number }): { label: string; labelEn: string } {
  const shown = round2(score);
  const sorted = ordered(scoring);
  const fits = (b: Band) => shown >= b.min && (b.each === undefined || (tools !== undefined && [tools.iit, tools.eit, tools.oit].every((t) => round2(t) >= b.each!)));
  const band = sorted.find(fits) ?? sorted[sorted.length - 1]!;
  return { label: band.label, labelEn: band.labelEn };
}

/** The least OIT score with which a band is still reachable when IIT and EIT are perfect (its total and its per-tool threshold). */
export function oitNeededFor(b: Band, scoring: ScoringFile): number {
  const w = scoring.weights;
  const byTotal = w.oit > 0 ? (b.min * 100 - (w.iit + w.eit) * 100) / w.oit : 0;
  return Math.max(0, b.each ?? 0, byTotal);
}

/**
 * What an OIT score alone still allows: the best label reachable with perfect IIT and EIT, and the next label up with
 * the OIT it needs ("OIT 88.00: ผ่านดี is still possible; ผ่านดีเยี่ยม needs OIT ≥ 95").
 */
export function oitCeiling(oit: number, scoring: ScoringFile): { best: Band; next?: Band; needs?: number } {
  const shown = round2(oit);
  const sorted = ordered(scoring);
  const i = sorted.findIndex((b) => shown >= round2(oitNeededFor(b, scoring)));
  const at = i < 0 ? sorted.length - 1 : i;
  const best = sorted[at]!;
  // The next label up that asks more OIT than this one (labels that differ only in IIT/EIT are skipped).
  const next = sorted.slice(0, at).reverse().find((b) => round2(oitNeededFor(b, scoring)) > shown);
  return next ? { best, next, needs: round2(oitNeededFor(next, scoring)) } : { best };
}

/** Whether the year's labels are the Rating Score's (some need every tool at a threshold): OIT alone cannot name one. */
export const hasToolThresholds = (scoring: ScoringFile): boolean => scoring.bands.some((b) => b.each !== undefined);

/** The rating in words as a notice: the label of the ITA, or what the OIT alone still allows. */
function ratingNotice(basis: 'ita' | 'oit', graded: number, label: { label: string; labelEn: string }, scoring: ScoringFile): Notice {
  if (basis === 'ita' || !hasToolThresholds(scoring)) return { code: basis === 'ita' ? 'rating-label' : 'rating-oit-band', data: { score: formatScore(graded), label: label.label, labelEn: label.labelEn } };
  const c = oitCeiling(graded, scoring);
  return {
    code: 'rating-ceiling',
    data: {
      oit: formatScore(graded),
      best: c.best.label,
      bestEn: c.best.labelEn,
      ...(c.best.each !== undefined ? { bestEach: c.best.each } : {}),
      ...(c.next ? { next: c.next.label, nextEn: c.next.labelEn, needs: c.needs } : {}),
    },
  };
}

export function itemScore(outcome: Outcome | undefined, policy: ScoringFile['reviewPolicy']): number | null {
  if (outcome === 'pass') return 100;
  if (outcome === 'fail') return 0;
  // review, error or not judged: never a pass; either a zero or left out of the mean.
  return policy === 'count-as-fail' ? 0 : null;
}

interface OitParts {
  items: Record<string, number | null>;
  subIndicators: Record<string, number | null>;
  indicators: Record<string, number | null>;
  oit: number | null;
  reasons: Notice[];
}

/** item → sub-indicator mean → indicator mean → OIT, from the outcome of each item. */
function oitFromOutcomes(scoring: ScoringFile, outcomes: Record<string, Outcome>): OitParts {
  const items: Record<string, number | null> = {};
  const subIndicators: Record<string, number | null> = {};
  const indicators: Record<string, number | null> = {};
  const reasons: Notice[] = [];
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
  const oit = oitParts.some((x) => x === null || x === undefined) ? null : mean(oitParts as number[]);
  return { items, subIndicators, indicators, oit, reasons };
}

/** The label and its wording for an OIT (with IIT and EIT when given: then the ITA's). */
function rate(scoring: ScoringFile, oit: number | null, iit: number | null, eit: number | null) {
  const w = scoring.weights;
  const ita = iit !== null && eit !== null && oit !== null ? (w.iit * iit + w.eit * eit + w.oit * oit) / 100 : null;
  const basis: 'ita' | 'oit' | null = ita !== null ? 'ita' : oit !== null ? 'oit' : null;
  const graded = ita ?? oit;
  // From OIT alone, a year whose labels need every tool gets the best label still possible; earlier years band the OIT.
  const grade =
    graded === null ? null : basis === 'ita' ? gradeOf(graded, scoring, { iit: iit!, eit: eit!, oit: oit! }) : hasToolThresholds(scoring) ? labelOf(oitCeiling(graded, scoring).best) : gradeOf(graded, scoring);
  const rating = graded !== null && grade && basis ? ratingNotice(basis, graded, grade, scoring) : null;
  return { ita, basis, graded, grade, rating };
}

export function computeScore(input: ScoreInput): Score {
  const { scoring } = input;
  const outcomes = input.outcomes ?? {};
  const parts: OitParts = input.oit !== undefined ? { items: {}, subIndicators: {}, indicators: {}, oit: input.oit, reasons: [] } : oitFromOutcomes(scoring, outcomes);
  const { oit } = parts;
  const iit = input.iit?.length ? mean(input.iit) : null;
  const eit = input.eit?.length ? mean(input.eit) : null;
  const { ita, basis, graded, grade, rating } = rate(scoring, oit, iit, eit);

  // What each fix is worth, and the best case without fixing a failing item: from the same arithmetic, per item.
  const gains: Record<string, number> = {};
  let bestCase: Score['bestCase'] = null;
  if (input.oit === undefined && oit !== null) {
    const ids = scoring.indicators.flatMap((i) => i.subIndicators.flatMap((s) => s.items));
    for (const id of ids) {
      if (outcomes[id] === 'pass') continue;
      const then = oitFromOutcomes(scoring, { ...outcomes, [id]: 'pass' }).oit;
      if (then !== null) gains[id] = then - oit;
    }
    const open = ids.filter((id) => outcomes[id] !== 'pass' && outcomes[id] !== 'fail');
    if (open.length) {
      const best = oitFromOutcomes(scoring, { ...outcomes, ...Object.fromEntries(open.map((id) => [id, 'pass' as const])) }).oit;
      bestCase = { oit: best, rating: rate(scoring, best, iit, eit).rating, items: open };
    }
  }
  return {
    items: parts.items,
    subIndicators: parts.subIndicators,
    indicators: parts.indicators,
    oit,
    iit,
    eit,
    ita,
    grade: grade?.label ?? null,
    gradeEn: grade?.labelEn ?? null,
    gradeBasis: basis,
    rating,
    pass: graded !== null ? round2(graded) >= scoring.passMark : null,
    passMark: scoring.passMark,
    provisional: parts.reasons.length > 0,
    provisionalReasons: parts.reasons,
    gains,
    bestCase,
  };
}

/** Fixes in the order of the points each is worth (largest first, then by item order), rounded as every output shows. */
export function rankedGains(score: Pick<Score, 'gains'>, order: readonly string[]): Array<{ item: string; points: number }> {
  const at = (id: string) => (order.indexOf(id) < 0 ? order.length : order.indexOf(id));
  return Object.entries(score.gains)
    .map(([item, g]) => ({ item, points: round2(g) }))
    .sort((a, b) => b.points - a.points || at(a.item) - at(b.item));
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
