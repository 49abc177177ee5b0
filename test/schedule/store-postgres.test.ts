// `store: postgres://…`: the config accepts a URL or a folder and names the field of a bad one; migrations are versioned
// and idempotent; `oit store migrate`, `oit run` and `oit history` work against PostgreSQL (skipped when it is down).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir, loadConfig } from '../../src/schedule/config.js';
import { PG_SCHEMA_VERSION, PostgresStore } from '../../src/schedule/store-postgres.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';
import { PG_URL, STORES } from './stores.js';

const config = (store: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'oit-pgcfg-'));
  const f = join(dir, 'oit.config.yaml');
  writeFileSync(f, `agencies:\n  - id: tambon\n    name: อบต.ทดสอบ\n    url: https://x.go.th/\nstore: ${store}\n`);
  return f;
};

describe('store: a folder or a postgres URL', () => {
  it('accepts both; reports of a PostgreSQL store go to `data`', () => {
    const c = loadConfig(config('postgres://oit@db.example:5432/oit'));
    expect(c.store).toBe('postgres://oit@db.example:5432/oit');
    expect(dataDir(c)).toBe(join(c.dir, 'data'));
    const f = loadConfig(config('./history'));
    expect(dataDir(f)).toBe(join(f.dir, 'history'));
  });
  it.each([
    ['postgres://oit@:5432/oit', /line 5: store: .*(valid PostgreSQL URL|needs a host)/],
    ['postgres://oit@db.example:5432/', /line 5: store: a PostgreSQL URL needs a database name/],
    ['mysql://oit@db.example/oit', /line 5: store: must be a folder or a postgres:\/\/ URL/],
  ])('names the field of a bad store URL: %s', (url, message) => {
    expect(() => loadConfig(config(url))).toThrow(message);
  });
});

const pgKind = STORES.find((k) => k.name === 'PostgreSQL')!;

describe.skipIf(pgKind.skip)(`PostgreSQL store${pgKind.skip ? ` [${pgKind.skip}]` : ''}`, () => {
  const schemas: string[] = [];
  const drop = async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  };
  let site: Fixture;
  beforeAll(async () => {
    site = await serve({ '/': (_q, r) => send(r, 200, html('องค์การบริหารส่วนตำบลทดสอบ', '<a href="/news.html">ข่าว</a>')), '/news.html': (_q, r) => send(r, 200, html('ข่าว', '<p>1 มกราคม 2566</p>')) });
  });
  afterAll(async () => {
    await site.close();
    await drop();
  });

  it('migrates once, in order; a second migrate does nothing; an unmigrated store is refused with the command to run', async () => {
    const schema = `oit_test_mig_${process.pid}_${Date.now()}`;
    schemas.push(schema);
    await expect(PostgresStore.open(PG_URL, { schema })).rejects.toThrow(/version 0.*oit store migrate/);
    const store = new PostgresStore(PG_URL, { schema });
    try {
      const [a, b] = await Promise.all([store.migrate(), store.migrate()]);
      expect([...a, ...b]).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
      expect(await store.migrate()).toEqual([]);
      expect(await store.version()).toBe(PG_SCHEMA_VERSION);
    } finally {
      await store.close();
    }
    const opened = await PostgresStore.open(PG_URL, { schema });
    expect(await opened.unfinishedRun()).toBeUndefined();
    await opened.close();
  });

  it('oit store migrate, oit run and oit history against PostgreSQL', { timeout: 60_000 }, async () => {
    // The CLI uses the `oit` schema of a database of its own, created and dropped here.
    const db = `oit_test_cli_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    try {
      const url = new URL(PG_URL);
      url.pathname = `/${db}`;
      const dir = mkdtempSync(join(tmpdir(), 'oit-pgcli-'));
      const cfg = join(dir, 'oit.config.yaml');
      writeFileSync(cfg, `agencies:\n  - id: tambon\n    name: อบต.ทดสอบ\n    url: ${site.url}\ncollector:\n  render: never\nstore: ${url.toString()}\ndata: ./reports-data\n`);
      // Not spawnSync: the fixture site in this process must keep answering.
      const oit = (...args: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const c = spawn(process.execPath, ['dist/cli.js', ...args, '--config', cfg, '--lang', 'en']);
          let stdout = '';
          let stderr = '';
          c.stdout.on('data', (d) => (stdout += d));
          c.stderr.on('data', (d) => (stderr += d));
          c.on('exit', (status) => resolve({ status, stdout, stderr }));
        });
      const refused = await oit('run');
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/oit store migrate/);
      expect((await oit('store', 'migrate')).stdout).toMatch(/migrated: version 1/);
      expect((await oit('store', 'migrate')).stdout).toMatch(/already at version/);
      const run = await oit('run');
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/tambon\talerted/);
      const history = await oit('history', 'tambon');
      expect(history.stdout).toMatch(/run 1/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    }
  });
});
