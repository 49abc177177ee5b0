// Every renderer over the golden result (snapshots), the JSON round trip, and escaping of hostile crawled text.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Result } from '../../src/model/result.js';
import { diffResults } from '../../src/render/diff.js';
import { csvCell, escXml, safeHref } from '../../src/render/escape.js';
import { renderIndexHtml } from '../../src/render/index-html.js';
import { itasRows, renderItasCsv, renderItasXlsx } from '../../src/render/itas.js';
import { renderJunit } from '../../src/render/junit.js';
import { REPORT_CSP, renderReportHtml } from '../../src/render/report-html.js';
import { summaryText } from '../../src/render/summary-md.js';
import { goldenResult, hostileResult, XSS } from '../fixtures/hostile-result.js';

const golden = goldenResult();

describe('renderers over the golden result', () => {
  it('report.html (Thai and English)', async () => {
    await expect(renderReportHtml(golden, { lang: 'th' })).toMatchFileSnapshot('../golden/report.th.html');
    await expect(renderReportHtml(golden, { lang: 'en' })).toMatchFileSnapshot('../golden/report.en.html');
  });
  it('itas.csv, summary.md, junit.xml, index.html', async () => {
    await expect(renderItasCsv(golden, 'th')).toMatchFileSnapshot('../golden/itas.csv');
    await expect(summaryText(golden, 'th')).toMatchFileSnapshot('../golden/summary.md');
    await expect(renderJunit(golden, 'th')).toMatchFileSnapshot('../golden/junit.xml');
    await expect(renderIndexHtml([{ result: golden, href: 'demo/report.html' }], 'th')).toMatchFileSnapshot('../golden/index.html');
  });
  it('itas.xlsx holds the same rows as the CSV', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderItasXlsx(golden, 'th')) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows).toHaveLength(44);
    const first = itasRows(golden, 'th')[0]!;
    expect(rows[1]).toEqual([first.item, first.title, first.answer, first.url, first.explanation, first.status]);
  });
  it('the answer sheet proposes มี only for items that passed, and marks the rest', () => {
    const rows = itasRows(golden, 'th');
    expect(rows.find((x) => x.item === 'O1')).toMatchObject({ answer: 'มี', status: 'พร้อม' });
    expect(rows.find((x) => x.item === 'O10')).toMatchObject({ answer: 'ไม่มี', status: 'ต้องแก้ก่อนตอบ' });
    expect(rows.find((x) => x.item === 'O17')).toMatchObject({ answer: 'มี (ต้องตรวจสอบ)', status: 'ต้องตรวจสอบ' });
    expect(rows.find((x) => x.item === 'O1')!.explanation).toContain('ITA/OIT');
  });
  it('survives a JSON round trip unchanged', () => {
    expect(Result.parse(JSON.parse(JSON.stringify(golden)))).toEqual(golden);
  });
  it('shows what is new, fixed and still open against a previous result', () => {
    const before = structuredClone(golden);
    before.defects = before.defects.filter((d) => d.item !== 'O21');
    before.defects.push({ kind: 'not-found', item: 'O5', data: {} });
    const d = diffResults(golden, before);
    expect(d.added.map((x) => x.item)).toEqual(['O21', 'O21', 'O21']);
    expect(d.fixed.map((x) => x.item)).toEqual(['O5']);
    const html = renderReportHtml(golden, { lang: 'th', previous: before });
    expect(html).toContain('ปัญหาใหม่');
    expect(html).toContain('แก้แล้ว (1)');
  });
});

