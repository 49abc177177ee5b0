// The history stores the worker tests run against: SQLite in the test's folder, and PostgreSQL in a schema of its own
// (created, migrated and dropped per test) when a server answers at OIT_TEST_PG (default: the local `test` database).
import { join } from 'node:path';
import pg from 'pg';
import type { RunStore } from '../../src/schedule/store-api.js';
import { PostgresStore } from '../../src/schedule/store-postgres.js';
import { HistoryStore, sqliteRunStore } from '../../src/schedule/store.js';

export const PG_URL = process.env.OIT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const pgUp = await reachable(PG_URL);

export interface StoreKind {
  name: string;
  /** Why this store's tests are skipped (PostgreSQL not reachable), or undefined. */
  skip: string | undefined;
  /** A fresh store; `dispose` closes it and, for PostgreSQL, drops its schema. */
  open(dataDir: string): Promise<{ store: RunStore; dispose(): Promise<void> }>;
}

let n = 0;

export const STORES: StoreKind[] = [
  {
    name: 'SQLite',
    skip: undefined,
    open: async (dataDir) => {
      const store = sqliteRunStore(new HistoryStore(dataDir));
      return { store, dispose: () => store.close() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgUp ? undefined : `PostgreSQL is not reachable at ${PG_URL} (set OIT_TEST_PG): skipped`,
    open: async () => {
      const schema = `oit_test_${process.pid}_${Date.now()}_${n++}`;
      const store = new PostgresStore(PG_URL, { schema, max: 4 });
      await store.migrate();
      return {
        store,
        dispose: async () => {
          await store.close();
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          try {
            await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          } finally {
            await c.end();
          }
        },
      };
    },
  },
];

/** The describe title: the store's name, and why it is skipped when it is. */
export const title = (what: string, kind: StoreKind) => `${what} [${kind.name}${kind.skip ? `: ${kind.skip}` : ''}]`;

export const dataOf = (dir: string) => join(dir, 'data');
