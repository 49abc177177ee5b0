// The embedded history store (SQLite in the data folder): runs, each agency's audit stage, outcomes, defects, alerts,
// and the review records (decisions, waivers, sign-offs, audit trail: review-store.ts) in the same file.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readResult } from '../commands/files.js';
import { Notice } from '../model/notice.js';
import type { Result } from '../model/result.js';
import { defectKey } from '../render/diff.js';
import { defectPrint, itemPrint } from '../review/evidence.js';
import { defectText, itemOf } from '../text/say.js';
import { REVIEW_SCHEMA, ReviewStore } from './review-store.js';
import type { RunStatus, WebHistory } from './store-api.js';

/** `unreachable`: the site could not be read at all; the run has no score and no item verdicts. */
export type Stage = 'pending' | 'crawled' | 'judged' | 'recorded' | 'alerted' | 'unreachable' | 'failed';

export interface AuditRow {
  run_id: number;
  agency: string;
  stage: Stage;
  out_dir: string;
  as_of: string | null;
  framework: string | null;
  oit: number | null;
  grade: string | null;
  pass: number | null;
  provisional: number | null;
  error: string | null;
  finished_at: string | null;
  /** 1: judged, but the crawl stopped at a limit (null in rows written before version 1 of the schema). */
  budget_hit: number | null;
}

export interface ItemOutcomeRow {
  run_id: number;
  agency: string;
  item: string;
  outcome: string;
  evidence: string | null;
}

export interface DefectRow {
  run_id: number;
  agency: string;
  key: string;
  item: string | null;
  kind: string;
  url: string | null;
  message: string;
  evidence: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running','done','interrupted')), trigger TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audits (run_id INTEGER NOT NULL REFERENCES runs(id), agency TEXT NOT NULL,
  stage TEXT NOT NULL, out_dir TEXT NOT NULL, as_of TEXT, framework TEXT, oit REAL, grade TEXT, pass INTEGER,
  provisional INTEGER, error TEXT, finished_at TEXT, PRIMARY KEY (run_id, agency));
CREATE TABLE IF NOT EXISTS item_outcomes (run_id INTEGER NOT NULL, agency TEXT NOT NULL, item TEXT NOT NULL, outcome TEXT NOT NULL,
  PRIMARY KEY (run_id, agency, item));
CREATE TABLE IF NOT EXISTS defects (run_id INTEGER NOT NULL, agency TEXT NOT NULL, key TEXT NOT NULL, item TEXT, kind TEXT NOT NULL,
  url TEXT, message TEXT NOT NULL, PRIMARY KEY (run_id, agency, key));
CREATE TABLE IF NOT EXISTS alerts (agency TEXT NOT NULL, run_id INTEGER NOT NULL, channel TEXT NOT NULL, sent_at TEXT NOT NULL,
  digest TEXT NOT NULL, PRIMARY KEY (agency, run_id, channel));
`;

/**
 * Schema versions after the first (PRAGMA user_version). Each step runs once, in order, on stores written by an older
 * version; a new store runs them all. Columns are only ever added.
 * 1: audits.budget_hit; the evidence print of each item outcome and defect (what review decisions are keyed on).
 * 2: runs.cycle (one run per queue cycle), alerts.state (an alert claimed by a worker, then sent), audits.holder and
 *    held_until (the worker auditing it, and until when).
 */
const MIGRATIONS: Array<(db: Database.Database) => void> = [
  (db) => {
    addColumn(db, 'audits', 'budget_hit', 'INTEGER');
    addColumn(db, 'item_outcomes', 'evidence', 'TEXT');
    addColumn(db, 'defects', 'evidence', 'TEXT');
  },
  (db) => {
    addColumn(db, 'runs', 'cycle', 'TEXT');
    db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS runs_cycle ON runs (cycle)`);
    addColumn(db, 'alerts', 'state', `TEXT NOT NULL DEFAULT 'sent'`);
    addColumn(db, 'audits', 'holder', 'TEXT');
    addColumn(db, 'audits', 'held_until', 'TEXT');
  },
];

function addColumn(db: Database.Database, table: string, column: string, type: string): void {
  const has = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).some((c) => c.name === column);
  if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}

/** Runs started from the web app (`oit serve`, "run now"): the scheduler never resumes them. */
export const WEB_TRIGGER = 'web';

