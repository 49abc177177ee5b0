// What each page shows, read from the history store (SQLite or PostgreSQL, through the async interfaces of
// serve-store.ts) and the audits' result.json files (the pages render it purely).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readResult } from '../commands/files.js';
import type { Outcome, Result, Score } from '../model/result.js';
import type { ScoringFile } from '../model/rule-set.js';
import { afterReviewScore, reviewAudit, reviewInputOf, type DecisionRow, type Reviewed, type WaiverRow } from '../review/apply.js';
import { resolveRuleSet } from '../rules/load.js';
import type { Config } from '../schedule/config.js';
import type { SignoffState, TrailRow } from '../schedule/review-api.js';
import type { AuditRow, DefectRow, ItemOutcomeRow } from '../schedule/store.js';
import { computeScore, scoreChange } from '../score.js';
import type { ServeStore } from './serve-store.js';

/** What the pages read: the history and the review records. */
export type PageStore = Pick<ServeStore, 'history' | 'review'>;

/** How an agency's audit ended, as the pages name it. */
export type AuditState = 'audited' | 'budget-hit' | 'unreachable' | 'failed' | 'running' | 'interrupted';
export const AUDIT_STATES: readonly AuditState[] = ['audited', 'budget-hit', 'unreachable', 'failed', 'running', 'interrupted'];

const RECORDED = new Set(['recorded', 'alerted']);

export function stateOf(row: AuditRow, runStatus: string | undefined): AuditState {
  if (RECORDED.has(row.stage)) return row.budget_hit ? 'budget-hit' : 'audited';
  if (row.stage === 'unreachable') return 'unreachable';
  if (row.stage === 'failed') return 'failed';
  return runStatus === 'running' ? 'running' : 'interrupted';
}

/** Rule sets by framework id, loaded once per process (their scoring is what the after-review score needs). */
export class Frameworks {
  private readonly cache = new Map<string, ScoringFile | null>();
  scoring(id: string | null): ScoringFile | undefined {
    if (!id) return undefined;
    if (!this.cache.has(id)) {
      try {
        this.cache.set(id, resolveRuleSet(id).scoring);
      } catch {
        this.cache.set(id, null);
      }
    }
    return this.cache.get(id) ?? undefined;
  }
}

export interface FleetRow {
  id: string;
  name: string;
  url: string;
  type: string;
  province: string;
  framework: string;
  /** The last run's state (none: never audited). */
  state: AuditState | 'none';
  lastRun: number | null;
  lastAt: string | null;
  /** The latest recorded audit: its run, the score as crawled and after review, and the rating that allows. */
  auditRun: number | null;
  asCrawled: number | null;
  afterReview: Score | null;
  change: number | null;
  openDefects: number;
  waived: number;
  awaitingReview: number;
  signoff: SignoffState['step'];
  /** OIT of the last runs, oldest first (null: no score in that run). */
  trend: Array<number | null>;
}

export type SortKey = 'name' | 'score' | 'change' | 'defects' | 'review' | 'last';
export const SORT_KEYS: readonly SortKey[] = ['name', 'score', 'change', 'defects', 'review', 'last'];

