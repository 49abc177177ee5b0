// A reviewer's decisions and waivers applied to one audit (pure): which carry over, which lapsed and why, the
// outcomes after review and their score (by score.ts, like the crawled one), and the defects that may not alert.
import type { Outcome, Result, Score } from '../model/result.js';
import type { ScoringFile } from '../model/rule-set.js';
import { defectKey } from '../render/diff.js';
import { computeScore } from '../score.js';
import { defectPrint, evidenceChange, itemPrint, type EvidenceChange } from './evidence.js';

export type Verdict = 'pass' | 'fail';
export type WaiverReason = 'false-alarm' | 'accepted-risk';

/** One recorded decision (rows are never changed: a later row for the same item supersedes an earlier one). */
export interface DecisionRow {
  id: number;
  agency: string;
  item: string;
  /** The item's evidence print when the decision was made. */
  evidence: string;
  /** null: the decision was withdrawn. */
  verdict: Verdict | null;
  note: string;
  by: string;
  at: string;
  run_id: number;
}

export interface WaiverRow {
  id: number;
  agency: string;
  defect_key: string;
  item: string | null;
  kind: string;
  url: string | null;
  evidence: string;
  reason: WaiverReason;
  note: string;
  /** YYYY-MM-DD: the waiver covers audits assessed up to that day. */
  expires: string | null;
  /** 1: this row withdraws the waiver. */
  revoked: number;
  by: string;
  at: string;
  run_id: number;
}

export interface ReviewItem {
  id: string;
  outcome: Outcome;
  print: string;
}

export interface ReviewDefect {
  key: string;
  item: string | null;
  kind: string;
  url: string | null;
  print: string;
}

export type DecisionState = { state: 'none' } | { state: 'applied'; decision: DecisionRow } | { state: 'lapsed'; decision: DecisionRow; change: EvidenceChange };

export type WaiverState =
  | { state: 'none' }
  | { state: 'applied'; waiver: WaiverRow }
  /** `evidence`: the item's evidence changed; `moved`: this defect is another one now (another URL or place) on the same item. */
  | { state: 'lapsed'; waiver: WaiverRow; why: 'evidence' | 'moved'; change: EvidenceChange }
  | { state: 'expired'; waiver: WaiverRow };

export interface ReviewInput {
  runId: number;
  /** The audit's assessment date: waivers expire against it. */
  asOf: string;
  items: ReviewItem[];
  defects: ReviewDefect[];
  decisions: DecisionRow[];
  waivers: WaiverRow[];
  /** A signed-off audit sees the rows that existed when it was prepared, and no later ones. */
  frozen?: { decisionUpto: number; waiverUpto: number };
}

export interface Reviewed {
  items: Array<ReviewItem & { reviewed: Outcome; decision: DecisionState }>;
  defects: Array<ReviewDefect & { waiver: WaiverState }>;
  /** Waivers in force that match no defect of this audit (fixed, or changed beyond recognition). */
  unmatched: WaiverRow[];
  /** Outcome per item after review: the decision's verdict where one applies, else the crawled outcome. */
  outcomes: Record<string, Outcome>;
  /** Keys of the defects a waiver covers in this audit: they never alert. */
  waived: Set<string>;
}

/** The newest row per key among those visible from this audit (made on it or an earlier one; frozen: no later rows). */
function latest<T extends { id: number; run_id: number }>(rows: T[], keyOf: (r: T) => string, runId: number, upto: number | undefined): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) {
    if (r.run_id > runId || (upto !== undefined && r.id > upto)) continue;
    const k = keyOf(r);
    const had = out.get(k);
    if (!had || r.id > had.id) out.set(k, r);
  }
  return out;
}

const same = (c: EvidenceChange) => !c.added.length && !c.removed.length && !c.replaced.length;

