// Everything `oit serve` and `oit users` read and write, from the store a config names: a folder (SQLite, one file)
// or a postgres:// URL (PostgreSQL, migrated beforehand by `oit store migrate`; an older schema is refused).
import { resolve } from 'node:path';
import { isPostgresUrl, type Config } from '../schedule/config.js';
import type { ReviewApi } from '../schedule/review-api.js';
import { PostgresReview } from '../schedule/review-postgres.js';
import { sqliteReview } from '../schedule/review-store.js';
import type { WebHistory } from '../schedule/store-api.js';
import { PostgresStore } from '../schedule/store-postgres.js';
import { HistoryStore, sqliteRunStore } from '../schedule/store.js';
import type { AuthApi } from './auth-api.js';
import { PostgresAuth } from './auth-postgres.js';
import { AuthStore, sqliteAuth } from './store-auth.js';

export interface ServeStore {
  history: WebHistory;
  review: ReviewApi;
  auth: AuthApi;
  close(): Promise<void>;
}

/** An open SQLite store behind the async interfaces (closing it closes the store). */
export function sqliteServeStore(h: HistoryStore): ServeStore {
  return { history: sqliteRunStore(h), review: sqliteReview(h.review), auth: sqliteAuth(new AuthStore(h.db)), close: async () => h.close() };
}

/** The records of a PostgresStore's schema, over its one pool (closing it ends the pool). */
export function postgresServeStore(p: PostgresStore): ServeStore {
  return { history: p, review: new PostgresReview(p.pool), auth: new PostgresAuth(p.pool), close: () => p.close() };
}

export async function openServeStore(config: Pick<Config, 'dir' | 'store'>): Promise<ServeStore> {
  if (isPostgresUrl(config.store)) return postgresServeStore(await PostgresStore.open(config.store));
  return sqliteServeStore(new HistoryStore(resolve(config.dir, config.store)));
}
