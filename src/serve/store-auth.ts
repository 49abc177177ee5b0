// Users, sessions and the server's own secret, in the history store's SQLite file (oit serve, oit users); sqliteAuth
// puts them behind the async interface both stores share (auth-api.ts).
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { endsWithUser, type AuthApi, type UserRow } from './auth-api.js';
import type { Role } from './auth.js';

export type { UserRow } from './auth-api.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('viewer','reviewer','approver','admin')),
  hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** A user name: letters (Thai too), digits, dot, dash, underscore; it is shown in sign-offs and the audit trail. */
export const USER_NAME = /^[\p{L}\p{M}\p{N}._-]{2,64}$/u;

export class AuthStore {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  user(name: string): UserRow | undefined {
    return this.db.prepare(`SELECT * FROM users WHERE name = ?`).get(name) as UserRow | undefined;
  }

  users(): UserRow[] {
    return this.db.prepare(`SELECT * FROM users ORDER BY name`).all() as UserRow[];
  }

  /** Adds a user, or sets the role and password of an existing one. */
  putUser(name: string, role: Role, hash: string, now: Date): 'added' | 'updated' {
    const had = this.user(name);
    if (had) this.db.prepare(`UPDATE users SET role = ?, hash = ?, disabled = 0 WHERE name = ?`).run(role, hash, name);
    else this.db.prepare(`INSERT INTO users (name, role, hash, created_at) VALUES (?, ?, ?, ?)`).run(name, role, hash, now.toISOString());
    // Changed rights take effect at once: the user's sessions end.
    this.dropSessionsOf(name);
    return had ? 'updated' : 'added';
  }

  disableUser(name: string): boolean {
    const changed = this.db.prepare(`UPDATE users SET disabled = 1 WHERE name = ?`).run(name).changes > 0;
    this.dropSessionsOf(name);
    return changed;
  }

  private dropSessionsOf(name: string): void {
    for (const s of this.db.prepare(`SELECT sid, data FROM sessions`).all() as Array<{ sid: string; data: string }>)
      if (endsWithUser(s.data, name)) this.db.prepare(`DELETE FROM sessions WHERE sid = ?`).run(s.sid);
  }

  /** The key that signs session cookies: made once per store, so sessions survive a restart of the server. */
  secret(): string {
    const row = this.db.prepare(`SELECT value FROM settings WHERE key = 'session-secret'`).get() as { value: string } | undefined;
    if (row) return row.value;
    const value = randomBytes(48).toString('base64url');
    this.db.prepare(`INSERT OR IGNORE INTO settings (key, value) VALUES ('session-secret', ?)`).run(value);
    return (this.db.prepare(`SELECT value FROM settings WHERE key = 'session-secret'`).get() as { value: string }).value;
  }

  getSession(sid: string, now: number): unknown {
    const row = this.db.prepare(`SELECT data, expires FROM sessions WHERE sid = ?`).get(sid) as { data: string; expires: number } | undefined;
    if (!row) return undefined;
    if (row.expires <= now) {
      this.db.prepare(`DELETE FROM sessions WHERE sid = ?`).run(sid);
      return undefined;
    }
    return JSON.parse(row.data) as unknown;
  }

  setSession(sid: string, data: unknown, expires: number, now: number): void {
    this.db.prepare(`INSERT INTO sessions (sid, data, expires) VALUES (?, ?, ?) ON CONFLICT(sid) DO UPDATE SET data = excluded.data, expires = excluded.expires`).run(sid, JSON.stringify(data), expires);
    this.db.prepare(`DELETE FROM sessions WHERE expires <= ?`).run(now);
  }

  destroySession(sid: string): void {
    this.db.prepare(`DELETE FROM sessions WHERE sid = ?`).run(sid);
  }
}

/** The SQLite sign-in records behind the async interface (they answer at once). */
export function sqliteAuth(a: AuthStore): AuthApi {
  return {
    user: async (name) => a.user(name),
    users: async () => a.users(),
    putUser: async (name, role, hash, now) => a.putUser(name, role, hash, now),
    disableUser: async (name) => a.disableUser(name),
    secret: async () => a.secret(),
    getSession: async (sid, now) => a.getSession(sid, now),
    setSession: async (sid, data, expires, now) => a.setSession(sid, data, expires, now),
    destroySession: async (sid) => a.destroySession(sid),
  };
}