export interface FleetQuery {
  q: string;
  type: string;
  province: string;
  framework: string;
  state: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export interface FleetView {
  rows: FleetRow[];
  total: number;
  query: FleetQuery;
  options: { types: string[]; provinces: string[]; frameworks: string[]; states: string[] };
}

const TREND_RUNS = 10;

/** Every agency of the config with its latest audit, from a handful of statements (500 agencies × 10 runs in well under a second). */
export async function fleetRows(config: Config, store: PageStore, frameworks: Frameworks): Promise<FleetRow[]> {
  // Independent reads: PostgreSQL answers them on several connections at once.
  const [runStatus, audits, allDecisions, allWaivers, signoffs, latestRows] = await Promise.all([
    store.history.runStatuses(),
    store.history.allAudits(),
    store.review.allDecisions(),
    store.review.allWaivers(),
    store.review.allSignoffs(),
    store.history.latestRecorded(),
  ]);
  const byAgency = groupBy(audits, (a) => a.agency);
  const decisions = groupBy(allDecisions, (d) => d.agency);
  const waivers = groupBy(allWaivers, (w) => w.agency);
  const outcomesBy = groupBy(latestRows.outcomes, (r) => r.agency);
  const defectsBy = groupBy(latestRows.defects, (r) => r.agency);
  return config.agencies.map((a) => {
    const audits = byAgency.get(a.id) ?? [];
    const last = audits[audits.length - 1];
    const recorded = audits.filter((r) => RECORDED.has(r.stage));
    const latest = recorded[recorded.length - 1];
    const before = recorded[recorded.length - 2];
    let afterReview: Score | null = null;
    let openDefects = 0;
    let waivedCount = 0;
    let awaiting = 0;
    let signoff: SignoffState['step'] = 'none';
    if (latest) {
      const so = signoffs.get(`${a.id}/${latest.run_id}`);
      signoff = so?.step ?? 'none';
      const got = dbReview(frameworks, latest, decisions.get(a.id) ?? [], waivers.get(a.id) ?? [], so, { outcomes: outcomesBy.get(a.id) ?? [], defects: defectsBy.get(a.id) ?? [] });
      waivedCount = got.reviewed.waived.size;
      openDefects = got.reviewed.defects.length - waivedCount;
      awaiting = got.reviewed.items.filter((i) => i.reviewed === 'review' || i.reviewed === 'error').length;
      afterReview = got.score;
    }
    return {
      id: a.id,
      name: a.name,
      url: a.url,
      type: a.type ?? '',
      province: a.province ?? '',
      framework: latest?.framework ?? a.rules ?? '',
      state: last ? stateOf(last, runStatus.get(last.run_id)) : 'none',
      lastRun: last?.run_id ?? null,
      lastAt: last?.finished_at ?? null,
      auditRun: latest?.run_id ?? null,
      asCrawled: latest?.oit ?? null,
      afterReview,
      change: latest && before ? scoreChange(latest.oit, before.oit) : null,
      openDefects,
      waived: waivedCount,
      awaitingReview: awaiting,
      signoff,
      trend: audits.filter((r) => RECORDED.has(r.stage) || r.stage === 'unreachable').slice(-TREND_RUNS).map((r) => r.oit),
    };
  });
}

/** An audit's review from the store's rows alone (no result.json): the fleet and agency pages. */
function dbReview(
  frameworks: Frameworks,
  row: AuditRow,
  decisions: DecisionRow[],
  waivers: WaiverRow[],
  so: SignoffState | undefined,
  rows: { outcomes: ItemOutcomeRow[]; defects: DefectRow[] },
): { reviewed: Reviewed; score: Score | null } {
  const items = rows.outcomes.map((i) => ({ id: i.item, outcome: i.outcome as Outcome, print: i.evidence ?? '' }));
  const defects = rows.defects.map((d) => ({ key: d.key, item: d.item, kind: d.kind, url: d.url, print: d.evidence ?? '' }));
  const reviewed = reviewAudit({ runId: row.run_id, asOf: row.as_of ?? '', items, defects, decisions, waivers, ...(so?.upto ? { frozen: so.upto } : {}) });
  const scoring = frameworks.scoring(row.framework);
  return { reviewed, score: scoring ? computeScore({ scoring, outcomes: reviewed.outcomes }) : null };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const distinct = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'th'));

