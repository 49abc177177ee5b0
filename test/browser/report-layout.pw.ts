// report.html as a committee member and a web admin use it: a desktop and a 390 px phone (no sideways scrolling,
// evidence reachable, chart labels legible, Thai never broken inside a word), and printed (A4, page numbers, a
// running header, link URLs, sign-off), from the browser's print and from --format pdf alike.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { findChromium } from '../../src/collect/browser.js';
import { loadPdfjs } from '../../src/collect/pdfjs-load.js';
import { Result } from '../../src/model/result.js';
import { htmlToPdf } from '../../src/render/pdf.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { goldenResult } from '../fixtures/hostile-result.js';

test.skip(!findChromium().path, 'no Chromium found (install Debian chromium or set OIT_CHROMIUM); .ci/run installs it');

const OUT = join(process.cwd(), 'test-results', 'reports');
mkdirSync(OUT, { recursive: true });
const abt = () => Result.parse(JSON.parse(readFileSync(join(process.cwd(), 'test/golden/abt-2566-result.json'), 'utf8')));
const CASES = [
  { name: 'demo', result: goldenResult },
  { name: 'abt-2566', result: abt },
];

async function load(page: Page, name: string, html: string) {
  const p = join(OUT, `${name}.html`);
  writeFileSync(p, html);
  await page.goto(`file://${p}`);
}

/**
 * Lines that begin inside a Thai word, read from the rendered text: for each text node of the item table (URLs apart,
 * which may break anywhere), where a grapheme starts a new line, that place must be a word boundary (Intl.Segmenter,
 * the browser's own Thai dictionary), a space or punctuation, and never a tone mark or vowel sign left at a line start.
 */
function thaiLineBreaks(page: Page, selector: string): Promise<{ checked: number; bad: string[] }> {
  return page.evaluate((sel) => {
    const bad: string[] = [];
    let checked = 0;
    const words = new Intl.Segmenter('th', { granularity: 'word' });
    const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
    const marks = /^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement!;
        if (el.closest('.url, a.u, span.u') || !/[\u0E00-\u0E7F]/.test(node.textContent ?? '')) continue;
        const text = node.textContent!;
        const bounds = new Set([...words.segment(text)].map((x) => x.index));
        const range = document.createRange();
        let prevTop: number | undefined;
        for (const g of graphemes.segment(text)) {
          range.setStart(node, g.index);
          range.setEnd(node, g.index + g.segment.length);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          if (prevTop !== undefined && rect.top > prevTop + 4 && g.index > 0) {
            checked++;
            const before = text[g.index - 1]!;
            const ok = bounds.has(g.index) || /[\s\p{P}\p{S}]/u.test(before) || /[\s\p{P}\p{S}]/u.test(g.segment);
            if (!ok || marks.test(g.segment)) bad.push(`${text.slice(Math.max(0, g.index - 12), g.index)}|${text.slice(g.index, g.index + 12)}`);
          }
          prevTop = rect.top;
        }
      }
    }
    return { checked, bad };
  }, selector);
}

for (const c of CASES) {
  test(`${c.name}: desktop 1280 px and phone 390 px (no sideways scroll, evidence on the cards, chart labels ≥ 11 px)`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await load(page, `report.${c.name}`, renderReportHtml(c.result(), { lang: 'th' }));
    await page.screenshot({ path: join(OUT, `report.${c.name}.1280.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const wide = await thaiLineBreaks(page, 'table.items');
    expect(wide.bad).toEqual([]);
    expect(wide.checked).toBeGreaterThan(20);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(OUT, `report.${c.name}.390.png`), fullPage: true });
    await page.screenshot({ path: join(OUT, `report.${c.name}.390.top.png`) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 390 px').toBeLessThanOrEqual(390);
    const phone = await thaiLineBreaks(page, 'table.items');
    expect(phone.bad).toEqual([]);
    expect(phone.checked).toBeGreaterThan(20);
    // Every item's evidence is on its card, inside the screen, and can be tapped.
    const items = page.locator('table.items tbody tr');
    expect(await items.count()).toBe(c.result().items.length);
    const links = page.locator('table.items tbody tr td:nth-child(4) a');
    expect(await links.count()).toBeGreaterThan(10);
    for (const i of [0, 5, (await links.count()) - 1]) {
      const a = links.nth(i);
      await a.scrollIntoViewIfNeeded();
      await expect(a).toBeVisible();
      const box = (await a.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const card = page.locator('table.items tbody tr').filter({ has: page.locator('.b-fail') }).first();
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(OUT, `report.${c.name}.390.card.png`) });
    const sizes = await page.locator('.chart .bl').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  });
}

test('the line-break check catches what word-break: break-all does to Thai', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await load(page, 'report.break-all', renderReportHtml(abt(), { lang: 'th' }).replace('</style>', 'table.items td{word-break:break-all}</style>'));
  const { bad } = await thaiLineBreaks(page, 'table.items');
  expect(bad.length).toBeGreaterThan(5);
  writeFileSync(join(OUT, 'break-all.lines.txt'), bad.join('\n'));
});

/** Page count, page size (points) and text of each page of a PDF. */
async function readPdf(pdf: Uint8Array) {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: Array<{ size: number[]; text: string }> = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const content = await p.getTextContent();
    pages.push({ size: p.view.slice(2).map(Math.round), text: content.items.map((x) => ('str' in x ? x.str : '')).join(' ') });
  }
  return pages;
}

async function expectPrinted(pdf: Uint8Array, r: Result) {
  const pages = await readPdf(pdf);
  expect(pages.length).toBeGreaterThan(1);
  // A4 is 595 × 842 points.
  for (const p of pages) expect(p.size).toEqual([595, 842]);
  const n = pages.length;
  pages.forEach((p, i) => expect(p.text, `page ${i + 1}`).toMatch(new RegExp(`(^|\\s)${i + 1} / ${n}(\\s|$)`)));
  const all = pages.map((p) => p.text.replace(/\s+/g, '')).join('');
  // Link URLs are printed after their words; the running header carries the score.
  expect(all).toContain(r.items[0]!.evidence[0]!.url.replace(/\s+/g, ''));
  expect(all).toContain(`OIT${r.score.oit!.toFixed(2)}`);
  return pages;
}

test('printed from the browser (Ctrl+P): A4 by the page’s own @page rule, page numbers, header, link URLs, sign-off', async ({ page }) => {
  const r = abt();
  await load(page, 'report.print', renderReportHtml(r, { lang: 'th' }));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('section.signoff')).toBeVisible();
  expect(await page.locator('section.signoff th').allInnerTexts()).toEqual(['ผู้จัดทำ', 'ผู้ตรวจสอบ', 'ผู้อนุมัติ']);
  // No size given: the browser's default is Letter unless the page asks for A4.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(OUT, 'report.print.pdf'), pdf);
  const pages = await expectPrinted(pdf, r);
  expect(pages.length).toBeLessThanOrEqual(16);
});

test('--format pdf prints the same way: A4 with page numbers', async () => {
  const r = goldenResult();
  const pdf = await htmlToPdf(renderReportHtml(r, { lang: 'th' }));
  writeFileSync(join(OUT, 'report.pdf'), pdf);
  await expectPrinted(pdf, r);
});
