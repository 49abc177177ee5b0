// What the web app and `oit users` need of the review records (decisions, waivers, sign-offs, the audit trail),
// whichever database holds them: SQLite (review-store.ts, through sqliteReview) or PostgreSQL (review-postgres.ts).
// Async because PostgreSQL is. Both keep every table append-only: a later row supersedes an earlier one.
import type { DecisionRow, Verdict, WaiverReason, WaiverRow } from '../review/apply.js';

export type SignoffStep = 'prepared' | 'reviewed' | 'approved' | 'reopened';

export interface SignoffRow {
  id: number;
  agency: string;
  run_id: number;
  step: SignoffStep;
  by: string;
  at: string;
  comment: string;
  decision_upto: number;
  waiver_upto: number;
}

export interface TrailRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  agency: string | null;
  run_id: number | null;
  target: string | null;
  /** JSON: what was recorded. */
  detail: string;
}

/** Where an audit's sign-off stands: the steps since it was last reopened. */
export interface SignoffState {
  steps: SignoffRow[];
  /** The last step, or none. */
  step: Exclude<SignoffStep, 'reopened'> | 'none';
  /** Approved: later runs, decisions and waivers do not change it. */
  frozen: boolean;
  /** Prepared or later: its review is locked until approved or reopened. */
  locked: boolean;
  /** What the audit's review sees while locked (the rows that existed when it was prepared). */
  upto?: { decisionUpto: number; waiverUpto: number };
}

/** A verdict on an item (null withdraws the last one), with the evidence it was made on. */
export interface DecisionInput {
  agency: string;
  runId: number;
  item: string;
  evidence: string;
  verdict: Verdict | null;
  note: string;
  by: string;
  at: string;
}

export interface WaiverInput {
  agency: string;
  runId: number;
  key: string;
  item: string | null;
  kind: string;
  url: string | null;
  evidence: string;
  reason: WaiverReason;
  note: string;
  expires: string | null;
  by: string;
  at: string;
  revoke?: boolean;
}

export interface SignoffInput {
  agency: string;
  runId: number;
  step: SignoffStep;
  by: string;
  at: string;
  comment: string;
}

export interface TrailFilter {
  agency?: string;
  /** Newest first, at most this many (500 unless told). */
  limit?: number;
}

export interface ReviewApi {
  /** The agency's decisions, oldest first. */
  decisions(agency: string): Promise<DecisionRow[]>;
  /** The agency's waivers, oldest first. */
  waivers(agency: string): Promise<WaiverRow[]>;
  /** All agencies' decisions and waivers at once, oldest first (the fleet page). */
  allDecisions(): Promise<DecisionRow[]>;
  allWaivers(): Promise<WaiverRow[]>;
  /** Records a decision and its trail line in one transaction; returns the decision's id. */
  decide(d: DecisionInput): Promise<number>;
  /** Records a waiver (or its revocation) and its trail line in one transaction; returns the waiver's id. */
  waive(w: WaiverInput): Promise<number>;
  /** One audit's sign-off steps, oldest first. */
  signoffs(agency: string, runId: number): Promise<SignoffRow[]>;
  signoffState(agency: string, runId: number): Promise<SignoffState>;
  /** Every audit's sign-off state, keyed `agency/runId` (the fleet and agency pages). */
  allSignoffs(): Promise<Map<string, SignoffState>>;
  /** Run ids of the agency's approved audits: retention keeps them. */
  frozenRuns(agency: string): Promise<Set<number>>;
  /** One sign-off step; the snapshot (the newest decision and waiver ids) is taken when the audit is prepared. */
  signoff(s: SignoffInput): Promise<number>;
  /** Something done outside the review tables (a user added, a run started from the web), for the trail. */
  note(actor: string, action: string, detail: unknown, at: string, agency?: string | null, runId?: number | null): Promise<void>;
  /** The trail, newest first. */
  trail(filter?: TrailFilter): Promise<TrailRow[]>;
}

export const APPEND_ONLY_TABLES = ['decisions', 'waivers', 'signoffs', 'trail'] as const;

/** The state of one audit's sign-off from its steps (oldest first): what follows the last reopening counts. */
export function signoffStateOf(all: SignoffRow[]): SignoffState {
  const lastReopen = all.map((r) => r.step).lastIndexOf('reopened');
  const steps = all.slice(lastReopen + 1);
  const last = steps[steps.length - 1];
  const step = (last?.step ?? 'none') as SignoffState['step'];
  return {
    steps,
    step,
    frozen: step === 'approved',
    locked: step !== 'none',
    ...(steps[0] ? { upto: { decisionUpto: steps[0].decision_upto, waiverUpto: steps[0].waiver_upto } } : {}),
  };
}

/** Every audit's sign-off state from all steps (oldest first), keyed `agency/runId`. */
export function signoffStatesOf(rows: SignoffRow[]): Map<string, SignoffState> {
  const by = new Map<string, SignoffRow[]>();
  for (const r of rows) by.set(`${r.agency}/${r.run_id}`, [...(by.get(`${r.agency}/${r.run_id}`) ?? []), r]);
  return new Map([...by].map(([k, v]) => [k, signoffStateOf(v)]));
}

/** The trail actions the review writes, so both stores name them alike. */
export const decisionAction = (d: Pick<DecisionInput, 'verdict'>) => (d.verdict === null ? 'decision-withdrawn' : 'decision');
export const waiverAction = (w: Pick<WaiverInput, 'revoke'>) => (w.revoke ? 'waiver-revoked' : 'waiver');
