// The history store in PostgreSQL (`store: postgres://…` in oit.config.yaml): the SQLite store's tables in a schema of
// their own (`oit` unless told), created and upgraded by versioned migrations (`oit store migrate --config F`).
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { parseResultText } from '../commands/files.js';
import { withTransaction } from './pg-tx.js';
import type { Notice } from '../model/notice.js';
import type { Result } from '../model/result.js';
import { defectKey } from '../render/diff.js';
import type { WaiverRow } from '../review/apply.js';
import { defectPrint, itemPrint } from '../review/evidence.js';
import { defectText, itemOf } from '../text/say.js';
import type { DefectKeyRow, RunStatus, WebHistory } from './store-api.js';
import { parseReason, WEB_TRIGGER, type AuditRow, type DefectRow, type ItemOutcomeRow, type Stage } from './store.js';

const APPEND_ONLY = ['decisions', 'waivers', 'signoffs', 'trail'];

/**
 * Schema versions, in order; each runs once in one transaction, and `schema_version` records how far a database is.
 * 1: the SQLite store at its version 1 (runs, audits, item outcomes, defects, alerts and the review tables).
 * 2: users, sessions and settings of the web app (`oit serve`, `oit users`).
 * 3: the fleet: runs.cycle, alerts.state, audits.holder/held_until, results.
 */