/** One store per data folder; open it per process (no singleton), close it on exit. */
export class HistoryStore {
  readonly db: Database.Database;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'oit-history.sqlite'));
    // WAL and full sync: a kill -9 or a power cut loses at most the statement in flight, never earlier history.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.migrate();
    this.db.exec(REVIEW_SCHEMA);
    this.review = new ReviewStore(this.db);
  }

  /** Decisions, waivers, sign-offs and the audit trail, in the same file. */
  readonly review: ReviewStore;

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version >= MIGRATIONS.length) return;
    this.db.transaction(() => {
      for (let v = version; v < MIGRATIONS.length; v++) MIGRATIONS[v]!(this.db);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    })();
  }

  close(): void {
    this.db.close();
  }

  /** The run a previous process left unfinished (killed, power lost), to be resumed. */
  unfinishedRun(): number | undefined {
    // A queue cycle's run is finished by the queue's workers, never resumed as a whole.
    const row = this.db.prepare(`SELECT id FROM runs WHERE status IN ('running','interrupted') AND trigger != ? AND cycle IS NULL ORDER BY id DESC LIMIT 1`).get(WEB_TRIGGER) as { id: number } | undefined;
    return row?.id;
  }

  /**
   * Web runs a stopped server left unfinished: their unfinished audits are marked failed with why, the runs
   * interrupted (a "run now" is not resumed: the user asks again).
   */
  abandonWebRuns(why: string, now: Date): number[] {
    const ids = (this.db.prepare(`SELECT id FROM runs WHERE status = 'running' AND trigger = ?`).all(WEB_TRIGGER) as Array<{ id: number }>).map((r) => r.id);
    this.db.transaction(() => {
      for (const id of ids) {
        this.db.prepare(`UPDATE audits SET stage = 'failed', error = ? WHERE run_id = ? AND stage IN ('pending','crawled','judged')`).run(why, id);
        this.markRun(id, 'interrupted', now);
      }
    })();
    return ids;
  }

  /** The run in which the agency is being audited right now (by any process), if any. */
  activeRun(agency: string): number | undefined {
    const row = this.db
      .prepare(`SELECT a.run_id FROM audits a JOIN runs r ON r.id = a.run_id WHERE a.agency = ? AND r.status = 'running' AND a.stage IN ('pending','crawled','judged') ORDER BY a.run_id DESC LIMIT 1`)
      .get(agency) as { run_id: number } | undefined;
    return row?.run_id;
  }

  /** Every run's status by id. */
  runStatuses(): Map<number, RunStatus> {
    return new Map((this.db.prepare(`SELECT id, status FROM runs`).all() as Array<{ id: number; status: RunStatus }>).map((r) => [r.id, r.status]));
  }

  runStatus(runId: number): RunStatus | undefined {
    return (this.db.prepare(`SELECT status FROM runs WHERE id = ?`).get(runId) as { status: RunStatus } | undefined)?.status;
  }

  audit(runId: number, agency: string): AuditRow | undefined {
    return this.db.prepare(`SELECT * FROM audits WHERE run_id = ? AND agency = ?`).get(runId, agency) as AuditRow | undefined;
  }

  /** Every audit of every agency, oldest first per agency (the fleet page reads them in one statement). */
  allAudits(): AuditRow[] {
    return this.db.prepare(`SELECT * FROM audits ORDER BY agency, run_id`).all() as AuditRow[];
  }

  /** Item outcomes of one audit with their evidence prints. */
  itemOutcomes(runId: number, agency: string): ItemOutcomeRow[] {
    return this.db.prepare(`SELECT run_id, agency, item, outcome, evidence FROM item_outcomes WHERE run_id = ? AND agency = ?`).all(runId, agency) as ItemOutcomeRow[];
  }

  /** Defects of one audit with their evidence prints. */
  defectRows(runId: number, agency: string): DefectRow[] {
    return this.db.prepare(`SELECT run_id, agency, key, item, kind, url, message, evidence FROM defects WHERE run_id = ? AND agency = ?`).all(runId, agency) as DefectRow[];
  }

  /** The item outcomes and defects of every agency's latest recorded audit, in two statements (the fleet page). */
  latestRecorded(): { outcomes: ItemOutcomeRow[]; defects: DefectRow[] } {
    const latest = `SELECT agency, MAX(run_id) AS run_id FROM audits WHERE stage IN ('recorded','alerted') GROUP BY agency`;
    return {
      outcomes: this.db.prepare(`SELECT t.run_id, t.agency, t.item, t.outcome, t.evidence FROM item_outcomes t JOIN (${latest}) l ON t.agency = l.agency AND t.run_id = l.run_id`).all() as ItemOutcomeRow[],
      defects: this.db.prepare(`SELECT t.run_id, t.agency, t.key, t.item, t.kind, t.url, t.message, t.evidence FROM defects t JOIN (${latest}) l ON t.agency = l.agency AND t.run_id = l.run_id`).all() as DefectRow[],
    };
  }

  startRun(agencies: Array<{ id: string; outDir: (runId: number) => string }>, trigger: string, now: Date): number {
    return this.db.transaction(() => {
      const id = Number(this.db.prepare(`INSERT INTO runs (started_at, status, trigger) VALUES (?, 'running', ?)`).run(now.toISOString(), trigger).lastInsertRowid);
      const add = this.db.prepare(`INSERT INTO audits (run_id, agency, stage, out_dir) VALUES (?, ?, 'pending', ?)`);
      for (const a of agencies) add.run(id, a.id, a.outDir(id));
      return id;
    })();
  }

  markRun(runId: number, status: RunStatus, now: Date): void {
    this.db.prepare(`UPDATE runs SET status = ?, finished_at = CASE WHEN ? = 'done' THEN ? ELSE finished_at END WHERE id = ?`).run(status, status, now.toISOString(), runId);
  }

  audits(runId: number): AuditRow[] {
    return this.db.prepare(`SELECT * FROM audits WHERE run_id = ? ORDER BY agency`).all(runId) as AuditRow[];
  }

  setStage(runId: number, agency: string, stage: Stage, error?: string): void {
    this.db.prepare(`UPDATE audits SET stage = ?, error = ? WHERE run_id = ? AND agency = ?`).run(stage, error ?? null, runId, agency);
  }

  /** Outcomes, defects and the score of one audit, written in one transaction together with its stage. */
  record(runId: number, agency: string, r: Result, now: Date): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM item_outcomes WHERE run_id = ? AND agency = ?`).run(runId, agency);
      this.db.prepare(`DELETE FROM defects WHERE run_id = ? AND agency = ?`).run(runId, agency);
      const io = this.db.prepare(`INSERT INTO item_outcomes (run_id, agency, item, outcome, evidence) VALUES (?, ?, ?, ?, ?)`);
      for (const i of r.items) io.run(runId, agency, i.id, i.outcome, itemPrint(r, i));
      const df = this.db.prepare(`INSERT OR IGNORE INTO defects (run_id, agency, key, item, kind, url, message, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const d of r.defects) df.run(runId, agency, defectKey(d), d.item ?? null, d.kind, d.url ?? null, defectText('th', d, itemOf(r, d)), defectPrint(r, d));
      const budgetHit = r.warnings.some((w) => w.code === 'budget-hit');
      this.db
        .prepare(`UPDATE audits SET stage = 'recorded', as_of = ?, framework = ?, oit = ?, grade = ?, pass = ?, provisional = ?, error = NULL, finished_at = ?, budget_hit = ? WHERE run_id = ? AND agency = ?`)
        .run(r.asOf, r.framework.id, r.score.oit, r.score.grade, r.score.pass === null ? null : Number(r.score.pass), Number(r.score.provisional), now.toISOString(), Number(budgetHit), runId, agency);
    })();
  }

  /** An outage: the reason is kept as a notice ({code, data}) in `error`, and there is no score. */
  markUnreachable(runId: number, agency: string, reason: Notice, now: Date): void {
    this.db.prepare(`UPDATE audits SET stage = 'unreachable', error = ?, oit = NULL, grade = NULL, pass = NULL, finished_at = ? WHERE run_id = ? AND agency = ?`).run(JSON.stringify(reason), now.toISOString(), runId, agency);
  }

  unreachableReason(runId: number, agency: string): Notice | undefined {
    const row = this.db.prepare(`SELECT error FROM audits WHERE run_id = ? AND agency = ? AND stage = 'unreachable'`).get(runId, agency) as { error: string | null } | undefined;
    return row?.error ? parseReason(row.error) : undefined;
  }

  /** How the agency's last finished run before this one ended: audited, unreachable, or none yet. */
  previousOutcome(agency: string, beforeRun: number): 'audited' | 'unreachable' | undefined {
    const row = this.db
      .prepare(`SELECT stage FROM audits WHERE agency = ? AND run_id < ? AND stage IN ('recorded','alerted','unreachable') ORDER BY run_id DESC LIMIT 1`)
      .get(agency, beforeRun) as { stage: Stage } | undefined;
    return row ? (row.stage === 'unreachable' ? 'unreachable' : 'audited') : undefined;
  }

  /** The last recorded audit of the agency before this run: what "new" is measured against. */
  previousAudit(agency: string, beforeRun: number): AuditRow | undefined {
    return this.db
      .prepare(`SELECT * FROM audits WHERE agency = ? AND run_id < ? AND stage IN ('recorded','alerted') ORDER BY run_id DESC LIMIT 1`)
      .get(agency, beforeRun) as AuditRow | undefined;
  }

  wasAlerted(agency: string, runId: number, channel: string): boolean {
    return Boolean(this.db.prepare(`SELECT 1 FROM alerts WHERE agency = ? AND run_id = ? AND channel = ? AND state = 'sent'`).get(agency, runId, channel));
  }

  claimAlert(agency: string, runId: number, channel: string, now: Date, leaseMs: number): boolean {
    const row = this.db
      .prepare(
        `INSERT INTO alerts (agency, run_id, channel, sent_at, digest, state) VALUES (?, ?, ?, ?, '', 'sending')
         ON CONFLICT (agency, run_id, channel) DO UPDATE SET sent_at = excluded.sent_at WHERE alerts.state = 'sending' AND alerts.sent_at < ? RETURNING 1 AS ok`,
      )
      .get(agency, runId, channel, now.toISOString(), new Date(now.getTime() - leaseMs).toISOString());
    return Boolean(row);
  }

  releaseAlert(agency: string, runId: number, channel: string): void {
    this.db.prepare(`DELETE FROM alerts WHERE agency = ? AND run_id = ? AND channel = ? AND state = 'sending'`).run(agency, runId, channel);
  }

  markAlerted(agency: string, runId: number, channel: string, digest: string, now: Date): void {
    this.db
      .prepare(`INSERT INTO alerts (agency, run_id, channel, sent_at, digest, state) VALUES (?, ?, ?, ?, ?, 'sent') ON CONFLICT (agency, run_id, channel) DO UPDATE SET state = 'sent', sent_at = excluded.sent_at, digest = excluded.digest`)
      .run(agency, runId, channel, now.toISOString(), digest);
  }

  cycleAudit(cycle: string, agency: { id: string; outDir: (runId: number) => string }, now: Date): AuditRow {
    return this.db.transaction(() => {
      this.db.prepare(`INSERT INTO runs (started_at, status, trigger, cycle) VALUES (?, 'running', 'queue', ?) ON CONFLICT (cycle) DO NOTHING`).run(now.toISOString(), cycle);
      const runId = (this.db.prepare(`SELECT id FROM runs WHERE cycle = ?`).get(cycle) as { id: number }).id;
      this.db.prepare(`INSERT INTO audits (run_id, agency, stage, out_dir) VALUES (?, ?, 'pending', ?) ON CONFLICT DO NOTHING`).run(runId, agency.id, agency.outDir(runId));
      // A cycle's run that had ended is open again while an agency added to it is audited.
      this.db.prepare(`UPDATE runs SET status = 'running' WHERE id = ? AND status != 'running' AND EXISTS (SELECT 1 FROM audits WHERE run_id = ? AND stage IN ('pending','crawled','judged','failed'))`).run(runId, runId);
      return this.audit(runId, agency.id)!;
    })();
  }

  holdAudit(runId: number, agency: string, holder: string, now: Date, leaseMs: number): boolean {
    const r = this.db
      .prepare(`UPDATE audits SET holder = ?, held_until = ? WHERE run_id = ? AND agency = ? AND (holder IS NULL OR holder = ? OR held_until < ?)`)
      .run(holder, new Date(now.getTime() + leaseMs).toISOString(), runId, agency, holder, now.toISOString());
    return r.changes > 0;
  }

  releaseAudit(runId: number, agency: string, holder: string): void {
    this.db.prepare(`UPDATE audits SET holder = NULL, held_until = NULL WHERE run_id = ? AND agency = ? AND holder = ?`).run(runId, agency, holder);
  }

  finishCycle(runId: number, now: Date): boolean {
    const r = this.db
      .prepare(`UPDATE runs SET status = 'done', finished_at = ? WHERE id = ? AND status != 'done' AND NOT EXISTS (SELECT 1 FROM audits WHERE run_id = ? AND stage IN ('pending','crawled','judged'))`)
      .run(now.toISOString(), runId, runId);
    return r.changes > 0;
  }

  /** When the agency was last audited to the end (for the every-N-days cadence). */
  lastCompleted(agency?: string): Date | undefined {
    const row = (agency
      ? this.db.prepare(`SELECT MAX(finished_at) AS t FROM audits WHERE agency = ? AND stage IN ('recorded','alerted')`).get(agency)
      : this.db.prepare(`SELECT MAX(finished_at) AS t FROM runs WHERE status = 'done'`).get()) as { t: string | null };
    return row.t ? new Date(row.t) : undefined;
  }

  history(agency: string): AuditRow[] {
    return this.db.prepare(`SELECT * FROM audits WHERE agency = ? ORDER BY run_id`).all(agency) as AuditRow[];
  }

  defectKeys(runId: number, agency: string): Map<string, { item: string | null; kind: string; url: string | null; message: string }> {
    const rows = this.db.prepare(`SELECT key, item, kind, url, message FROM defects WHERE run_id = ? AND agency = ?`).all(runId, agency) as Array<{ key: string; item: string | null; kind: string; url: string | null; message: string }>;
    return new Map(rows.map((r) => [r.key, r]));
  }

  /** Keep the last `runs` recorded audits per agency (their rows; report folders are the caller's); an approved audit is frozen and always kept. */
  prune(agency: string, keep: number): number[] {
    const frozen = this.review.frozenRuns(agency);
    const old = this.db.prepare(`SELECT run_id FROM audits WHERE agency = ? ORDER BY run_id DESC LIMIT -1 OFFSET ?`).all(agency, keep) as Array<{ run_id: number }>;
    const ids = old.map((o) => o.run_id).filter((id) => !frozen.has(id));
    this.db.transaction(() => {
      for (const id of ids) for (const t of ['item_outcomes', 'defects', 'audits']) this.db.prepare(`DELETE FROM ${t} WHERE run_id = ? AND agency = ?`).run(id, agency);
    })();
    return ids;
  }
}

