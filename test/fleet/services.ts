// What the fleet tests need: Redis and PostgreSQL (each test skips with a message naming the one that does not
// answer), a database and a queue name of their own, and the built CLI as separate processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { PostgresStore } from '../../src/schedule/store-postgres.js';
import { PG_URL } from '../schedule/stores.js';

export const REDIS_URL = process.env.OIT_TEST_REDIS ?? 'redis://127.0.0.1:6379';

async function redisUp(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

async function pgUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const [redisOk, pgOk] = await Promise.all([redisUp(), pgUp()]);

/** Why the fleet tests are skipped here, or undefined when both services answer. */
export const FLEET_SKIP = !redisOk
  ? `Redis is not reachable at ${REDIS_URL} (set OIT_TEST_REDIS; .ci/run starts it): fleet tests skipped`
  : !pgOk
    ? `PostgreSQL is not reachable at ${PG_URL} (set OIT_TEST_PG; .ci/run starts it): fleet tests skipped`
    : undefined;
export const REDIS_SKIP = redisOk ? undefined : `Redis is not reachable at ${REDIS_URL} (set OIT_TEST_REDIS; .ci/run starts it): skipped`;

/** A database of the test's own (the CLI uses its `oit` schema), dropped by `drop`. */
export async function scratchDatabase(tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `oit_test_${tag}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A queue name no other test run uses; its keys are deleted by the returned function. */
export function scratchQueue(tag: string): { name: string; clean(): Promise<void> } {
  const name = `t-${tag}-${process.pid}-${Date.now() % 1e8}`;
  return {
    name,
    clean: async () => {
      const r = new Redis(REDIS_URL);
      try {
        for (const pattern of [`bull:${name}:*`, `oit:${name}:*`]) {
          const keys = await r.keys(pattern);
          if (keys.length) await r.del(...keys);
        }
      } finally {
        r.disconnect();
      }
    },
  };
}

export interface Cli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** The built CLI in a process of its own (spawn, not spawnSync: the fixture sites in this process must keep answering). */
export function oit(args: string[]): Cli {
  const child = spawn(process.execPath, ['dist/cli.js', ...args, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export async function oitDone(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const c = oit(args);
  const status = await c.exited;
  return { status, stdout: c.stdout(), stderr: c.stderr() };
}

export const fleetYaml = (o: { agencies: Array<{ id: string; name: string; url: string }>; store: string; data: string; queue?: { url: string; name: string; lockSeconds: number; more?: string[] }; perHost: number; webhook?: string }) =>
  [
    'agencies:',
    ...o.agencies.flatMap((a) => [`  - id: ${a.id}`, `    name: ${a.name}`, `    url: ${a.url}`, `    rules: ita-2566`]),
    `store: ${o.store}`,
    `data: ${o.data}`,
    ...(o.queue ? ['queue:', `  url: ${o.queue.url}`, `  name: ${o.queue.name}`, `  lockSeconds: ${o.queue.lockSeconds}`, '  backoffSeconds: 1', ...(o.queue.more ?? []).map((l) => `  ${l}`)] : []),
    'schedule:',
    '  parallel: 2',
    'collector:',
    '  maxPages: 200',
    `  perHost: ${o.perHost}`,
    '  render: never',
    ...(o.webhook ? ['alerts:', '  webhook:', `    url: ${o.webhook}`] : []),
    '',
  ].join('\n');

/** Each agency's audit stages in the PostgreSQL store at `url`, in run order. */
export async function stagesIn(url: string, agencies: Array<{ id: string }>): Promise<string[][]> {
  const store = await PostgresStore.open(url);
  try {
    return await Promise.all(agencies.map(async (a) => (await store.history(a.id)).map((r) => r.stage)));
  } finally {
    await store.close();
  }
}
