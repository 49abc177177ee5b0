// The web app over each store (Fastify inject, no socket): on SQLite and on PostgreSQL (skipped when it is down) a
// reviewer signs in, records a verdict and a waiver, three people sign the audit off, and the pages read it all back
// from the store; sessions live in the store; the pages come out the same from both stores.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { reviewInputOf } from '../../src/review/apply.js';
import { ConfigSchema, type Config } from '../../src/schedule/config.js';
import { hashPassword } from '../../src/serve/auth.js';
import { Jobs } from '../../src/serve/jobs.js';
import type { ServeStore } from '../../src/serve/serve-store.js';
import { buildServer } from '../../src/serve/server.js';
import { goldenResult } from '../fixtures/hostile-result.js';
import { STORES, title, type OpenServe } from '../schedule/stores.js';

const PASSWORD = 'correct horse battery';
const NOW = new Date('2023-05-20T04:00:00Z');

/** A browser's cookie jar and the last page's CSRF token. */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies) this.cookies.set(c.name, c.value);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
    return res;
  }
  private get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } }));
  }
  async post(url: string, form: Record<string, string>) {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
    return this.keep(await this.app.inject({ method: 'POST', url, payload: body, headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' } }));
  }
  async signIn(name: string) {
    await this.get('/login');
    const res = await this.post('/login', { name, password: PASSWORD });
    expect(res.statusCode, `sign-in of ${name}`).toBe(303);
  }
}

/** Two recorded audits of the demo result, and four users. */
async function fill(store: ServeStore, dir: string): Promise<number[]> {
  const h = store.history;
  const runIds: number[] = [];
  for (const day of [15, 16]) {
    const at = new Date(`2023-05-${day}T03:00:00Z`);
    const runId = await h.startRun([{ id: 'demo', outDir: (id) => join(dir, 'reports', 'demo', String(id)) }], 'schedule', at);
    const out = (await h.audits(runId))[0]!.out_dir;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'result.json'), JSON.stringify(goldenResult()));
    await h.record(runId, 'demo', goldenResult(), at);
    await h.markRun(runId, 'done', at);
    runIds.push(runId);
  }
  const hash = await hashPassword(PASSWORD);
  for (const [name, role] of [['rev1', 'reviewer'], ['rev2', 'reviewer'], ['boss', 'approver']] as const) await store.auth.putUser(name, role, hash, new Date('2023-05-01T00:00:00Z'));
  return runIds;
}

/** A page as both stores must render it: the per-session CSRF tokens left out. */
const same = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');

const pages = new Map<string, Record<string, string>>();
const opened: OpenServe[] = [];
afterAll(async () => {
  for (const o of opened) await o.dispose();
});