describe('hostile crawled text is escaped in every format', () => {
  const r = hostileResult();
  it('report.html: no live script, handler or javascript: link, and a strict CSP', () => {
    const html = renderReportHtml(r, { lang: 'th' });
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toMatch(/<img src=x onerror/);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain(`content="${REPORT_CSP}"`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toContain('script-src');
  });
  it('index.html: the agency name cannot add a script', () => {
    const html = renderIndexHtml([{ result: r, href: 'javascript:alert(1)' }], 'th');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('href="javascript:');
  });
  it('CSV and XLSX: formulas are neutralised', async () => {
    const csv = renderItasCsv(r, 'th');
    expect(csv).not.toMatch(/(^|,)"=HYPERLINK/m);
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('a "quote"')).toBe('"a ""quote"""');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderItasXlsx(r, 'th')) as unknown as ArrayBuffer);
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
  it('junit.xml: well-formed, markup escaped', () => {
    const xml = renderJunit(r, 'th');
    expect(xml).not.toContain('<script>');
    expect(escXml('a\u0001<b>')).toBe('a&lt;b&gt;');
    expect(xml).toContain('&lt;script&gt;');
  });
  it('only http(s) URLs become links', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('https://a.go.th/x')).toBe('https://a.go.th/x');
    expect(XSS).toContain('<script>');
  });
});

describe('--lang en', () => {
  it('report.html, summary.md and junit.xml in English carry no Thai but the agency\'s own content', () => {
    const r = goldenResult();
    // What the agency published stays as published: its name, its page and file titles, and quoted Thai phrases
    // that the fix text tells the agency to write ("ไม่มีการจัดซื้อจัดจ้าง").
    const content = [r.agency ?? '', ...r.items.flatMap((i) => i.evidence.flatMap((e) => [e.title ?? '', e.text ?? '', e.label ?? '']))].filter(Boolean);
    const strip = (text: string) => {
      let t = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
      for (const c of content.sort((a, b) => b.length - a.length)) t = t.replaceAll(c, '');
      return t.replace(/"[^"]*"/g, '');
    };
    for (const [name, text] of [
      ['report.html', renderReportHtml(r, { lang: 'en' })],
      ['summary.md', summaryText(r, 'en')],
      ['junit.xml', renderJunit(r, 'en')],
    ] as const) {
      const thai = strip(text).match(/[^\s<>]*[\u0E00-\u0E7F]+[^\s<>]*/g) ?? [];
      expect(thai, name).toEqual([]);
    }
  });
});

describe('a crawl cut at its limit', () => {
  it('report.html says so in a banner above the score, in the reader’s language', () => {
    const r = goldenResult();
    r.warnings.push({ code: 'budget-hit', data: { limit: 'pages', pages: 2000, notFollowed: 1604 } });
    const th = renderReportHtml(r, { lang: 'th' });
    const banner = th.indexOf('class="note banner"');
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(th.indexOf('class="score"'));
    expect(th).toContain('1604');
    expect(renderReportHtml(r, { lang: 'en' })).toContain('1604 same-site links were not followed');
  });
});

describe('a provisional framework: every report carries its banner', () => {
  const r = goldenResult();
  r.framework = { ...r.framework, id: 'ita-2570', provisional: true, banner: { th: 'ITA 2570 ยังไม่มีคู่มือ ทุกข้อยังไม่ยืนยัน', en: 'Nothing of ITA 2570 is published: every item is unconfirmed.' } };
  it('report.html (a banner at the top), summary.md, itas.csv (last row), junit.xml (a property)', () => {
    const html = renderReportHtml(r, { lang: 'th' });
    expect(html).toContain('<div class="banner" role="note">');
    expect(html.indexOf('ITA 2570 ยังไม่มีคู่มือ')).toBeLessThan(html.indexOf('คะแนนความพร้อม'));
    expect(renderReportHtml(r, { lang: 'en' })).toContain('Nothing of ITA 2570 is published');
    expect(summaryText(r, 'th')).toContain('ITA 2570 ยังไม่มีคู่มือ');
    expect(summaryText(r, 'th', { banner: false })).not.toContain('ITA 2570 ยังไม่มีคู่มือ');
    expect(renderItasCsv(r, 'th').trim().split('\r\n').at(-1)).toContain('ITA 2570 ยังไม่มีคู่มือ');
    expect(renderJunit(r, 'en')).toContain('<property name="framework-provisional" value="Nothing of ITA 2570 is published: every item is unconfirmed."/>');
  });
  it('a confirmed framework shows none', () => {
    expect(renderReportHtml(goldenResult(), { lang: 'th' })).not.toContain('class="banner"');
    expect(renderJunit(goldenResult(), 'th')).not.toContain('<properties>');
  });
});
