// Users, sessions and the server's secret in PostgreSQL (the tables of migration 2, in the history store's schema),
// with the SQLite store's rules: changed rights end the user's sessions, an expired session is gone when read.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../schedule/pg-tx.js';
import { endsWithUser, type AuthApi, type UserRow } from './auth-api.js';
import type { Role } from './auth.js';

export class PostgresAuth implements AuthApi {
  /** The pool of a PostgresStore: its search_path names the schema. */
  constructor(private readonly pool: pg.Pool) {}

  async user(name: string): Promise<UserRow | undefined> {
    return (await this.pool.query<UserRow>(`SELECT * FROM users WHERE name = $1`, [name])).rows[0];
  }

  async users(): Promise<UserRow[]> {
    // COLLATE "C": byte order, as SQLite sorts text, whatever the database's locale.
    return (await this.pool.query<UserRow>(`SELECT * FROM users ORDER BY name COLLATE "C"`)).rows;
  }

  putUser(name: string, role: Role, hash: string, now: Date): Promise<'added' | 'updated'> {
    return withTransaction(this.pool, async (c) => {
      // Insert first: two processes adding the same name cannot both add it.
      const added = (await c.query(`INSERT INTO users (name, role, hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`, [name, role, hash, now.toISOString()])).rowCount === 1;
      if (!added) await c.query(`UPDATE users SET role = $1, hash = $2, disabled = 0 WHERE name = $3`, [role, hash, name]);
      // Changed rights take effect at once: the user's sessions end.
      await this.dropSessionsOf(c, name);
      return added ? 'added' : 'updated';
    });
  }

  disableUser(name: string): Promise<boolean> {
    return withTransaction(this.pool, async (c) => {
      const changed = ((await c.query(`UPDATE users SET disabled = 1 WHERE name = $1`, [name])).rowCount ?? 0) > 0;
      await this.dropSessionsOf(c, name);
      return changed;
    });
  }

  private async dropSessionsOf(c: pg.PoolClient, name: string): Promise<void> {
    const rows = (await c.query<{ sid: string; data: string }>(`SELECT sid, data FROM sessions`)).rows;
    const sids = rows.filter((s) => endsWithUser(s.data, name)).map((s) => s.sid);
    if (sids.length) await c.query(`DELETE FROM sessions WHERE sid = ANY($1::text[])`, [sids]);
  }

  async secret(): Promise<string> {
    const read = async () => (await this.pool.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'session-secret'`)).rows[0]?.value;
    const had = await read();
    if (had) return had;
    // Two servers starting at once keep the same secret: the first insert wins, both read it back.
    await this.pool.query(`INSERT INTO settings (key, value) VALUES ('session-secret', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(48).toString('base64url')]);
    return (await read())!;
  }

  async getSession(sid: string, now: number): Promise<unknown> {
    // BIGINT comes back as text from pg; as float8 it is a number (milliseconds fit exactly).
    const row = (await this.pool.query<{ data: string; expires: number }>(`SELECT data, expires::float8 AS expires FROM sessions WHERE sid = $1`, [sid])).rows[0];
    if (!row) return undefined;
    if (row.expires <= now) {
      await this.pool.query(`DELETE FROM sessions WHERE sid = $1`, [sid]);
      return undefined;
    }
    return JSON.parse(row.data) as unknown;
  }

  async setSession(sid: string, data: unknown, expires: number, now: number): Promise<void> {
    await this.pool.query(`INSERT INTO sessions (sid, data, expires) VALUES ($1, $2, $3) ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires = excluded.expires`, [sid, JSON.stringify(data), Math.floor(expires)]);
    await this.pool.query(`DELETE FROM sessions WHERE expires <= $1`, [Math.floor(now)]);
  }

  async destroySession(sid: string): Promise<void> {
    await this.pool.query(`DELETE FROM sessions WHERE sid = $1`, [sid]);
  }
}
