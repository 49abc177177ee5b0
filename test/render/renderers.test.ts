// Every renderer over the golden result (snapshots), the JSON round trip, and escaping of hostile crawled text.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Result } from '../../src/model/result.js';
import { diffResults } from '../../src/render/diff.js';
import { csvCell, escXml, safeHref } from '../../src/render/escape.js';
import { renderIndexHtml } from '../../src/render/index-html.js';
import { itasHeaders, itasRows, renderItasCsv, renderItasXlsx } from '../../src/render/itas.js';
import { ownTitle } from '../../src/render/common.js';
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
  it('itas.xlsx: a header block (agency, date, score), a filtered and frozen table with links, A4 landscape', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderItasXlsx(golden, 'th')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = (row: number, col: number) => ws.getCell(row, col).text;
    expect(text(1, 1)).toContain('อบต.หนองน้ำใส (ตัวอย่าง)');
    expect(text(3, 2)).toBe('15 พ.ค. 2566');
    expect(text(4, 2)).toMatch(/^85\.25 · /);
    const head = 8;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => text(head, c))).toEqual(itasHeaders('th'));
    const first = itasRows(golden, 'th')[0]!;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => text(head + 1, c))).toEqual([first.item, first.title, first.answer, first.urls.join('\n'), first.explanation, first.status, first.reasons, '']);
    expect(ws.getCell(head + 1, 4).hyperlink).toBe('http://demo.oit.test/oit/o1.html');
    expect(ws.autoFilter).toBe(`A${head}:H${head}`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: head });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(ws.getColumn(5).width).toBeGreaterThan(40);
    // Every evidence URL is a link of its own on the second sheet.
    const ev = wb.worksheets[1]!;
    expect(ev.rowCount - 1).toBe(golden.items.reduce((n, i) => n + i.evidence.length, 0));
    expect(ev.getCell(2, 2).hyperlink).toBe('http://demo.oit.test/oit/o1.html');
  });
  it('the answer sheet: มี/ไม่มี as ITAS takes them, a failing item is ไม่มี with its reason, a review item waits for a person', () => {
    const rows = itasRows(golden, 'th');
    const row = (id: string) => rows.find((x) => x.item === id)!;
    expect(row('O1')).toMatchObject({ answer: 'มี', status: 'พร้อมตอบ', reasons: '' });
    expect(row('O10')).toMatchObject({ answer: 'ไม่มี', status: 'แก้ก่อนตอบ (ถ้ายังไม่แก้ ให้ตอบ "ไม่มี")' });
    // A 404 is a failure: ไม่มี, never "มี (ต้องตรวจสอบ)".
    expect(row('O13')).toMatchObject({ answer: 'ไม่มี' });
    expect(row('O13').reasons).toContain('ไม่พบหน้าหรือไฟล์นี้บนเซิร์ฟเวอร์');
    expect(row('O17')).toMatchObject({ answer: 'มี', status: 'ให้คนตรวจก่อนตอบ' });
    for (const r of rows) expect(['มี', 'ไม่มี']).toContain(r.answer);
  });
  it('the explanation names the index page, the item and the page path, in Thai without doubled words', () => {
    const rows = itasRows(golden, 'th');
    const o2 = rows.find((x) => x.item === 'O2')!.explanation;
    expect(o2).toBe('เผยแพร่ที่หน้า "ข้อมูลผู้บริหาร" (/oit/o2.html) บนเว็บไซต์หลัก demo.oit.test เปิดได้จากหน้ารวมข้อมูล ITA/OIT (/ita/2566.html) ที่ข้อ O2 "ข้อมูลผู้บริหาร"');
    expect(rows.map((x) => x.explanation).join('\n')).not.toMatch(/ข้อมูลข้อมูล|ข้อมูล[A-Za-z]/);
    // A form on another site is named with its full host.
    expect(rows.find((x) => x.item === 'O28')!.explanation).toContain('บนเว็บไซต์ forms.gle ซึ่งไม่ใช่เว็บไซต์หลักของหน่วยงาน (demo.oit.test)');
  });
  it('an item with several pieces of evidence lists every URL, each explained', () => {
    const r = goldenResult();
    const o21 = r.items.find((i) => i.id === 'O21')!;
    o21.evidence.push({ url: 'https://drive.example.org/o21/skr1-2566.pdf', via: 'index', confidence: 0.95, text: 'สขร.1 (สำรอง)', from: 'http://demo.oit.test/ita/2566.html' });
    const row = itasRows(r, 'th').find((x) => x.item === 'O21')!;
    expect(row.urls).toEqual(['http://demo.oit.test/oit/o21.html', 'https://drive.example.org/o21/skr1-2566.pdf']);
    expect(row.explanation.split('\n')).toHaveLength(2);
    expect(row.explanation).toContain('2) อยู่ที่ /o21/skr1-2566.pdf บนเว็บไซต์ drive.example.org');
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
  it('report.html: the agency name in the print header (a CSS string) cannot close the style sheet', () => {
    const x = hostileResult();
    x.agency = 'อบต."}</style><script>window.__pwned=3</script>\\';
    const html = renderReportHtml(x, { lang: 'th' });
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>') + 8);
    expect(style.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toContain('<script>window.__pwned=3');
    expect(style).toContain('@top-left{content:"อบต.\\"}\\3C /style\\3E \\3C script\\3E window.__pwned=3\\3C /script\\3E \\\\ ·');
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
    const titles = [...r.items.flatMap((i) => i.evidence.map((e) => e.title ?? '')), ...r.indexPages.map((p) => p.title)];
    const content = [
      r.agency ?? '',
      ...titles,
      ...titles.map((t) => ownTitle(t, r)),
      ...r.items.flatMap((i) => i.evidence.flatMap((e) => [e.text ?? '', e.label ?? ''])),
      ...[...r.links.broken, ...r.links.unverifiableLinks].map((l) => l.text ?? ''),
      ...r.defects.map((d) => String(d.data.placeholder ?? '')),
    ].filter(Boolean);
    const strip = (text: string) => {
      let t = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&#39;', "'");
      for (const c of content.sort((a, b) => b.length - a.length)) t = t.replaceAll(c, '');
      return t.replace(/"[^"]*"/g, '');
    };
    for (const [name, text] of [
      ['report.html', renderReportHtml(r, { lang: 'en' })],
      ['summary.md', summaryText(r, 'en')],
      ['summary.txt', summaryText(r, 'en', { format: 'text' })],
      ['itas.csv', renderItasCsv(r, 'en')],
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
    expect(html.indexOf('ITA 2570 ยังไม่มีคู่มือ')).toBeLessThan(html.indexOf('class="score"'));
    expect(renderReportHtml(r, { lang: 'en' })).toContain('Nothing of ITA 2570 is published');
    expect(summaryText(r, 'th')).toContain('ITA 2570 ยังไม่มีคู่มือ');
    expect(summaryText(r, 'th', { banner: false })).not.toContain('ITA 2570 ยังไม่มีคู่มือ');
    expect(renderItasCsv(r, 'th').trim().split('\r\n').at(-1)).toContain('ITA 2570 ยังไม่มีคู่มือ');
    expect(renderJunit(r, 'en')).toContain('<property name="framework-provisional" value="Nothing of ITA 2570 is published: every item is unconfirmed."/>');
    expect(summaryText(r, 'th', { format: 'text' })).toContain('ITA 2570 ยังไม่มีคู่มือ');
  });
  it('a confirmed framework shows none', () => {
    expect(renderReportHtml(goldenResult(), { lang: 'th' })).not.toContain('class="banner"');
    expect(renderJunit(goldenResult(), 'th')).not.toContain('framework-provisional');
  });
});
