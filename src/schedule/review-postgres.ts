// The review records in PostgreSQL (the tables of migration 1, append-only by trigger), with the SQLite store's
// statements and rules: a later row supersedes an earlier one, each write logged to the trail in its transaction.
import type pg from 'pg';
import type { DecisionRow, WaiverRow } from '../review/apply.js';
import { withTransaction } from './pg-tx.js';
import {
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

export class PostgresReview implements ReviewApi {
  /** The pool of a PostgresStore: its search_path names the schema. */
  constructor(private readonly pool: pg.Pool) {}

  private async all<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  /**
   * Review writes one at a time, whichever process makes them (SQLite has a single writer too): ids are then
   * committed in order, so a sign-off's snapshot (the newest ids) never misses a row committed after it.
   */
  private write<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('oit-review:' || current_schema()))`);
      return fn(c);
    });
  }

  private async log(c: pg.PoolClient, actor: string, action: string, agency: string | null, runId: number | null, target: string | null, detail: unknown, at: string): Promise<void> {
    await c.query(`INSERT INTO trail (at, actor, action, agency, run_id, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [at, actor, action, agency, runId, target, JSON.stringify(detail)]);
  }

  decisions(agency: string): Promise<DecisionRow[]> {
    return this.all<DecisionRow>(`SELECT * FROM decisions WHERE agency = $1 ORDER BY id`, [agency]);
  }

  waivers(agency: string): Promise<WaiverRow[]> {
    return this.all<WaiverRow>(`SELECT * FROM waivers WHERE agency = $1 ORDER BY id`, [agency]);
  }

  allDecisions(): Promise<DecisionRow[]> {
    return this.all<DecisionRow>(`SELECT * FROM decisions ORDER BY id`);
  }

  allWaivers(): Promise<WaiverRow[]> {
    return this.all<WaiverRow>(`SELECT * FROM waivers ORDER BY id`);
  }

  decide(d: DecisionInput): Promise<number> {
    return this.write(async (c) => {
      const id = (
        await c.query<{ id: number }>(`INSERT INTO decisions (agency, item, evidence, verdict, note, "by", at, run_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, [
          d.agency,
          d.item,
          d.evidence,
          d.verdict,
          d.note,
          d.by,
          d.at,
          d.runId,
        ])
      ).rows[0]!.id;
      await this.log(c, d.by, decisionAction(d), d.agency, d.runId, d.item, { id, verdict: d.verdict, note: d.note, evidence: d.evidence }, d.at);
      return id;
    });
  }

  waive(w: WaiverInput): Promise<number> {
    return this.write(async (c) => {
      const id = (
        await c.query<{ id: number }>(
          `INSERT INTO waivers (agency, defect_key, item, kind, url, evidence, reason, note, expires, revoked, "by", at, run_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
          [w.agency, w.key, w.item, w.kind, w.url, w.evidence, w.reason, w.note, w.expires, w.revoke ? 1 : 0, w.by, w.at, w.runId],
        )
      ).rows[0]!.id;
      await this.log(c, w.by, waiverAction(w), w.agency, w.runId, w.key, { id, reason: w.reason, note: w.note, expires: w.expires, evidence: w.evidence }, w.at);
      return id;
    });
  }

  signoffs(agency: string, runId: number): Promise<SignoffRow[]> {
    return this.all<SignoffRow>(`SELECT * FROM signoffs WHERE agency = $1 AND run_id = $2 ORDER BY id`, [agency, runId]);
  }

  async signoffState(agency: string, runId: number): Promise<SignoffState> {
    return signoffStateOf(await this.signoffs(agency, runId));
  }

  async allSignoffs(): Promise<Map<string, SignoffState>> {
    return signoffStatesOf(await this.all<SignoffRow>(`SELECT * FROM signoffs ORDER BY id`));
  }

  async frozenRuns(agency: string): Promise<Set<number>> {
    const rows = await this.all<{ run_id: number }>(`SELECT DISTINCT run_id FROM signoffs WHERE agency = $1 AND step = 'approved'`, [agency]);
    return new Set(rows.map((r) => r.run_id));
  }

  signoff(s: SignoffInput): Promise<number> {
    return this.write(async (c) => {
      const state = signoffStateOf((await c.query<SignoffRow>(`SELECT * FROM signoffs WHERE agency = $1 AND run_id = $2 ORDER BY id`, [s.agency, s.runId])).rows);
      const max = async (t: 'decisions' | 'waivers') => (await c.query<{ m: number }>(`SELECT COALESCE(MAX(id), 0) AS m FROM ${t}`)).rows[0]!.m;
      const upto = s.step === 'prepared' ? { decisionUpto: await max('decisions'), waiverUpto: await max('waivers') } : (state.upto ?? { decisionUpto: 0, waiverUpto: 0 });
      const id = (
        await c.query<{ id: number }>(`INSERT INTO signoffs (agency, run_id, step, "by", at, comment, decision_upto, waiver_upto) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, [
          s.agency,
          s.runId,
          s.step,
          s.by,
          s.at,
          s.comment,
          upto.decisionUpto,
          upto.waiverUpto,
        ])
      ).rows[0]!.id;
      await this.log(c, s.by, `signoff-${s.step}`, s.agency, s.runId, null, { id, comment: s.comment, ...upto }, s.at);
      return id;
    });
  }

  async note(actor: string, action: string, detail: unknown, at: string, agency: string | null = null, runId: number | null = null): Promise<void> {
    await this.write((c) => this.log(c, actor, action, agency, runId, null, detail, at));
  }

  trail(filter: TrailFilter = {}): Promise<TrailRow[]> {
    const limit = filter.limit ?? 500;
    return filter.agency
      ? this.all<TrailRow>(`SELECT * FROM trail WHERE agency = $1 ORDER BY id DESC LIMIT $2`, [filter.agency, limit])
      : this.all<TrailRow>(`SELECT * FROM trail ORDER BY id DESC LIMIT $1`, [limit]);
  }
}
