// A site whose menu and ITA page are built by JavaScript: found with --render auto, missed with never.
import { say } from '../../src/text/say.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/collect/browser.js';
import { crawlSite } from '../../src/collect/crawl.js';
import { Renderer, RenderUnavailable } from '../../src/collect/render.js';
import { judge } from '../../src/judge/judge.js';
import { BUILTIN_RULES_DIR, loadRuleSet } from '../../src/rules/load.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';

const rs = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566'));
const haveBrowser = Boolean(findChromium().path);
if (!haveBrowser) console.warn('no Chromium found: rendering tests skipped (install Debian chromium; .ci/run does)');

// The app shell a vendor CMS ships: a loading placeholder, then a script that fetches the item list and builds it.
const SHELL = `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>อบต.ทดสอบ</title></head><body><div id="app">กำลังโหลดข้อมูล...</div><script src="/app.js"></script></body></html>`;
const APP = `fetch('/api/ita.json').then(function(r){return r.json()}).then(function(items){
  var app=document.getElementById('app'); app.textContent='';
  var h=document.createElement('h1'); h.textContent='ITA ประจำปีงบประมาณ พ.ศ. 2566'; app.appendChild(h);
  var t=document.createElement('table');
  items.forEach(function(it){ var tr=document.createElement('tr'); var a=document.createElement('td'); a.textContent=it.id; var b=document.createElement('td'); var l=document.createElement('a'); l.href='/oit/'+it.id.toLowerCase()+'.html'; l.textContent=it.title; b.appendChild(l); tr.appendChild(a); tr.appendChild(b); t.appendChild(tr); });
  app.appendChild(t);
});`;

let site: Fixture;
beforeAll(async () => {
  site = await serve(
    {
      '/': (_q, r) => send(r, 200, SHELL),
      '/app.js': (_q, r) => send(r, 200, APP, 'application/javascript'),
      '/api/ita.json': (_q, r) => send(r, 200, JSON.stringify(rs.items.map((i) => ({ id: i.id, title: i.title }))), 'application/json'),
    },
    (_q, r, u) => {
      const m = /^\/oit\/o(\d+)\.html$/.exec(u.pathname);
      const item = m ? rs.items.find((i) => i.id === `O${m[1]}`) : undefined;
      if (!item) return send(r, 404, html('404 ไม่พบหน้าที่ต้องการ', ''));
      send(r, 200, html(item.title, `<p>ปีงบประมาณ พ.ศ. 2566</p>`));
    },
  );
});
afterAll(() => site.close());

describe.skipIf(!haveBrowser)('JavaScript-rendered sites', () => {
  it('--render auto renders the app shell and finds the ITA index it builds', async () => {
    const a = await crawlSite(site.url, { render: 'auto', recheckDelayMs: 50, sitemaps: false });
    const home = a.pages.find((p) => p.url === site.url)!;
    expect(home.flags).toContain('rendered');
    expect(a.stats!.rendered).toBeGreaterThanOrEqual(1);
    const r = judge(a, rs, { asOf: '2023-05-15' });
    expect(r.items.filter((i) => i.evidence.some((e) => e.via === 'index'))).toHaveLength(43);
    expect(r.items.find((i) => i.id === 'O21')!.evidence[0]!.url).toBe(`${site.origin}/oit/o21.html`);
    // Evidence pages are plain HTML: they are not rendered (auto renders only pages that need it).
    expect(a.pages.filter((p) => p.flags.includes('rendered'))).toHaveLength(1);
  }, 60_000);

  it('--render never misses it, and the result says why', async () => {
    const a = await crawlSite(site.url, { render: 'never', recheckDelayMs: 50, sitemaps: false });
    const r = judge(a, rs, { asOf: '2023-05-15' });
    expect(r.items.filter((i) => i.evidence.length > 0)).toHaveLength(0);
    expect(r.warnings.map((w) => say('en', w)).join(' ')).toContain('JavaScript');
  });

  it('keeps to the rendering budget', async () => {
    const a = await crawlSite(site.url, { render: 'always', renderPages: 2, recheckDelayMs: 50, sitemaps: false, maxPages: 10 });
    expect(a.stats!.rendered).toBe(2);
    expect(a.errors.some((e) => e.code === 'render-budget')).toBe(true);
  }, 60_000);
});

describe('without a browser', () => {
  const none = () => ({ tried: ['/usr/bin/chromium'] });
  it('--render always fails with how to install one', () => {
    const make = () => new Renderer('always', { pages: 1, seconds: 1 }, 'x', undefined, none);
    expect(make).toThrow(RenderUnavailable);
    expect(make).toThrow(/apt-get install -y chromium/);
  });
  it('--render auto carries on statically, and says why once', () => {
    const warnings: unknown[] = [];
    const log = { warn: (o: unknown) => warnings.push(o) } as never;
    const r = new Renderer('auto', { pages: 5, seconds: 60 }, 'x', log, none);
    expect(r.reserve()).toBe(false);
    expect(r.reserve()).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(r.unavailable).toContain('/usr/bin/chromium');
  });
});
