// The history stores the worker tests run against: SQLite in the test's folder, and PostgreSQL in a schema of its own
// (created, migrated and dropped per test) when a server answers at OIT_TEST_PG (default: the local `test` database).
// `openServe` opens the whole of what `oit serve` uses (history, review, sign-in records) the same two ways.
import { join } from 'node:path';
import pg from 'pg';
import type { RunStore } from '../../src/schedule/store-api.js';
import { PostgresStore } from '../../src/schedule/store-postgres.js';
import { HistoryStore, sqliteRunStore } from '../../src/schedule/store.js';
import { postgresServeStore, sqliteServeStore, type ServeStore } from '../../src/serve/serve-store.js';

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
  /** A fresh store as the web app opens it; `sql` runs a statement on its database as-is (to try what the store refuses), `again` opens a second handle on the same store. */
  openServe(dataDir: string): Promise<OpenServe>;
}

export interface OpenServe {
  store: ServeStore;
  sql(text: string): Promise<void>;
  again(): Promise<ServeStore>;
  dispose(): Promise<void>;
}

async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
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
    openServe: async (dataDir) => {
      const h = new HistoryStore(dataDir);
      const store = sqliteServeStore(h);
      return { store, sql: async (text) => void h.db.exec(text), again: async () => sqliteServeStore(new HistoryStore(dataDir)), dispose: () => store.close() };
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
          await dropSchema(schema);
        },
      };
    },
    openServe: async () => {
      const schema = `oit_test_${process.pid}_${Date.now()}_${n++}`;
      const p = new PostgresStore(PG_URL, { schema, max: 4 });
      await p.migrate();
      const store = postgresServeStore(p);
      return {
        store,
        sql: async (text) => void (await p.pool.query(text)),
        // As `oit serve` opens it: refused unless migrated to this build's version.
        again: async () => postgresServeStore(await PostgresStore.open(PG_URL, { schema, max: 2 })),
        dispose: async () => {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  },
];

/** The describe title: the store's name, and why it is skipped when it is. */
export const title = (what: string, kind: StoreKind) => `${what} [${kind.name}${kind.skip ? `: ${kind.skip}` : ''}]`;

export const dataOf = (dir: string) => join(dir, 'data');