export function reviewAudit(input: ReviewInput): Reviewed {
  const decisions = latest(input.decisions, (d) => d.item, input.runId, input.frozen?.decisionUpto);
  const outcomes: Record<string, Outcome> = {};
  const items = input.items.map((i) => {
    const d = decisions.get(i.id);
    let decision: DecisionState = { state: 'none' };
    if (d && d.verdict !== null) {
      const change = evidenceChange(d.evidence, i.print);
      decision = d.evidence === i.print || same(change) ? { state: 'applied', decision: d } : { state: 'lapsed', decision: d, change };
    }
    const reviewed = decision.state === 'applied' ? decision.decision.verdict! : i.outcome;
    outcomes[i.id] = reviewed;
    return { ...i, reviewed, decision };
  });

  const inForce = [...latest(input.waivers, (w) => w.defect_key, input.runId, input.frozen?.waiverUpto).values()].filter((w) => !w.revoked);
  const byKey = new Map(inForce.map((w) => [w.defect_key, w]));
  const present = new Set(input.defects.map((d) => d.key));
  // A waiver whose defect is gone may have moved: the same kind of defect on the same item, at another URL or place.
  const gone = inForce.filter((w) => !present.has(w.defect_key));
  const used = new Set<number>();
  const waived = new Set<string>();
  const defects = input.defects.map((d) => {
    const w = byKey.get(d.key);
    let waiver: WaiverState = { state: 'none' };
    if (w) {
      const change = evidenceChange(w.evidence, d.print);
      if (w.expires && w.expires < input.asOf) waiver = { state: 'expired', waiver: w };
      else if (w.evidence !== d.print && !same(change)) waiver = { state: 'lapsed', waiver: w, why: 'evidence', change };
      else waiver = { state: 'applied', waiver: w };
    } else if (d.item) {
      const moved = gone.find((g) => g.item === d.item && g.kind === d.kind && !used.has(g.id));
      if (moved) {
        used.add(moved.id);
        waiver = { state: 'lapsed', waiver: moved, why: 'moved', change: evidenceChange(moved.url ? `${moved.url}@` : moved.evidence, d.url ? `${d.url}@` : d.print) };
      }
    }
    if (waiver.state === 'applied') waived.add(d.key);
    return { ...d, waiver };
  });
  return { items, defects, unmatched: gone.filter((g) => !used.has(g.id)), outcomes, waived };
}

/**
 * The score after review: the same arithmetic as the crawled score, over the reviewed outcomes. A provisional
 * framework keeps the score provisional, as the judge marks the crawled one.
 */
export function afterReviewScore(scoring: ScoringFile, reviewed: Pick<Reviewed, 'outcomes'>, framework?: { id: string; provisional: boolean }): Score {
  const score = computeScore({ scoring, outcomes: reviewed.outcomes });
  if (framework?.provisional) {
    score.provisional = true;
    score.provisionalReasons.unshift({ code: 'framework-provisional', data: { framework: framework.id } });
  }
  return score;
}

/** Review items and defects of a judged result, with their evidence prints. */
export function reviewInputOf(r: Result): { items: ReviewItem[]; defects: ReviewDefect[] } {
  return {
    items: r.items.map((i) => ({ id: i.id, outcome: i.outcome, print: itemPrint(r, i) })),
    defects: r.defects.map((d) => ({ key: defectKey(d), item: d.item ?? null, kind: d.kind, url: d.url ?? null, print: defectPrint(r, d) })),
  };
}

/**
 * The outcomes alerts are judged on: an item that fails only through waived defects keeps its previous outcome (or
 * counts as it is when there is no previous audit), so a waived defect moves no score an alert looks at.
 */
export function alertOutcomes(current: Result, previous: Result | undefined, waived: ReadonlySet<string>): Record<string, Outcome> {
  const before = new Map(previous?.items.map((i) => [i.id, i.outcome]) ?? []);
  return Object.fromEntries(
    current.items.map((i) => [i.id, i.outcome === 'fail' && i.defects.length > 0 && i.defects.every((d) => waived.has(defectKey(d))) ? (before.get(i.id) ?? i.outcome) : i.outcome]),
  );
}
