// `oit users` and `oit serve` (the built CLI) against a PostgreSQL store (skipped when it is down): refused before
// `oit store migrate`, then users added, listed and disabled in PostgreSQL; the server signs in from there, and a "run
// now" records its audit in PostgreSQL with the report and the log in the config's `data` folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/serve/auth.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';
import { PG_URL, STORES } from '../schedule/stores.js';

const pgKind = STORES.find((k) => k.name === 'PostgreSQL')!;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(pgKind.skip)(`oit users and oit serve on PostgreSQL${pgKind.skip ? ` [${pgKind.skip}]` : ''}`, () => {
  // The CLI uses the `oit` schema of a database of its own, created and dropped here.
  const db = `oit_test_serve_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  const dir = mkdtempSync(join(tmpdir(), 'oit-pgserve-'));
  const cfg = join(dir, 'oit.config.yaml');
  let url = '';
  let site: Fixture;
  let db2: pg.Client | undefined;
  const servers: ChildProcess[] = [];

  /** Not spawnSync: the fixture site in this process must keep answering. */
  const oit = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
    new Promise<Ran>((resolve) => {
      const c = spawn(process.execPath, ['dist/cli.js', ...args, '--config', cfg, '--lang', 'en'], { env: { ...process.env, OIT_PASSWORD: '', ...opts.env } });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (d) => (stdout += d));
      c.stderr.on('data', (d) => (stderr += d));
      c.stdin.end(opts.input ?? '');
      c.on('exit', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    const u = new URL(PG_URL);
    u.pathname = `/${db}`;
    url = u.toString();
    site = await serve({ '/': (_q, r) => send(r, 200, html('องค์การบริหารส่วนตำบลทดสอบ', '<a href="/news.html">ข่าว</a>')), '/news.html': (_q, r) => send(r, 200, html('ข่าว', '<p>1 มกราคม 2566</p>')) });
    writeFileSync(cfg, `agencies:\n  - id: tambon\n    name: อบต.ทดสอบ\n    url: ${site.url}\ncollector:\n  render: never\nstore: ${url}\ndata: ./reports-data\n`);
  });

  afterAll(async () => {
    for (const s of servers) s.kill('SIGTERM');
    await site?.close();
    await db2?.end();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });

  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    if (!db2) {
      db2 = new pg.Client({ connectionString: url });
      await db2.connect();
    }
    return (await db2.query<T>(sql)).rows;
  };

  it('refuses a store older than this build, with the command that upgrades it', { timeout: 60_000 }, async () => {
    const users = await oit(['users', 'list']);
    expect(users.status).not.toBe(0);
    expect(users.stderr).toMatch(/version 0.*oit store migrate/);
    const server = await oit(['serve', '--port', '0']);
    expect(server.status).not.toBe(0);
    expect(server.stderr).toMatch(/oit store migrate/);
    expect((await oit(['store', 'migrate'])).stdout).toMatch(/migrated: version 1, version 2/);
  });

  it('oit users add, list and disable write PostgreSQL', { timeout: 60_000 }, async () => {
    const added = await oit(['users', 'add', 'admin', '--role', 'admin'], { env: { OIT_PASSWORD: 'first admin password' } });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('user admin added (admin)');
    expect((await oit(['users', 'add', 'สมชาย', '--role', 'reviewer'], { input: 'another long password\n' })).status).toBe(0);
    const list = await oit(['users', 'list']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^admin\tadmin\t\d{4}-\d{2}-\d{2}\nสมชาย\treviewer\t\d{4}-\d{2}-\d{2}\n$/);
    expect((await oit(['users', 'add', 'malee', '--role', 'viewer'], { input: 'a third long password\n' })).status).toBe(0);
    expect((await oit(['users', 'disable', 'malee'])).status).toBe(0);
    expect((await oit(['users', 'disable', 'nobody'])).status).toBe(2);
    expect((await oit(['users', 'list'])).stdout).toMatch(/^malee\tviewer\t\S+\tdisabled$/m);
    // In PostgreSQL itself: the password hashes and the trail.
    const rows = await query<{ name: string; hash: string; disabled: number }>(`SELECT name, hash, disabled FROM oit.users ORDER BY name COLLATE "C"`);
    expect(rows.map((r) => [r.name, r.disabled])).toEqual([
      ['admin', 0],
      ['malee', 1],
      ['สมชาย', 0],
    ]);
    expect(await verifyPassword('another long password', rows[2]!.hash)).toBe(true);
    const trail = await query<{ action: string; actor: string }>(`SELECT action, actor FROM oit.trail ORDER BY id`);
    expect(trail.map((t) => t.action)).toEqual(['user-added', 'user-added', 'user-added', 'user-disabled']);
    expect(trail[0]!.actor).toMatch(/^cli:/);
  });

  it('oit serve signs in from PostgreSQL, and run now records the audit there, its report in `data`', { timeout: 120_000 }, async () => {
    const server = spawn(process.execPath, ['dist/cli.js', 'serve', '--config', cfg, '--port', '0', '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
    servers.push(server);
    let stderr = '';
    server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /oit serve: (http:\/\/[^\s]+?)\/? /.exec(out);
        if (m) resolve(m[1]!);
      });
      server.on('exit', (code) => reject(new Error(`oit serve exited ${code}: ${out}${stderr}`)));
    });
    /** A browser: its own cookies and the last page's CSRF token. */
    const client = () => {
      const jar = new Map<string, string>();
      let csrf = '';
      return async (path: string, form?: Record<string, string>) => {
        const res = await fetch(`${base}${path}`, {
          method: form ? 'POST' : 'GET',
          redirect: 'manual',
          headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          ...(form ? { body: new URLSearchParams({ _csrf: csrf, ...form }).toString() } : {}),
        });
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const i = pair!.indexOf('=');
          jar.set(pair!.slice(0, i), pair!.slice(i + 1));
        }
        const body = await res.text();
        csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
        return { status: res.status, body };
      };
    };
    // A disabled user cannot sign in.
    const malee = client();
    await malee('/login');
    expect((await malee('/login', { name: 'malee', password: 'a third long password' })).status).toBe(401);
    const call = client();
    await call('/login');
    expect((await call('/login', { name: 'สมชาย', password: 'wrong password here' })).status).toBe(401);
    expect((await call('/login', { name: 'สมชาย', password: 'another long password' })).status).toBe(303);
    expect((await query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM oit.sessions`))[0]!.n).toBeGreaterThan(0);
    expect((await call('/agency/tambon')).status).toBe(200);
    expect((await call('/agency/tambon/run', {})).status).toBe(303);
    let job = { state: 'running', runId: null as number | null };
    for (let i = 0; i < 200 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 300));
      job = JSON.parse((await call('/agency/tambon/job')).body) as typeof job;
    }
    expect(job, stderr).toMatchObject({ state: 'done', runId: 1 });
    const runs = await query<{ id: number; trigger: string; status: string }>(`SELECT id, "trigger", status FROM oit.runs`);
    expect(runs).toEqual([{ id: 1, trigger: 'web', status: 'done' }]);
    const audits = await query<{ stage: string; out_dir: string }>(`SELECT stage, out_dir FROM oit.audits WHERE run_id = 1`);
    expect(audits[0]!.stage).toBe('alerted');
    expect(audits[0]!.out_dir).toBe(join(dir, 'reports-data', 'reports', 'tambon', '1'));
    expect(existsSync(join(dir, 'reports-data', 'reports', 'tambon', '1', 'result.json'))).toBe(true);
    expect(existsSync(join(dir, 'reports-data', 'worker.log.jsonl'))).toBe(true);
    expect((await query<{ action: string }>(`SELECT action FROM oit.trail ORDER BY id DESC LIMIT 1`))[0]!.action).toBe('run-now');
    // The pages read it back from PostgreSQL.
    expect((await call('/audit/tambon/1')).status).toBe(200);
    expect((await call('/')).body).toContain('href="/audit/tambon/1"');
    server.kill('SIGTERM');
    expect(await new Promise((r) => server.once('exit', r))).toBe(0);
  });
});