for (const kind of STORES) {
  describe.skipIf(kind.skip)(title('oit serve', kind), () => {
    it('records a verdict, a waiver and a sign-off, and reads them back through the pages', { timeout: 60_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'oit-serve-stores-'));
      const open = await kind.openServe(join(dir, 'data'));
      opened.push(open);
      const { store } = open;
      const [, run] = await fill(store, dir);
      const config: Config = {
        ...ConfigSchema.parse({ agencies: [{ id: 'demo', name: 'อบต.ทดสอบ', url: 'http://demo.oit.test/', rules: 'ita-2566', type: 'อบต.', province: 'ขอนแก่น' }] }),
        file: join(dir, 'oit.config.yaml'),
        dir,
      };
      const app = await buildServer({ config: () => config, store, jobs: new Jobs(() => ({ stop() {} })), now: () => NOW, pdf: async () => Buffer.from('%PDF-1.4 test') });
      try {
        const url = `/audit/demo/${run}`;
        const defect = reviewInputOf(goldenResult()).defects.find((d) => d.item)!;
        const rev1 = new Client(app);
        await rev1.signIn('rev1');
        // The session is kept in the store: its id (before the cookie's signature) reads back as rev1's.
        const sid = decodeURIComponent(rev1.cookies.get('oit_sid')!).split('.')[0]!;
        expect(await store.auth.getSession(sid, Date.now())).toMatchObject({ user: 'rev1' });

        await rev1.get(url);
        expect((await rev1.post(`${url}/decision`, { item: 'O17', verdict: 'pass', note: 'อ่านรายงานแล้ว ผ่าน' })).statusCode).toBe(303);
        expect((await rev1.post(`${url}/waiver`, { key: defect.key, reason: 'accepted-risk', note: 'รับความเสี่ยงไว้ก่อน', expires: '2023-12-31' })).statusCode).toBe(303);
        const reviewed = (await rev1.get(url)).body;
        expect(reviewed).toContain('อ่านรายงานแล้ว ผ่าน');
        expect(reviewed).toContain('รับความเสี่ยงไว้ก่อน');
        expect(reviewed).toMatch(/class="defect is-waived" data-key="[^"]+"/);
        const crawled = /class="card crawled"><div>[^<]+<\/div><div class="big [a-z]+">([\d.]+)/.exec(reviewed)?.[1];
        const after = /class="card reviewed"><div>[^<]+<\/div><div class="big [a-z]+">([\d.]+)/.exec(reviewed)?.[1];
        expect(crawled).toBe('85.25');
        expect(Number(after)).toBeGreaterThan(85.25);

        // Sign-off: prepared, reviewed and approved by three people, in that order only.
        expect((await rev1.post(`${url}/signoff`, { step: 'reviewed', comment: 'x' })).statusCode).toBe(409);
        expect((await rev1.post(`${url}/signoff`, { step: 'prepared', comment: 'จัดทำโดย rev1' })).statusCode).toBe(303);
        expect((await rev1.post(`${url}/decision`, { item: 'O11', verdict: 'pass', note: 'x' })).statusCode).toBe(409);
        const rev2 = new Client(app);
        await rev2.signIn('rev2');
        await rev2.get(url);
        expect((await rev2.post(`${url}/signoff`, { step: 'reviewed', comment: 'ตรวจทานโดย rev2' })).statusCode).toBe(303);
        const boss = new Client(app);
        await boss.signIn('boss');
        await boss.get(url);
        expect((await boss.post(`${url}/signoff`, { step: 'approved', comment: 'อนุมัติโดย boss' })).statusCode).toBe(303);
        expect((await boss.post(`${url}/decision`, { item: 'O11', verdict: 'pass', note: 'x' })).statusCode).toBe(409);

        const audit = (await boss.get(url)).body;
        for (const text of ['จัดทำโดย rev1', 'ตรวจทานโดย rev2', 'อนุมัติโดย boss', 'อ่านรายงานแล้ว ผ่าน', 'รับความเสี่ยงไว้ก่อน']) expect(audit).toContain(text);
        expect(audit).toContain('class="frozen"');
        const fleet = (await boss.get('/')).body;
        expect(fleet).toMatch(/class="badge b-signed"[^>]*>[^<]+<\/span>/);
        expect(fleet).toContain(`href="/audit/demo/${run}"`);
        const trail = (await boss.get('/trail')).body;
        const order = ['signoff-approved', 'signoff-reviewed', 'signoff-prepared', 'waiver', 'decision'];
        expect((await store.review.trail({ agency: 'demo' })).map((t) => t.action)).toEqual(order);
        for (const who of ['rev1', 'rev2', 'boss']) expect(trail).toContain(who);
        const csv = (await boss.get(`${url}/itas.csv`)).body;
        expect(csv).toContain('"อนุมัติโดย boss"');

        // Signing out ends the session in the store.
        await boss.post('/logout', {});
        expect((await boss.get('/')).statusCode).toBe(303);

        pages.set(kind.name, {
          audit: same(audit),
          fleet: same(fleet),
          trail: same(trail),
          agency: same((await rev1.get('/agency/demo')).body),
          csv,
        });
      } finally {
        await app.close();
      }
    });
  });
}

const both = STORES.every((k) => !k.skip);
describe.skipIf(!both)(`oit serve: the same pages from both stores${both ? '' : ' [PostgreSQL not reachable: skipped]'}`, () => {
  it('renders the fleet, agency, audit and trail pages and the export identically', () => {
    const a = pages.get('SQLite');
    const b = pages.get('PostgreSQL');
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    for (const k of Object.keys(a!)) expect(b![k], k).toBe(a![k]);
  });
});
