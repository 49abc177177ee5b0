// What `oit serve` and `oit users` need of the sign-in records (users, sessions, the server's secret), whichever
// database holds them: SQLite (store-auth.ts, through sqliteAuth) or PostgreSQL (auth-postgres.ts).
import type { Role } from './auth.js';

export interface UserRow {
  name: string;
  role: Role;
  hash: string;
  created_at: string;
  /** 1: may not sign in. */
  disabled: number;
}

export interface AuthApi {
  user(name: string): Promise<UserRow | undefined>;
  /** Every user, by name (byte order, as SQLite sorts). */
  users(): Promise<UserRow[]>;
  /** Adds a user, or sets the role and password of an existing one (enabling it again); its sessions end either way. */
  putUser(name: string, role: Role, hash: string, now: Date): Promise<'added' | 'updated'>;
  /** False when there is no such user; its sessions end. */
  disableUser(name: string): Promise<boolean>;
  /** The key that signs session cookies: made once per store, so sessions survive a restart of the server. */
  secret(): Promise<string>;
  /** A session's data, or undefined when there is none or it has expired (an expired one is removed). */
  getSession(sid: string, now: number): Promise<unknown>;
  /** Stores a session until `expires` (ms since the epoch); sessions expired by `now` are removed. */
  setSession(sid: string, data: unknown, expires: number, now: number): Promise<void>;
  destroySession(sid: string): Promise<void>;
}

/** Whether a session ends when the user's rights change: it is theirs, or its data cannot be read (then it ends with any). */
export function endsWithUser(data: string, name: string): boolean {
  try {
    return (JSON.parse(data) as { user?: string }).user === name;
  } catch {
    return true;
  }
}