/** Filter, search and sort (the page works without scripts: all of it is done here from the query string). */
export function fleetView(rows: FleetRow[], query: FleetQuery): FleetView {
  const q = query.q.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (!q || `${r.id} ${r.name} ${r.url} ${r.province} ${r.type}`.toLowerCase().includes(q)) &&
      (!query.type || r.type === query.type) &&
      (!query.province || r.province === query.province) &&
      (!query.framework || r.framework === query.framework) &&
      (!query.state || r.state === query.state),
  );
  const num = (x: number | null | undefined) => (x === null || x === undefined ? -Infinity : x);
  const by: Record<SortKey, (a: FleetRow, b: FleetRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name, 'th'),
    score: (a, b) => num(a.afterReview?.oit ?? a.asCrawled) - num(b.afterReview?.oit ?? b.asCrawled),
    change: (a, b) => num(a.change) - num(b.change),
    defects: (a, b) => a.openDefects - b.openDefects,
    review: (a, b) => a.awaitingReview - b.awaitingReview,
    last: (a, b) => (a.lastAt ?? '').localeCompare(b.lastAt ?? ''),
  };
  const cmp = by[query.sort];
  shown.sort((a, b) => (query.dir === 'desc' ? -1 : 1) * cmp(a, b) || a.name.localeCompare(b.name, 'th'));
  return {
    rows: shown,
    total: rows.length,
    query,
    options: { types: distinct(rows.map((r) => r.type)), provinces: distinct(rows.map((r) => r.province)), frameworks: distinct(rows.map((r) => r.framework)), states: [...AUDIT_STATES] },
  };
}

export interface RunLine {
  runId: number;
  at: string | null;
  asOf: string | null;
  state: AuditState;
  oit: number | null;
  /** After review (null: not recorded, or nothing to compute). */
  reviewed: number | null;
  grade: string | null;
  framework: string | null;
  signoff: SignoffState['step'];
  error: string | null;
}

export interface DefectLine {
  key: string;
  item: string | null;
  kind: string;
  url: string | null;
  message: string;
}

export interface Comparison {
  a: number;
  b: number;
  added: DefectLine[];
  fixed: DefectLine[];
  /** Present in both, but absent in some run between them, or absent in both but present between them. */
  flapping: DefectLine[];
  open: DefectLine[];
  scoreChange: number | null;
}

export interface AgencyData {
  agency: Config['agencies'][number];
  runs: RunLine[];
  comparison?: Comparison;
  /** Being audited now by another process (the scheduler): a "run now" would wait. */
  activeRun?: number;
}

export async function agencyData(config: Config, store: PageStore, frameworks: Frameworks, id: string, compare?: { a?: number; b?: number }): Promise<AgencyData | undefined> {
  const agency = config.agencies.find((a) => a.id === id);
  if (!agency) return undefined;
  const [runStatus, signoffs, decisions, waivers, history, active] = await Promise.all([
    store.history.runStatuses(),
    store.review.allSignoffs(),
    store.review.decisions(id),
    store.review.waivers(id),
    store.history.history(id),
    store.history.activeRun(id),
  ]);
  // Each recorded audit's rows, for its score after review (a retained history: two dozen audits at most).
  const rowsOf = new Map(
    await Promise.all(
      history
        .filter((r) => RECORDED.has(r.stage))
        .map(async (r) => [r.run_id, { outcomes: await store.history.itemOutcomes(r.run_id, id), defects: await store.history.defectRows(r.run_id, id) }] as const),
    ),
  );
  const runs = history.map((r) => {
    const rows = rowsOf.get(r.run_id);
    return {
      runId: r.run_id,
      at: r.finished_at,
      asOf: r.as_of,
      state: stateOf(r, runStatus.get(r.run_id)),
      oit: r.oit,
      reviewed: rows ? (dbReview(frameworks, r, decisions, waivers, signoffs.get(`${id}/${r.run_id}`), rows).score?.oit ?? null) : null,
      grade: r.grade,
      framework: r.framework,
      signoff: signoffs.get(`${id}/${r.run_id}`)?.step ?? 'none',
      error: r.error,
    };
  });
  const recorded = runs.filter((r) => r.state === 'audited' || r.state === 'budget-hit');
  let comparison: Comparison | undefined;
  if (recorded.length >= 2) {
    const ids = recorded.map((r) => r.runId);
    const b = compare?.b !== undefined && ids.includes(compare.b) ? compare.b : ids[ids.length - 1]!;
    const a = compare?.a !== undefined && ids.includes(compare.a) && compare.a !== b ? compare.a : ids[ids.indexOf(b) - 1] ?? ids[0]!;
    comparison = await compareRuns(store, id, Math.min(a, b), Math.max(a, b), ids, new Map(history.map((r) => [r.run_id, r.oit])));
  }
  return { agency, runs, ...(comparison ? { comparison } : {}), ...(active !== undefined ? { activeRun: active } : {}) };
}