/** The SQLite store behind the async store interface the worker, the schedule commands and the web app use. */
export function sqliteRunStore(h: HistoryStore): WebHistory {
  return {
    runStatuses: async () => h.runStatuses(),
    runStatus: async (runId) => h.runStatus(runId),
    audit: async (runId, agency) => h.audit(runId, agency),
    allAudits: async () => h.allAudits(),
    itemOutcomes: async (runId, agency) => h.itemOutcomes(runId, agency),
    defectRows: async (runId, agency) => h.defectRows(runId, agency),
    latestRecorded: async () => h.latestRecorded(),
    activeRun: async (agency) => h.activeRun(agency),
    abandonWebRuns: async (why, now) => h.abandonWebRuns(why, now),
    unfinishedRun: async () => h.unfinishedRun(),
    startRun: async (agencies, trigger, now) => h.startRun(agencies, trigger, now),
    markRun: async (runId, status, now) => h.markRun(runId, status, now),
    audits: async (runId) => h.audits(runId),
    setStage: async (runId, agency, stage, error) => h.setStage(runId, agency, stage, error),
    record: async (runId, agency, r, now) => h.record(runId, agency, r, now),
    markUnreachable: async (runId, agency, reason, now) => h.markUnreachable(runId, agency, reason, now),
    unreachableReason: async (runId, agency) => h.unreachableReason(runId, agency),
    previousOutcome: async (agency, beforeRun) => h.previousOutcome(agency, beforeRun),
    previousAudit: async (agency, beforeRun) => h.previousAudit(agency, beforeRun),
    wasAlerted: async (agency, runId, channel) => h.wasAlerted(agency, runId, channel),
    claimAlert: async (agency, runId, channel, now, leaseMs) => h.claimAlert(agency, runId, channel, now, leaseMs),
    releaseAlert: async (agency, runId, channel) => h.releaseAlert(agency, runId, channel),
    cycleAudit: async (cycle, agency, now) => h.cycleAudit(cycle, agency, now),
    finishCycle: async (runId, now) => h.finishCycle(runId, now),
    holdAudit: async (runId, agency, holder, now, leaseMs) => h.holdAudit(runId, agency, holder, now, leaseMs),
    releaseAudit: async (runId, agency, holder) => h.releaseAudit(runId, agency, holder),
    result: async (runId, agency) => {
      const row = h.audit(runId, agency);
      const file = row && join(row.out_dir, 'result.json');
      return file && existsSync(file) ? readResult(file) : undefined;
    },
    markAlerted: async (agency, runId, channel, digest, now) => h.markAlerted(agency, runId, channel, digest, now),
    lastCompleted: async (agency) => h.lastCompleted(agency),
    history: async (agency) => h.history(agency),
    defectKeys: async (runId, agency) => h.defectKeys(runId, agency),
    waivers: async (agency) => h.review.waivers(agency),
    prune: async (agency, keep) => h.prune(agency, keep),
    close: async () => h.close(),
  };
}

/** A stored reason, read back; a reason written by an older version (plain text) is kept as its detail. */
export function parseReason(text: string): Notice {
  try {
    const parsed = Notice.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    /* plain text below */
  }
  return { code: 'site-unreachable', data: { detail: text } };
}
