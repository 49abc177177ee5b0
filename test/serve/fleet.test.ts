// The fleet page over a generated fleet (bench/fleet-store.ts, the helper `npm run bench` times at 500 × 10): every
// agency once, filters, search and sort from the query string, a sparkline per agency. Runs on the built modules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from 'oit-crawler/schedule/store';
import { hashPassword } from 'oit-crawler/serve/auth';
import { Jobs } from 'oit-crawler/serve/jobs';
import { sqliteServeStore } from 'oit-crawler/serve/serve-store';
import { buildServer } from 'oit-crawler/serve/server';
import { AuthStore } from 'oit-crawler/serve/store-auth';
import { fillFleet, fleetConfig } from '../../bench/fleet-store.js';

let app: Awaited<ReturnType<typeof buildServer>>;
let store: HistoryStore;
let cookie = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oit-fleet-'));
  store = new HistoryStore(dir);
  const config = fleetConfig(dir, 40);
  fillFleet(store, config, 4, join(process.cwd(), 'test', 'golden', 'demo-result.json'));
  const auth = new AuthStore(store.db);
  auth.putUser('v', 'viewer', await hashPassword('viewer password'), new Date());
  app = await buildServer({ config: () => config, store: sqliteServeStore(store), jobs: new Jobs(() => ({ stop() {} })) });
  const login = await app.inject({ method: 'GET', url: '/login' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
  const signed = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, name: 'v', password: 'viewer password' }).toString(),
  });
  cookie = String(signed.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  await app.close();
  store.close();
});

const page = async (url: string) => (await app.inject({ method: 'GET', url, headers: { cookie } })).body;
const rows = (html: string) => [...html.matchAll(/<tr data-row data-search="([^"]*)">[\s\S]*?<\/tr>/g)];
const scores = (html: string) => rows(html).map((m) => /<td data-label="[^"]*" class="num"><b[^>]*>([\d.–]+)<\/b>/.exec(m[0])![1]!);

describe('fleet page', () => {
  it('lists every agency with its score, rating, change, open defects, review count, last run and a sparkline', async () => {
    const html = await page('/');
    expect(rows(html)).toHaveLength(40);
    expect((html.match(/<svg class="spark"/g) ?? []).length).toBeGreaterThan(30);
    expect(html).toContain('แสดง 40 จาก 40 หน่วยงาน');
  });

  it('filters by type, province, framework and state, and searches', async () => {
    const byProvince = rows(await page(`/?province=${encodeURIComponent('ขอนแก่น')}`));
    expect(byProvince).toHaveLength(5);
    expect(byProvince.every((m) => m[1]!.includes('ขอนแก่น'))).toBe(true);
    expect(rows(await page(`/?type=${encodeURIComponent('อบจ.')}`))).toHaveLength(8);
    expect(rows(await page('/?framework=ita-2566'))).toHaveLength(40);
    expect(rows(await page('/?framework=ita-2570'))).toHaveLength(0);
    const unreachable = await page('/?state=unreachable');
    expect(rows(unreachable).length).toBe((unreachable.match(/b-unreachable/g) ?? []).length);
    expect(rows(await page(`/?q=${encodeURIComponent('ที่ 7')}`)).map((m) => m[1])).toEqual([expect.stringContaining('ที่ 7')]);
  });

  it('sorts by score both ways; an agency with no score sorts last ascending', async () => {
    const desc = scores(await page('/?sort=score&dir=desc')).filter((s) => s !== '–').map(Number);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const asc = scores(await page('/?sort=score&dir=asc')).filter((s) => s !== '–').map(Number);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
  });
});