async function compareRuns(store: PageStore, agency: string, a: number, b: number, recorded: number[], oits: Map<number, number | null>): Promise<Comparison> {
  const between = recorded.filter((r) => r >= a && r <= b);
  const sets = await Promise.all(between.map((r) => store.history.defectRows(r, agency)));
  const keys = sets.map((s) => new Set(s.map((d) => d.key)));
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  const all = new Map<string, DefectLine>();
  for (const s of sets) for (const d of s) all.set(d.key, { key: d.key, item: d.item, kind: d.kind, url: d.url, message: d.message });
  const flips = (k: string) => keys.slice(1).filter((s, i) => s.has(k) !== keys[i]!.has(k)).length;
  const line = (k: string) => all.get(k)!;
  const scoreOf = (r: number) => oits.get(r) ?? null;
  return {
    a,
    b,
    added: [...last].filter((k) => !first.has(k)).map(line),
    fixed: [...first].filter((k) => !last.has(k)).map(line),
    flapping: [...all.keys()].filter((k) => first.has(k) === last.has(k) && flips(k) >= 2).map(line),
    open: [...last].filter((k) => first.has(k) && flips(k) === 0).map(line),
    scoreChange: scoreChange(scoreOf(b), scoreOf(a)),
  };
}

export interface AuditData {
  agency: Config['agencies'][number];
  row: AuditRow;
  state: AuditState;
  result?: Result;
  reviewed?: Reviewed;
  asCrawled?: Score;
  afterReview?: Score;
  signoff: SignoffState;
  trail: TrailRow[];
  /** Item ids with a screenshot beside the report. */
  shots: Set<string>;
}

/** One audit with its review applied (frozen audits see the records of when they were prepared). */
export async function auditData(config: Config, store: PageStore, agencyId: string, runId: number): Promise<AuditData | undefined> {
  const agency = config.agencies.find((a) => a.id === agencyId);
  const row = agency ? await store.history.audit(runId, agencyId) : undefined;
  if (!agency || !row) return undefined;
  const [runStatus, signoff, agencyTrail, decisions, waivers] = await Promise.all([
    store.history.runStatus(runId),
    store.review.signoffState(agencyId, runId),
    store.review.trail({ agency: agencyId }),
    store.review.decisions(agencyId),
    store.review.waivers(agencyId),
  ]);
  const trail = agencyTrail.filter((t) => t.run_id === runId);
  const base = { agency, row, state: stateOf(row, runStatus), signoff, trail, shots: new Set<string>() };
  if (!RECORDED.has(row.stage)) return base;
  // The report folder is on the machine whose worker audited it; a PostgreSQL store holds the result for the others.
  const file = join(row.out_dir, 'result.json');
  const result = existsSync(file) ? readResult(file) : await store.history.result(runId, agencyId);
  if (!result) return base;
  const reviewed = reviewed_(result, runId, decisions, waivers, signoff);
  const scoring = resolveRuleSet(result.framework.id).scoring;
  const shots = new Set(result.items.filter((i) => existsSync(join(row.out_dir, 'screenshots', `${i.id}.png`))).map((i) => i.id));
  return { ...base, result, reviewed, asCrawled: result.score, afterReview: afterReviewScore(scoring, reviewed, result.framework), shots };
}

function reviewed_(result: Result, runId: number, decisions: DecisionRow[], waivers: WaiverRow[], signoff: SignoffState): Reviewed {
  return reviewAudit({ runId, asOf: result.asOf, ...reviewInputOf(result), decisions, waivers, ...(signoff.upto ? { frozen: signoff.upto } : {}) });
}

export type { SignoffState, TrailRow } from '../schedule/review-api.js';