const MIGRATIONS: string[] = [
  `
CREATE TABLE runs (id SERIAL PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running','done','interrupted')), "trigger" TEXT NOT NULL);
CREATE TABLE audits (run_id INTEGER NOT NULL REFERENCES runs(id), agency TEXT NOT NULL,
  stage TEXT NOT NULL, out_dir TEXT NOT NULL, as_of TEXT, framework TEXT, oit DOUBLE PRECISION, grade TEXT, pass INTEGER,
  provisional INTEGER, error TEXT, finished_at TEXT, budget_hit INTEGER, PRIMARY KEY (run_id, agency));
CREATE INDEX audits_agency ON audits (agency, run_id);
CREATE TABLE item_outcomes (run_id INTEGER NOT NULL, agency TEXT NOT NULL, item TEXT NOT NULL, outcome TEXT NOT NULL,
  evidence TEXT, PRIMARY KEY (run_id, agency, item));
CREATE TABLE defects (run_id INTEGER NOT NULL, agency TEXT NOT NULL, key TEXT NOT NULL, item TEXT, kind TEXT NOT NULL,
  url TEXT, message TEXT NOT NULL, evidence TEXT, PRIMARY KEY (run_id, agency, key));
CREATE TABLE alerts (agency TEXT NOT NULL, run_id INTEGER NOT NULL, channel TEXT NOT NULL, sent_at TEXT NOT NULL,
  digest TEXT NOT NULL, PRIMARY KEY (agency, run_id, channel));
CREATE TABLE decisions (id SERIAL PRIMARY KEY, agency TEXT NOT NULL, item TEXT NOT NULL,
  evidence TEXT NOT NULL, verdict TEXT CHECK (verdict IN ('pass','fail')), note TEXT NOT NULL, "by" TEXT NOT NULL,
  at TEXT NOT NULL, run_id INTEGER NOT NULL);
CREATE INDEX decisions_agency ON decisions (agency, item);
CREATE TABLE waivers (id SERIAL PRIMARY KEY, agency TEXT NOT NULL, defect_key TEXT NOT NULL,
  item TEXT, kind TEXT NOT NULL, url TEXT, evidence TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('false-alarm','accepted-risk')), note TEXT NOT NULL, expires TEXT,
  revoked INTEGER NOT NULL DEFAULT 0, "by" TEXT NOT NULL, at TEXT NOT NULL, run_id INTEGER NOT NULL);
CREATE INDEX waivers_agency ON waivers (agency, defect_key);
CREATE TABLE signoffs (id SERIAL PRIMARY KEY, agency TEXT NOT NULL, run_id INTEGER NOT NULL,
  step TEXT NOT NULL CHECK (step IN ('prepared','reviewed','approved','reopened')), "by" TEXT NOT NULL, at TEXT NOT NULL,
  comment TEXT NOT NULL, decision_upto INTEGER NOT NULL, waiver_upto INTEGER NOT NULL);
CREATE INDEX signoffs_audit ON signoffs (agency, run_id);
CREATE TABLE trail (id SERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, agency TEXT, run_id INTEGER, target TEXT, detail TEXT NOT NULL);
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
${APPEND_ONLY.map((t) => `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION append_only();`).join('\n')}
`,
  // 2: the web app's users, sessions and settings (src/serve/auth-postgres.ts), as in the SQLite file.
  `
CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('viewer','reviewer','approver','admin')),
  hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires BIGINT NOT NULL);
CREATE INDEX sessions_expires ON sessions (expires);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  // 3: the fleet. One run per queue cycle; alerts claimed by one worker before they are sent; the worker holding each
  // audit, and until when; each audit's result (gzipped result.json) in the store, so that a worker on any machine
  // can compare with the previous audit.
  `
ALTER TABLE runs ADD COLUMN cycle TEXT;
CREATE UNIQUE INDEX runs_cycle ON runs (cycle);
ALTER TABLE alerts ADD COLUMN state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sending','sent'));
ALTER TABLE audits ADD COLUMN holder TEXT, ADD COLUMN held_until TEXT;
CREATE TABLE results (run_id INTEGER NOT NULL, agency TEXT NOT NULL, body BYTEA NOT NULL, PRIMARY KEY (run_id, agency));
`,
];

/** The schema version this build writes. */
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** The schema the tables live in (default `oit`; tests use one of their own). */
  schema?: string;
  /** Connections at most (the worker's parallel agencies each hold one briefly). */
  max?: number;
}

export class PostgresStore implements WebHistory {
  readonly schema: string;
  /** Shared with the review and sign-in records of the same schema (review-postgres.ts, serve/auth-postgres.ts). */
  readonly pool: pg.Pool;

  constructor(
    readonly url: string,
    opts: PostgresOptions = {},
  ) {
    this.schema = opts.schema ?? 'oit';
    if (!IDENT.test(this.schema)) throw new Error(`PostgreSQL schema name "${this.schema}": lower-case letters, digits and _ only`);
    this.pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8, options: `-c search_path=${this.schema}` });
  }

  /** A store whose schema is at this build's version; an older one is refused with the command that upgrades it. */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, opts);
    try {
      const v = await store.version();
      if (v < PG_SCHEMA_VERSION) throw new Error(`the PostgreSQL store (schema "${store.schema}") is at version ${v}, this oit needs ${PG_SCHEMA_VERSION}: run oit store migrate --config <file>`);
      if (v > PG_SCHEMA_VERSION) throw new Error(`the PostgreSQL store (schema "${store.schema}") is at version ${v}, newer than this oit (${PG_SCHEMA_VERSION}): upgrade oit`);
      return store;
    } catch (err) {
      await store.close();
      throw err;
    }
  }

  /** The schema's version (0: none yet). */
  async version(): Promise<number> {
    const t = await this.pool.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [`${this.schema}.schema_version`]);
    if (!t.rows[0]?.t) return 0;
    const r = await this.pool.query<{ version: number }>(`SELECT version FROM schema_version`);
    return r.rows[0]?.version ?? 0;
  }

  /** Brings the schema to this build's version; running it again does nothing. Returns the versions applied. */
  async migrate(): Promise<number[]> {
    return withTransaction(this.pool, async (c) => {
      // One migrator at a time, whichever process: the lock is held until the transaction ends.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`oit-migrate:${this.schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`);
      const r = await c.query<{ version: number }>(`SELECT version FROM schema_version`);
      let version = r.rows[0]?.version ?? 0;
      if (!r.rows.length) await c.query(`INSERT INTO schema_version (version) VALUES (0)`);
      const applied: number[] = [];
      for (; version < MIGRATIONS.length; version++) {
        await c.query(MIGRATIONS[version]!);
        applied.push(version + 1);
      }
      await c.query(`UPDATE schema_version SET version = $1`, [version]);
      return applied;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async one<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.pool.query<T>(sql, params)).rows[0];
  }

  private async all<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, fn);
  }

  async unfinishedRun(): Promise<number | undefined> {
    // A queue cycle's run is finished by the queue's workers, never resumed as a whole.
    return (await this.one<{ id: number }>(`SELECT id FROM runs WHERE status IN ('running','interrupted') AND "trigger" != $1 AND cycle IS NULL ORDER BY id DESC LIMIT 1`, [WEB_TRIGGER]))?.id;
  }

  async startRun(agencies: Array<{ id: string; outDir: (runId: number) => string }>, trigger: string, now: Date): Promise<number> {
    return this.tx(async (c) => {
      const id = (await c.query<{ id: number }>(`INSERT INTO runs (started_at, status, "trigger") VALUES ($1, 'running', $2) RETURNING id`, [now.toISOString(), trigger])).rows[0]!.id;
      for (const a of agencies) await c.query(`INSERT INTO audits (run_id, agency, stage, out_dir) VALUES ($1, $2, 'pending', $3)`, [id, a.id, a.outDir(id)]);
      return id;
    });
  }

  async markRun(runId: number, status: RunStatus, now: Date): Promise<void> {
    await this.pool.query(`UPDATE runs SET status = $1::text, finished_at = CASE WHEN $1::text = 'done' THEN $2 ELSE finished_at END WHERE id = $3`, [status, now.toISOString(), runId]);
  }

  audits(runId: number): Promise<AuditRow[]> {
    return this.all<AuditRow>(`SELECT * FROM audits WHERE run_id = $1 ORDER BY agency`, [runId]);
  }

  async setStage(runId: number, agency: string, stage: Stage, error?: string): Promise<void> {
    await this.pool.query(`UPDATE audits SET stage = $1, error = $2 WHERE run_id = $3 AND agency = $4`, [stage, error ?? null, runId, agency]);
  }

  async record(runId: number, agency: string, r: Result, now: Date): Promise<void> {
    await this.tx(async (c) => {
      await c.query(`DELETE FROM item_outcomes WHERE run_id = $1 AND agency = $2`, [runId, agency]);
      await c.query(`DELETE FROM defects WHERE run_id = $1 AND agency = $2`, [runId, agency]);
      if (r.items.length)
        await c.query(`INSERT INTO item_outcomes (run_id, agency, item, outcome, evidence) SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[])`, [
          runId,
          agency,
          r.items.map((i) => i.id),
          r.items.map((i) => i.outcome),
          r.items.map((i) => itemPrint(r, i)),
        ]);
      if (r.defects.length)
        await c.query(
          `INSERT INTO defects (run_id, agency, key, item, kind, url, message, evidence) SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) ON CONFLICT DO NOTHING`,
          [
            runId,
            agency,
            r.defects.map((d) => defectKey(d)),
            r.defects.map((d) => d.item ?? null),
            r.defects.map((d) => d.kind),
            r.defects.map((d) => d.url ?? null),
            r.defects.map((d) => defectText('th', d, itemOf(r, d))),
            r.defects.map((d) => defectPrint(r, d)),
          ],
        );
      await c.query(`INSERT INTO results (run_id, agency, body) VALUES ($1, $2, $3) ON CONFLICT (run_id, agency) DO UPDATE SET body = EXCLUDED.body`, [runId, agency, gzipSync(JSON.stringify(r))]);
      const budgetHit = r.warnings.some((w) => w.code === 'budget-hit');
      await c.query(
        `UPDATE audits SET stage = 'recorded', as_of = $1, framework = $2, oit = $3, grade = $4, pass = $5, provisional = $6, error = NULL, finished_at = $7, budget_hit = $8 WHERE run_id = $9 AND agency = $10`,
        [r.asOf, r.framework.id, r.score.oit, r.score.grade, r.score.pass === null ? null : Number(r.score.pass), Number(r.score.provisional), now.toISOString(), Number(budgetHit), runId, agency],
      );
    });
  }

  async markUnreachable(runId: number, agency: string, reason: Notice, now: Date): Promise<void> {
    await this.pool.query(`UPDATE audits SET stage = 'unreachable', error = $1, oit = NULL, grade = NULL, pass = NULL, finished_at = $2 WHERE run_id = $3 AND agency = $4`, [JSON.stringify(reason), now.toISOString(), runId, agency]);
  }

  async unreachableReason(runId: number, agency: string): Promise<Notice | undefined> {
    const row = await this.one<{ error: string | null }>(`SELECT error FROM audits WHERE run_id = $1 AND agency = $2 AND stage = 'unreachable'`, [runId, agency]);
    return row?.error ? parseReason(row.error) : undefined;
  }

  async previousOutcome(agency: string, beforeRun: number): Promise<'audited' | 'unreachable' | undefined> {
    const row = await this.one<{ stage: Stage }>(`SELECT stage FROM audits WHERE agency = $1 AND run_id < $2 AND stage IN ('recorded','alerted','unreachable') ORDER BY run_id DESC LIMIT 1`, [agency, beforeRun]);
    return row ? (row.stage === 'unreachable' ? 'unreachable' : 'audited') : undefined;
  }

  previousAudit(agency: string, beforeRun: number): Promise<AuditRow | undefined> {
    return this.one<AuditRow>(`SELECT * FROM audits WHERE agency = $1 AND run_id < $2 AND stage IN ('recorded','alerted') ORDER BY run_id DESC LIMIT 1`, [agency, beforeRun]);
  }

  async wasAlerted(agency: string, runId: number, channel: string): Promise<boolean> {
    return Boolean(await this.one(`SELECT 1 FROM alerts WHERE agency = $1 AND run_id = $2 AND channel = $3 AND state = 'sent'`, [agency, runId, channel]));
  }

  async claimAlert(agency: string, runId: number, channel: string, now: Date, leaseMs: number): Promise<boolean> {
    const row = await this.one(
      `INSERT INTO alerts (agency, run_id, channel, sent_at, digest, state) VALUES ($1, $2, $3, $4, '', 'sending')
       ON CONFLICT (agency, run_id, channel) DO UPDATE SET sent_at = EXCLUDED.sent_at WHERE alerts.state = 'sending' AND alerts.sent_at < $5 RETURNING 1 AS ok`,
      [agency, runId, channel, now.toISOString(), new Date(now.getTime() - leaseMs).toISOString()],
    );
    return Boolean(row);
  }

  async releaseAlert(agency: string, runId: number, channel: string): Promise<void> {
    await this.pool.query(`DELETE FROM alerts WHERE agency = $1 AND run_id = $2 AND channel = $3 AND state = 'sending'`, [agency, runId, channel]);
  }

  async markAlerted(agency: string, runId: number, channel: string, digest: string, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO alerts (agency, run_id, channel, sent_at, digest, state) VALUES ($1, $2, $3, $4, $5, 'sent')
       ON CONFLICT (agency, run_id, channel) DO UPDATE SET state = 'sent', sent_at = EXCLUDED.sent_at, digest = EXCLUDED.digest`,
      [agency, runId, channel, now.toISOString(), digest],
    );
  }

  async cycleAudit(cycle: string, agency: { id: string; outDir: (runId: number) => string }, now: Date): Promise<AuditRow> {
    return this.tx(async (c) => {
      // Two workers starting the same cycle at once: the unique index lets one insert, the other reads its row.
      await c.query(`INSERT INTO runs (started_at, status, "trigger", cycle) VALUES ($1, 'running', 'queue', $2) ON CONFLICT (cycle) DO NOTHING`, [now.toISOString(), cycle]);
      const runId = (await c.query<{ id: number }>(`SELECT id FROM runs WHERE cycle = $1`, [cycle])).rows[0]!.id;
      await c.query(`INSERT INTO audits (run_id, agency, stage, out_dir) VALUES ($1, $2, 'pending', $3) ON CONFLICT DO NOTHING`, [runId, agency.id, agency.outDir(runId)]);
      await c.query(`UPDATE runs SET status = 'running' WHERE id = $1 AND status != 'running' AND EXISTS (SELECT 1 FROM audits WHERE run_id = $1 AND stage IN ('pending','crawled','judged','failed'))`, [runId]);
      return (await c.query<AuditRow>(`SELECT * FROM audits WHERE run_id = $1 AND agency = $2`, [runId, agency.id])).rows[0]!;
    });
  }

  async holdAudit(runId: number, agency: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    const r = await this.pool.query(`UPDATE audits SET holder = $1, held_until = $2 WHERE run_id = $3 AND agency = $4 AND (holder IS NULL OR holder = $1 OR held_until < $5)`, [
      holder,
      new Date(now.getTime() + leaseMs).toISOString(),
      runId,
      agency,
      now.toISOString(),
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async releaseAudit(runId: number, agency: string, holder: string): Promise<void> {
    await this.pool.query(`UPDATE audits SET holder = NULL, held_until = NULL WHERE run_id = $1 AND agency = $2 AND holder = $3`, [runId, agency, holder]);
  }

  async finishCycle(runId: number, now: Date): Promise<boolean> {
    const r = await this.pool.query(`UPDATE runs SET status = 'done', finished_at = $1 WHERE id = $2 AND status != 'done' AND NOT EXISTS (SELECT 1 FROM audits WHERE run_id = $2 AND stage IN ('pending','crawled','judged'))`, [now.toISOString(), runId]);
    return (r.rowCount ?? 0) > 0;
  }

  async result(runId: number, agency: string): Promise<Result | undefined> {
    const row = await this.one<{ body: Buffer }>(`SELECT body FROM results WHERE run_id = $1 AND agency = $2`, [runId, agency]);
    return row ? parseResultText(gunzipSync(row.body).toString('utf8'), `${this.schema}.results (run ${runId}, ${agency})`) : undefined;
  }

  async lastCompleted(agency?: string): Promise<Date | undefined> {
    const row = agency
      ? await this.one<{ t: string | null }>(`SELECT MAX(finished_at) AS t FROM audits WHERE agency = $1 AND stage IN ('recorded','alerted')`, [agency])
      : await this.one<{ t: string | null }>(`SELECT MAX(finished_at) AS t FROM runs WHERE status = 'done'`);
    return row?.t ? new Date(row.t) : undefined;
  }

  history(agency: string): Promise<AuditRow[]> {
    return this.all<AuditRow>(`SELECT * FROM audits WHERE agency = $1 ORDER BY run_id`, [agency]);
  }

  async defectKeys(runId: number, agency: string): Promise<Map<string, DefectKeyRow>> {
    const rows = await this.all<DefectKeyRow & { key: string }>(`SELECT key, item, kind, url, message FROM defects WHERE run_id = $1 AND agency = $2`, [runId, agency]);
    return new Map(rows.map((r) => [r.key, r]));
  }

  waivers(agency: string): Promise<WaiverRow[]> {
    return this.all<WaiverRow>(`SELECT * FROM waivers WHERE agency = $1 ORDER BY id`, [agency]);
  }

  async prune(agency: string, keep: number): Promise<number[]> {
    return this.tx(async (c) => {
      const frozen = new Set((await c.query<{ run_id: number }>(`SELECT DISTINCT run_id FROM signoffs WHERE agency = $1 AND step = 'approved'`, [agency])).rows.map((r) => r.run_id));
      const old = (await c.query<{ run_id: number }>(`SELECT run_id FROM audits WHERE agency = $1 ORDER BY run_id DESC OFFSET $2`, [agency, keep])).rows;
      const ids = old.map((o) => o.run_id).filter((id) => !frozen.has(id));
      if (ids.length) for (const t of ['item_outcomes', 'defects', 'results', 'audits']) await c.query(`DELETE FROM ${t} WHERE agency = $1 AND run_id = ANY($2::int[])`, [agency, ids]);
      return ids;
    });
  }
  // What the web app reads besides (WebHistory): the same statements as the SQLite store's.

  async runStatuses(): Promise<Map<number, RunStatus>> {
    return new Map((await this.all<{ id: number; status: RunStatus }>(`SELECT id, status FROM runs`)).map((r) => [r.id, r.status]));
  }

  async runStatus(runId: number): Promise<RunStatus | undefined> {
    return (await this.one<{ status: RunStatus }>(`SELECT status FROM runs WHERE id = $1`, [runId]))?.status;
  }

  audit(runId: number, agency: string): Promise<AuditRow | undefined> {
    return this.one<AuditRow>(`SELECT * FROM audits WHERE run_id = $1 AND agency = $2`, [runId, agency]);
  }

  allAudits(): Promise<AuditRow[]> {
    // COLLATE "C": byte order, as SQLite sorts text, whatever the database's locale.
    return this.all<AuditRow>(`SELECT * FROM audits ORDER BY agency COLLATE "C", run_id`);
  }

  itemOutcomes(runId: number, agency: string): Promise<ItemOutcomeRow[]> {
    return this.all<ItemOutcomeRow>(`SELECT run_id, agency, item, outcome, evidence FROM item_outcomes WHERE run_id = $1 AND agency = $2`, [runId, agency]);
  }

  defectRows(runId: number, agency: string): Promise<DefectRow[]> {
    return this.all<DefectRow>(`SELECT run_id, agency, key, item, kind, url, message, evidence FROM defects WHERE run_id = $1 AND agency = $2`, [runId, agency]);
  }

  async latestRecorded(): Promise<{ outcomes: ItemOutcomeRow[]; defects: DefectRow[] }> {
    const latest = `SELECT agency, MAX(run_id) AS run_id FROM audits WHERE stage IN ('recorded','alerted') GROUP BY agency`;
    const [outcomes, defects] = await Promise.all([
      this.all<ItemOutcomeRow>(`SELECT t.run_id, t.agency, t.item, t.outcome, t.evidence FROM item_outcomes t JOIN (${latest}) l ON t.agency = l.agency AND t.run_id = l.run_id`),
      this.all<DefectRow>(`SELECT t.run_id, t.agency, t.key, t.item, t.kind, t.url, t.message, t.evidence FROM defects t JOIN (${latest}) l ON t.agency = l.agency AND t.run_id = l.run_id`),
    ]);
    return { outcomes, defects };
  }

  async activeRun(agency: string): Promise<number | undefined> {
    const row = await this.one<{ run_id: number }>(
      `SELECT a.run_id FROM audits a JOIN runs r ON r.id = a.run_id WHERE a.agency = $1 AND r.status = 'running' AND a.stage IN ('pending','crawled','judged') ORDER BY a.run_id DESC LIMIT 1`,
      [agency],
    );
    return row?.run_id;
  }

  async abandonWebRuns(why: string, now: Date): Promise<number[]> {
    return this.tx(async (c) => {
      const ids = (await c.query<{ id: number }>(`SELECT id FROM runs WHERE status = 'running' AND "trigger" = $1 ORDER BY id FOR UPDATE`, [WEB_TRIGGER])).rows.map((r) => r.id);
      for (const id of ids) {
        await c.query(`UPDATE audits SET stage = 'failed', error = $1 WHERE run_id = $2 AND stage IN ('pending','crawled','judged')`, [why, id]);
        // markRun's statement: an interrupted run keeps no finish time.
        await c.query(`UPDATE runs SET status = $1::text, finished_at = CASE WHEN $1::text = 'done' THEN $2 ELSE finished_at END WHERE id = $3`, ['interrupted', now.toISOString(), id]);
      }
      return ids;
    });
  }
}
