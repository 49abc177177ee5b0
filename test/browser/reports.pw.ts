// report.html and index.html in a real browser: Thai fonts, no errors, nothing fetched, hostile text inert, printable.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { findChromium } from '../../src/collect/browser.js';
import { renderIndexHtml } from '../../src/render/index-html.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { goldenResult, hostileResult } from '../fixtures/hostile-result.js';

test.skip(!findChromium().path, 'no Chromium found (install Debian chromium or set OIT_CHROMIUM); .ci/run installs it');

const OUT = join(process.cwd(), 'test-results', 'reports');
mkdirSync(OUT, { recursive: true });
const file = (name: string, html: string) => {
  const p = join(OUT, name);
  writeFileSync(p, html);
  return `file://${p}`;
};

/** Open a page and record console errors, dialogs and every request that is not the file itself. */
async function open(page: Page, url: string) {
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => r.url() !== url && requests.push(r.url()));
  await page.goto(url);
  return { errors, requests, dialogs };
}

test('report.html renders Thai with a Thai font, fetches nothing and logs no error', async ({ page }) => {
  const seen = await open(page, file('report.th.html', renderReportHtml(goldenResult(), { lang: 'th' })));
  await expect(page.locator('h1')).toContainText('อบต.หนองน้ำใส');
  await expect(page.locator('.kicker')).toContainText('รายงานผลตรวจความพร้อม');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  // The glyphs of the Thai heading come from a font that has Thai (not a box-drawing fallback).
  expect(fonts.map((f) => f.familyName).join(',')).toMatch(/Loma|Garuda|Norasi|Sarabun|Noto Sans Thai|Tlwg|Kinnari|Waree|Umpush|Sawasdee|Laksaman|Purisa|Tahoma|Leelawadee/i);
  expect(seen.errors).toEqual([]);
  expect(seen.requests).toEqual([]);
  await page.screenshot({ path: join(OUT, 'report.th.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(OUT, 'report.th.phone.png') });
});

test('a crawled title carrying <script> and onerror= payloads runs nothing', async ({ page }) => {
  const seen = await open(page, file('report.hostile.html', renderReportHtml(hostileResult(), { lang: 'th' })));
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  await expect(page.locator('body')).toContainText('<script>window.__pwned=1</script>');
  expect(seen.requests).toEqual([]);
});


test('index.html sorts by a column with its own script, and an injected script stays inert', async ({ page }) => {
  const a = goldenResult();
  const b = structuredClone(a);
  b.agency = 'เทศบาล <script>window.__pwned=1</script>';
  b.score.oit = 40;
  const c = structuredClone(a);
  c.agency = 'อบจ.ตัวอย่าง';
  c.score.oit = 99;
  const seen = await open(page, file('index.html', renderIndexHtml([{ result: a, href: 'a/report.html' }, { result: b, href: 'b/report.html' }, { result: c, href: 'c/report.html' }], 'th')));
  const scores = () => page.locator('tbody tr td:nth-child(2)').allInnerTexts();
  await page.locator('th').nth(1).click();
  expect((await scores()).map((s) => parseFloat(s))).toEqual([40, 85.25, 99]);
  await page.locator('th').nth(1).click();
  expect((await scores()).map((s) => parseFloat(s))).toEqual([99, 85.25, 40]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(seen.errors).toEqual([]);
  await page.screenshot({ path: join(OUT, 'index.png') });
});
