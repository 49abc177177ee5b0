// Review records in the history store's SQLite file: decisions, waivers, sign-offs and the audit trail. Every table is
// append-only (triggers refuse UPDATE and DELETE): a later row supersedes an earlier one, nothing is rewritten.
import type Database from 'better-sqlite3';
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

const APPEND_ONLY = ['decisions', 'waivers', 'signoffs', 'trail'];

export const REVIEW_SCHEMA = `
CREATE TABLE IF NOT EXISTS decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, agency TEXT NOT NULL, item TEXT NOT NULL,
  evidence TEXT NOT NULL, verdict TEXT CHECK (verdict IN ('pass','fail')), note TEXT NOT NULL, by TEXT NOT NULL,
  at TEXT NOT NULL, run_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_agency ON decisions (agency, item);
CREATE TABLE IF NOT EXISTS waivers (id INTEGER PRIMARY KEY AUTOINCREMENT, agency TEXT NOT NULL, defect_key TEXT NOT NULL,
  item TEXT, kind TEXT NOT NULL, url TEXT, evidence TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('false-alarm','accepted-risk')), note TEXT NOT NULL, expires TEXT,
  revoked INTEGER NOT NULL DEFAULT 0, by TEXT NOT NULL, at TEXT NOT NULL, run_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS waivers_agency ON waivers (agency, defect_key);
CREATE TABLE IF NOT EXISTS signoffs (id INTEGER PRIMARY KEY AUTOINCREMENT, agency TEXT NOT NULL, run_id INTEGER NOT NULL,
  step TEXT NOT NULL CHECK (step IN ('prepared','reviewed','approved','reopened')), by TEXT NOT NULL, at TEXT NOT NULL,
  comment TEXT NOT NULL, decision_upto INTEGER NOT NULL, waiver_upto INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS signoffs_audit ON signoffs (agency, run_id);
CREATE TABLE IF NOT EXISTS trail (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, agency TEXT, run_id INTEGER, target TEXT, detail TEXT NOT NULL);
${APPEND_ONLY.map(
  (t) => `CREATE TRIGGER IF NOT EXISTS ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;`,
).join('\n')}
`;

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

export class ReviewStore {
  constructor(private readonly db: Database.Database) {}

  decisions(agency: string): DecisionRow[] {
    return this.db.prepare(`SELECT * FROM decisions WHERE agency = ? ORDER BY id`).all(agency) as DecisionRow[];
  }

  waivers(agency: string): WaiverRow[] {
    return this.db.prepare(`SELECT * FROM waivers WHERE agency = ? ORDER BY id`).all(agency) as WaiverRow[];
  }

  /** All agencies' decisions and waivers at once (the fleet page). */
  allDecisions(): DecisionRow[] {
    return this.db.prepare(`SELECT * FROM decisions ORDER BY id`).all() as DecisionRow[];
  }

  allWaivers(): WaiverRow[] {
    return this.db.prepare(`SELECT * FROM waivers ORDER BY id`).all() as WaiverRow[];
  }

