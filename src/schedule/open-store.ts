// The history store a config names: a folder (SQLite) or a postgres:// URL (PostgreSQL, migrated beforehand).
import { resolve } from 'node:path';
import { isPostgresUrl, type Config } from './config.js';
import type { RunStore } from './store-api.js';
import { PostgresStore } from './store-postgres.js';
import { HistoryStore, sqliteRunStore } from './store.js';

export async function openRunStore(config: Pick<Config, 'dir' | 'store'>): Promise<RunStore> {
  if (isPostgresUrl(config.store)) return PostgresStore.open(config.store);
  return sqliteRunStore(new HistoryStore(resolve(config.dir, config.store)));
}
