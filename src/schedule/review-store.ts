// Review records in the history store's SQLite file: decisions, waivers, sign-offs and the audit trail. Every table is
// append-only (triggers refuse UPDATE and DELETE): a later row supersedes an earlier one, nothing is rewritten.
import type Database from 'better-sqlite3';
import type { DecisionRow, WaiverRow } from '../review/apply.js';
import {
  APPEND_ONLY_TABLES,
  decisionAction,
  signoffStateOf,
  signoffStatesOf,
  waiverAction,
  type DecisionInput,
  type ReviewApi,
  type SignoffInput,
  type SignoffRow,
  type SignoffState,
  type TrailFilter,
  type TrailRow,
  type WaiverInput,
} from './review-api.js';

export type { SignoffRow, SignoffState, SignoffStep, TrailRow } from './review-api.js';
export { signoffStateOf } from './review-api.js';

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
${APPEND_ONLY_TABLES.map(
  (t) => `CREATE TRIGGER IF NOT EXISTS ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;`,
).join('\n')}
`;

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
  decide(d: DecisionInput): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db.prepare(`INSERT INTO decisions (agency, item, evidence, verdict, note, by, at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(d.agency, d.item, d.evidence, d.verdict, d.note, d.by, d.at, d.runId).lastInsertRowid,
      );
      this.log(d.by, decisionAction(d), d.agency, d.runId, d.item, { id, verdict: d.verdict, note: d.note, evidence: d.evidence }, d.at);
      return id;
    })();
  }

  waive(w: WaiverInput): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(`INSERT INTO waivers (agency, defect_key, item, kind, url, evidence, reason, note, expires, revoked, by, at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(w.agency, w.key, w.item, w.kind, w.url, w.evidence, w.reason, w.note, w.expires, w.revoke ? 1 : 0, w.by, w.at, w.runId).lastInsertRowid,
      );
      this.log(w.by, waiverAction(w), w.agency, w.runId, w.key, { id, reason: w.reason, note: w.note, expires: w.expires, evidence: w.evidence }, w.at);
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
    return signoffStatesOf(this.db.prepare(`SELECT * FROM signoffs ORDER BY id`).all() as SignoffRow[]);
  }

  /** Run ids of the agency's approved audits: retention keeps them. */
  frozenRuns(agency: string): Set<number> {
    const rows = this.db.prepare(`SELECT DISTINCT run_id FROM signoffs WHERE agency = ? AND step = 'approved'`).all(agency) as Array<{ run_id: number }>;
    return new Set(rows.map((r) => r.run_id));
  }

  /** One sign-off step; the snapshot (the newest decision and waiver ids) is taken when the audit is prepared. */
  signoff(s: SignoffInput): number {
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

  trail(filter: TrailFilter = {}): TrailRow[] {
    const limit = filter.limit ?? 500;
    return (filter.agency
      ? this.db.prepare(`SELECT * FROM trail WHERE agency = ? ORDER BY id DESC LIMIT ?`).all(filter.agency, limit)
      : this.db.prepare(`SELECT * FROM trail ORDER BY id DESC LIMIT ?`).all(limit)) as TrailRow[];
  }
}

/** The SQLite review records behind the async interface the web app and `oit users` use (they answer at once). */
export function sqliteReview(r: ReviewStore): ReviewApi {
  return {
    decisions: async (agency) => r.decisions(agency),
    waivers: async (agency) => r.waivers(agency),
    allDecisions: async () => r.allDecisions(),
    allWaivers: async () => r.allWaivers(),
    decide: async (d) => r.decide(d),
    waive: async (w) => r.waive(w),
    signoffs: async (agency, runId) => r.signoffs(agency, runId),
    signoffState: async (agency, runId) => r.signoffState(agency, runId),
    allSignoffs: async () => r.allSignoffs(),
    frozenRuns: async (agency) => r.frozenRuns(agency),
    signoff: async (s) => r.signoff(s),
    note: async (actor, action, detail, at, agency, runId) => r.note(actor, action, detail, at, agency ?? null, runId ?? null),
    trail: async (filter) => r.trail(filter),
  };
}