  private log(actor: string, action: string, agency: string | null, runId: number | null, target: string | null, detail: unknown, at: string): void {
    this.db.prepare(`INSERT INTO trail (at, actor, action, agency, run_id, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(at, actor, action, agency, runId, target, JSON.stringify(detail));
  }

  /** A verdict on an item (null withdraws the last one), with the evidence it was made on; logged in the same transaction. */
  decide(d: { agency: string; runId: number; item: string; evidence: string; verdict: Verdict | null; note: string; by: string; at: string }): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db.prepare(`INSERT INTO decisions (agency, item, evidence, verdict, note, by, at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(d.agency, d.item, d.evidence, d.verdict, d.note, d.by, d.at, d.runId).lastInsertRowid,
      );
      this.log(d.by, d.verdict === null ? 'decision-withdrawn' : 'decision', d.agency, d.runId, d.item, { id, verdict: d.verdict, note: d.note, evidence: d.evidence }, d.at);
      return id;
    })();
  }

  waive(w: { agency: string; runId: number; key: string; item: string | null; kind: string; url: string | null; evidence: string; reason: WaiverReason; note: string; expires: string | null; by: string; at: string; revoke?: boolean }): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(`INSERT INTO waivers (agency, defect_key, item, kind, url, evidence, reason, note, expires, revoked, by, at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(w.agency, w.key, w.item, w.kind, w.url, w.evidence, w.reason, w.note, w.expires, w.revoke ? 1 : 0, w.by, w.at, w.runId).lastInsertRowid,
      );
      this.log(w.by, w.revoke ? 'waiver-revoked' : 'waiver', w.agency, w.runId, w.key, { id, reason: w.reason, note: w.note, expires: w.expires, evidence: w.evidence }, w.at);
      return id;
    })();
  }

  signoffs(agency: string, runId: number): SignoffRow[] {
    return this.db.prepare(`SELECT * FROM signoffs WHERE agency = ? AND run_id = ? ORDER BY id`).all(agency, runId) as SignoffRow[];
  }

  signoffState(agency: string, runId: number): SignoffState {
    return signoffStateOf(this.signoffs(agency, runId));
  }

  /** Every audit's sign-off step at once (the fleet and agency pages). */
  allSignoffs(): Map<string, SignoffState> {
    const rows = this.db.prepare(`SELECT * FROM signoffs ORDER BY id`).all() as SignoffRow[];
    const by = new Map<string, SignoffRow[]>();
    for (const r of rows) by.set(`${r.agency}/${r.run_id}`, [...(by.get(`${r.agency}/${r.run_id}`) ?? []), r]);
    return new Map([...by].map(([k, v]) => [k, signoffStateOf(v)]));
  }

  /** Run ids of the agency's approved audits: retention keeps them. */
  frozenRuns(agency: string): Set<number> {
    const rows = this.db.prepare(`SELECT DISTINCT run_id FROM signoffs WHERE agency = ? AND step = 'approved'`).all(agency) as Array<{ run_id: number }>;
    return new Set(rows.map((r) => r.run_id));
  }

  /** One sign-off step; the snapshot (the newest decision and waiver ids) is taken when the audit is prepared. */
  signoff(s: { agency: string; runId: number; step: SignoffStep; by: string; at: string; comment: string }): number {
    return this.db.transaction(() => {
      const state = this.signoffState(s.agency, s.runId);
      const max = (t: string) => (this.db.prepare(`SELECT COALESCE(MAX(id), 0) AS m FROM ${t}`).get() as { m: number }).m;
      const upto = s.step === 'prepared' ? { decisionUpto: max('decisions'), waiverUpto: max('waivers') } : (state.upto ?? { decisionUpto: 0, waiverUpto: 0 });
      const id = Number(
        this.db
          .prepare(`INSERT INTO signoffs (agency, run_id, step, by, at, comment, decision_upto, waiver_upto) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(s.agency, s.runId, s.step, s.by, s.at, s.comment, upto.decisionUpto, upto.waiverUpto).lastInsertRowid,
      );
      this.log(s.by, `signoff-${s.step}`, s.agency, s.runId, null, { id, comment: s.comment, ...upto }, s.at);
      return id;
    })();
  }

  /** Something done outside the review tables (a user added, a run started from the web), for the trail. */
  note(actor: string, action: string, detail: unknown, at: string, agency: string | null = null, runId: number | null = null): void {
    this.log(actor, action, agency, runId, null, detail, at);
  }

  trail(filter: { agency?: string; limit?: number } = {}): TrailRow[] {
    const limit = filter.limit ?? 500;
    return (filter.agency
      ? this.db.prepare(`SELECT * FROM trail WHERE agency = ? ORDER BY id DESC LIMIT ?`).all(filter.agency, limit)
      : this.db.prepare(`SELECT * FROM trail ORDER BY id DESC LIMIT ?`).all(limit)) as TrailRow[];
  }
}

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
