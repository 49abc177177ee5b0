// The web app's server, through Fastify's inject (no socket): sign-in, session cookie, CSRF, roles refused on the
// server, sign-off order, frozen audits, rate-limited sign-in, headers, escaping, wording in both languages.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema, type Config } from '../../src/schedule/config.js';
import { HistoryStore } from '../../src/schedule/store.js';
import { hashPassword } from '../../src/serve/auth.js';
import { Jobs, type JobEvents } from '../../src/serve/jobs.js';
import { sqliteServeStore } from '../../src/serve/serve-store.js';
import { buildServer } from '../../src/serve/server.js';
import { AuthStore } from '../../src/serve/store-auth.js';
import { goldenResult, XSS } from '../fixtures/hostile-result.js';

const PASSWORD = 'correct horse battery';
let dir: string;
let store: HistoryStore;
let app: FastifyInstance;
let config: Config;
const launched: Array<{ agency: string; events: JobEvents }> = [];
const runIds: number[] = [];

/** A browser's cookie jar and the last page's CSRF token. */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly server: () => FastifyInstance) {}
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
    return this.keep(await this.server().inject({ method: 'GET', url, headers: { cookie: this.cookie } }));
  }
  async post(url: string, form: Record<string, string>, withToken = true) {
    const body = new URLSearchParams({ ...(withToken ? { _csrf: this.csrf } : {}), ...form }).toString();
    return this.keep(await this.server().inject({ method: 'POST', url, payload: body, headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' } }));
  }
  async signIn(name: string, password = PASSWORD) {
    await this.get('/login');
    return this.post('/login', { name, password });
  }
}

async function newApp(loginsPerMinute = 50) {
  return buildServer({
    config: () => config,
    store: sqliteServeStore(store),
    jobs: new Jobs((agency, events) => {
      launched.push({ agency, events });
      return { stop() {} };
    }),
    loginsPerMinute,
    pdf: async () => Buffer.from('%PDF-1.4 test'),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oit-serve-'));
  config = {
    ...ConfigSchema.parse({
      agencies: [
        { id: 'demo', name: `อบต.${XSS}`, url: 'http://demo.oit.test/', rules: 'ita-2566', type: 'อบต.', province: 'ขอนแก่น' },
        { id: 'other', name: 'เทศบาลตำบลอื่น', url: 'http://other.oit.test/', rules: 'ita-2566', type: 'เทศบาลตำบล', province: 'อุดรธานี' },
      ],
    }),
    file: join(dir, 'oit.config.yaml'),
    dir,
  };
  store = new HistoryStore(join(dir, 'data'));
  // Two recorded audits of the golden demo result.
  for (const day of [15, 16]) {
    const at = new Date(`2023-05-${day}T03:00:00Z`);
    const runId = store.startRun([{ id: 'demo', outDir: (id) => join(dir, 'reports', 'demo', String(id)) }], 'schedule', at);
    const out = store.audits(runId)[0]!.out_dir;
    mkdirSync(out, { recursive: true });
    const r = goldenResult();
    r.agency = `อบต.${XSS}`;
    writeFileSync(join(out, 'result.json'), JSON.stringify(r));
    store.record(runId, 'demo', r, at);
    store.markRun(runId, 'done', at);
    runIds.push(runId);
  }
  const auth = new AuthStore(store.db);
  for (const [name, role] of [['viewer1', 'viewer'], ['rev1', 'reviewer'], ['rev2', 'reviewer'], ['boss', 'approver']] as const) auth.putUser(name, role, await hashPassword(PASSWORD), new Date());
  app = await newApp();
});

afterAll(async () => {
  await app.close();
  store.close();
});

describe('oit serve', () => {
  it('sends a visitor to the sign-in page; the session cookie is HttpOnly and SameSite=Strict; headers are strict', async () => {
    const c = new Client(() => app);
    const home = await c.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/login?next=%2F');
    const login = await c.get('/login');
    expect(login.statusCode).toBe(200);
    const csp = String(login.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(login.headers['x-content-type-options']).toBe('nosniff');
    const sid = login.cookies.find((x) => x.name === 'oit_sid')!;
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // Signing in issues a new session id (no fixation).
    const before = c.cookies.get('oit_sid');
    const signed = await c.post('/login', { name: 'rev1', password: PASSWORD });
    expect(signed.statusCode).toBe(303);
    expect(c.cookies.get('oit_sid')).not.toBe(before);
    expect((await c.get('/')).statusCode).toBe(200);
  });

  it('refuses a wrong password, a sign-in without its CSRF token, and a redirect off the site', async () => {
    const c = new Client(() => app);
    await c.get('/login');
    expect((await c.post('/login', { name: 'rev1', password: 'wrong password!' })).statusCode).toBe(401);
    expect((await c.post('/login', { name: 'nobody', password: PASSWORD })).statusCode).toBe(401);
    expect((await c.post('/login', { name: 'rev1', password: PASSWORD }, false)).statusCode).toBe(403);
    const ok = await c.post('/login', { name: 'rev1', password: PASSWORD, next: '//evil.example/x' });
    expect(ok.headers.location).toBe('/');
  });

  it('rate-limits sign-in attempts per client', async () => {
    const limited = await newApp(3);
    const c = new Client(() => limited);
    await c.get('/login');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await c.post('/login', { name: 'rev1', password: 'not it at all' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await limited.close();
  });

  it('escapes crawled and configured text on every page', async () => {
    const c = new Client(() => app);
    await c.signIn('viewer1');
    for (const url of ['/', '/agency/demo', `/audit/demo/${runIds[1]}`, `/audit/demo/${runIds[1]}/final.html`]) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('<script>window.__pwned');
      expect(res.body, url).not.toMatch(/<img src=x onerror/i);
      expect(res.body, url).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    }
  });

  it('every page has its wording in Thai and in English (no code without words)', async () => {
    const c = new Client(() => app);
    await c.signIn('boss');
    for (const lang of ['th', 'en']) {
      for (const url of ['/', '/agency/demo', `/audit/demo/${runIds[1]}`, '/trail', '/nothing']) {
        const res = await c.get(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(res.body, `${lang} ${url}`).not.toMatch(/\bui\.[a-z-]+\.[a-z-]/);
      }
    }
    expect((await c.get('/?lang=en')).body).toContain('All agencies');
    expect((await c.get('/')).body).toContain('All agencies');
    expect((await c.get('/?lang=th')).body).toContain('ผลตรวจทุกหน่วยงาน');
  });

  it('a viewer is refused every change on the server, even with a valid token', async () => {
    const c = new Client(() => app);
    await c.signIn('viewer1');
    await c.get(`/audit/demo/${runIds[1]}`);
    const trail = store.review.trail().length;
    for (const [url, form] of [
      [`/audit/demo/${runIds[1]}/decision`, { item: 'O17', verdict: 'pass', note: 'x' }],
      [`/audit/demo/${runIds[1]}/waiver`, { key: 'x', reason: 'false-alarm', note: 'x' }],
      [`/audit/demo/${runIds[1]}/signoff`, { step: 'prepared', comment: 'x' }],
      ['/agency/demo/run', {}],
    ] as const) {
      const res = await c.post(url, form);
      expect(res.statusCode, url).toBe(403);
    }
    expect(store.review.trail().length).toBe(trail);
    expect(launched).toEqual([]);
  });

  it('signed out, a POST is refused before anything else', async () => {
    const c = new Client(() => app);
    expect((await c.post(`/audit/demo/${runIds[1]}/decision`, { item: 'O17', verdict: 'pass', note: 'x' })).statusCode).toBe(401);
  });

  it('a reviewer verdict changes the after-review score only; a form without its token is refused', async () => {
    const c = new Client(() => app);
    await c.signIn('rev1');
    const url = `/audit/demo/${runIds[1]}`;
    await c.get(url);
    expect((await c.post(`${url}/decision`, { item: 'O17', verdict: 'pass', note: 'อ่านแล้ว' }, false)).statusCode).toBe(403);
    const res = await c.post(`${url}/decision`, { item: 'O17', verdict: 'pass', note: 'อ่านแล้ว' });
    expect(res.statusCode).toBe(303);
    const page = (await c.get(url)).body;
    expect(/class="card crawled"><div>[^<]+<\/div><div class="big [a-z]+">([\d.]+)/.exec(page)?.[1]).toBe('85.25');
    expect(Number(/class="card reviewed"><div>[^<]+<\/div><div class="big [a-z]+">([\d.]+)/.exec(page)?.[1])).toBeGreaterThan(85.25);
    // Bad input is refused, not stored.
    expect((await c.post(`${url}/decision`, { item: 'O99', verdict: 'pass', note: 'x' })).statusCode).toBe(400);
    expect((await c.post(`${url}/decision`, { item: 'O17', verdict: 'maybe', note: 'x' })).statusCode).toBe(400);
    expect((await c.post(`${url}/decision`, { item: 'O17', verdict: 'pass', note: '   ' })).statusCode).toBe(400);
  });

  it('sign-off goes prepared → reviewed → approved, by different people, the last by an approver; then it is frozen', async () => {
    const url = `/audit/demo/${runIds[0]}`;
    const rev1 = new Client(() => app);
    await rev1.signIn('rev1');
    await rev1.get(url);
    expect((await rev1.post(`${url}/signoff`, { step: 'reviewed', comment: 'x' })).statusCode).toBe(409);
    expect((await rev1.post(`${url}/signoff`, { step: 'prepared', comment: 'จัดทำ' })).statusCode).toBe(303);
    // Prepared: the review is locked.
    expect((await rev1.post(`${url}/decision`, { item: 'O11', verdict: 'pass', note: 'x' })).statusCode).toBe(409);
    expect((await rev1.post(`${url}/signoff`, { step: 'reviewed', comment: 'x' })).statusCode).toBe(409);
    const rev2 = new Client(() => app);
    await rev2.signIn('rev2');
    await rev2.get(url);
    expect((await rev2.post(`${url}/signoff`, { step: 'reviewed', comment: 'ตรวจทาน' })).statusCode).toBe(303);
    expect((await rev2.post(`${url}/signoff`, { step: 'approved', comment: 'x' })).statusCode).toBe(403);
    const boss = new Client(() => app);
    await boss.signIn('boss');
    await boss.get(url);
    expect((await boss.post(`${url}/signoff`, { step: 'approved', comment: 'อนุมัติ' })).statusCode).toBe(303);
    expect((await boss.post(`${url}/signoff`, { step: 'reopened', comment: 'x' })).statusCode).toBe(409);
    expect((await boss.post(`${url}/decision`, { item: 'O11', verdict: 'pass', note: 'x' })).statusCode).toBe(409);
    const csv = (await boss.get(`${url}/itas.csv`)).body;
    expect(csv).toContain('"rev1"');
    expect(csv).toContain('"อนุมัติ"');
    expect((await boss.get(`${url}/report.pdf`)).headers['content-disposition']).toContain(`oit-demo-${runIds[0]}.pdf`);
    const xlsx = await app.inject({ method: 'GET', url: `${url}/itas.xlsx`, headers: { cookie: [...boss.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining(['rev1', 'rev2', 'boss', 'อนุมัติ']));
    expect(store.review.trail({ agency: 'demo' }).map((t) => t.action)).toEqual(expect.arrayContaining(['signoff-prepared', 'signoff-reviewed', 'signoff-approved']));
  });

  it('the audit trail has no way to change it', async () => {
    const c = new Client(() => app);
    await c.signIn('boss');
    await c.get('/trail');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) expect((await app.inject({ method, url: '/trail' })).statusCode, method).not.toBe(200);
    expect(app.printRoutes({ commonPrefix: false })).not.toMatch(/trail.*\(POST|PUT|DELETE|PATCH\)/);
  });

  it('run now: one audit at a time per agency, progress on the page, refused while another process audits it', async () => {
    const c = new Client(() => app);
    await c.signIn('rev1');
    await c.get('/agency/demo');
    expect((await c.post('/agency/demo/run', {})).statusCode).toBe(303);
    expect((await c.post('/agency/demo/run', {})).statusCode).toBe(303);
    expect(launched.map((l) => l.agency)).toEqual(['demo']);
    launched[0]!.events.start(99);
    launched[0]!.events.progress({ pages: 12, documents: 3, queued: 40, inFlight: 2, errors: 0, requests: 20, elapsedMs: 4000 });
    const job = JSON.parse((await c.get('/agency/demo/job')).body) as { state: string; text: string };
    expect(job).toMatchObject({ state: 'running' });
    expect(job.text).toContain('12');
    expect((await c.get('/agency/demo')).body).toContain('data-job="/agency/demo/job"');
    launched[0]!.events.done('alerted', 85.25);
    expect(JSON.parse((await c.get('/agency/demo/job')).body)).toMatchObject({ state: 'done', runId: 99 });
    // The scheduler (another process) is auditing "other": the page says so and the server refuses.
    const run = store.startRun([{ id: 'other', outDir: () => join(dir, 'x') }], 'schedule', new Date());
    await c.get('/agency/other');
    expect((await c.post('/agency/other/run', {})).statusCode).toBe(409);
    store.markRun(run, 'done', new Date());
  });
});
