// One result rendered in every format (report.html, summary.md, summary.txt, itas.csv, itas.xlsx, junit.xml, the alert):
// each item's outcome and reasons must agree across all of them. Run on the demo result and on a labelled fixture
// site's result with review items, failures, off-site evidence, e-GP problems, a 404 and a 0-byte file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { crawlSite } from '../../src/collect/crawl.js';
import { serveSite } from '../../src/demo/serve.js';
import { judge } from '../../src/judge/judge.js';
import type { Lang } from '../../src/lang.js';
import { Result, type ItemResult } from '../../src/model/result.js';
import { reasonsOf } from '../../src/render/common.js';
import { itasHeaders, renderItasCsv, renderItasXlsx } from '../../src/render/itas.js';
import { renderJunit } from '../../src/render/junit.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { summaryText } from '../../src/render/summary-md.js';
import { resolveRuleSet } from '../../src/rules/load.js';
import { buildDigest, digestText } from '../../src/schedule/digest.js';
import { outcomeWord } from '../../src/text/reasons.js';
import { ui } from '../../src/text/say.js';
import { goldenResult } from '../fixtures/hostile-result.js';

const GOLDEN = join(import.meta.dirname, '../golden');
const SITE = join(import.meta.dirname, '../fixtures/sites/abt-2566');
const ORIGIN = 'http://abt.oit.test';
const OTHER = 'http://cloud.oit.test';

/** The abt-2566 fixture site judged without an agency name (the name comes from the site); written only on UPDATE_GOLDEN=1. */
let abt: Result;
beforeAll(async () => {
  const file = join(GOLDEN, 'abt-2566-result.json');
  if (process.env.UPDATE_GOLDEN === '1') {
    const s = await serveSite(SITE);
    try {
      const a = await crawlSite(s.url, { recheckDelayMs: 50 });
      const r = judge(a, resolveRuleSet(s.config.framework), { asOf: s.config.asOf });
      const text = JSON.stringify(r, null, 2).split(s.url.replace(/\/$/, '')).join(ORIGIN).split(s.otherOrigin).join(OTHER).split('"host": "localhost"').join(`"host": "${new URL(OTHER).host}"`);
      writeFileSync(file, `${text.replace(/"crawledAt": "[^"]*"/, '"crawledAt": "2023-05-15T02:30:00.000Z"')}\n`);
    } finally {
      await s.close();
    }
  }
  abt = Result.parse(JSON.parse(readFileSync(file, 'utf8')));
}, 120_000);

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
// Inline marks (a URL's span, a link, bold) join their text; other tags separate it.
const plain = (html: string) => html.replace(/<\/?(?:span|a|b)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]!).replace(/\s+/g, ' ').trim();
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** RFC 4180 rows (quoted cells with doubled quotes and newlines inside). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (quoted) {
      if (c === '"' && t[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && t[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

async function xlsxRows(r: Result, lang: Lang): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderItasXlsx(r, lang)) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from({ length: 8 }, (_, c) => row.getCell(c + 1).text)));
  return rows;
}

/** What ITAS is told for each outcome: a failure is ไม่มี; review is มี when there is evidence to open. */
const expectedAnswer = (i: ItemResult, lang: Lang) => ui(lang, i.outcome === 'pass' || (i.outcome !== 'fail' && i.evidence.length) ? 'itas.yes' : 'itas.no');

async function checkAgreement(r: Result, lang: Lang) {
  const html = renderReportHtml(r, { lang });
  const md = summaryText(r, lang);
  const txt = summaryText(r, lang, { format: 'text' });
  const csv = parseCsv(renderItasCsv(r, lang));
  const xlsx = await xlsxRows(r, lang);
  const junit = renderJunit(r, lang);
  const head = csv.findIndex((row) => row[0] === itasHeaders(lang)[0]);
  expect(csv[head]).toEqual(itasHeaders(lang));
  // The previous audit had every item passing: every failing item now is "newly failing" in the alert.
  const before = structuredClone(r);
  for (const i of before.items) {
    i.outcome = 'pass';
    i.defects = [];
  }
  const alert = digestText(buildDigest('x', 2, r, before, lang)!, 'x', lang);

  for (const i of r.items) {
    const word = outcomeWord(lang, i.outcome);
    const reasons = reasonsOf(i, lang).map((x) => squash(x.text));
    if (i.outcome !== 'pass') expect(reasons.length, `${i.id} has a reason`).toBeGreaterThan(0);

    // report.html: the item's row has its outcome and every reason.
    const row = html.match(new RegExp(`<tr id="${i.id}" class="o-(\\w+)">([\\s\\S]*?)</tr>`));
    expect(row?.[1], `${i.id} row class`).toBe(i.outcome);
    const rowText = plain(row![2]!);
    expect(rowText, `${i.id} html outcome`).toContain(word);
    for (const t of reasons) expect(rowText, `${i.id} html reason`).toContain(t);

    // itas.csv and itas.xlsx: the same row; the answer follows the outcome; every reason and every URL is there.
    const c = csv.find((x, n) => n > head && x[0] === i.id)!;
    expect(c, `${i.id} csv row`).toBeDefined();
    expect(xlsx.find((x, n) => n > head && x[0] === i.id), `${i.id} xlsx row = csv row`).toEqual(c);
    expect(c[2], `${i.id} answer`).toBe(expectedAnswer(i, lang));
    expect(c[5], `${i.id} status`).toBe(ui(lang, i.outcome === 'pass' ? 'itas.ready' : i.outcome === 'fail' ? 'itas.fix-first' : 'itas.check-first'));
    expect(c[3]!.split('\n').filter(Boolean)).toEqual(i.evidence.map((e) => e.url));
    for (const t of reasons) expect(squash(c[6]!), `${i.id} csv reason`).toContain(t);

    // junit.xml: failure / skipped / error / passing, and every reason in its message.
    const tc = junit.match(new RegExp(`<testcase [^>]*name="${i.id} [^"]*">([\\s\\S]*?)</testcase>`))![1]!;
    const tag = { pass: tc === '' || tc.startsWith('<system-out>'), fail: tc.startsWith('<failure'), review: tc.startsWith('<skipped'), error: tc.startsWith('<error') };
    expect(tag[i.outcome], `${i.id} junit ${tc.slice(0, 40)}`).toBe(true);
    const msg = plain((tc.match(/message="([^"]*)"/)?.[1] ?? tc).replace(/&quot;/g, '"'));
    for (const t of reasons) expect(squash(msg), `${i.id} junit reason`).toContain(t);

    // summary.md and summary.txt: an item not passing is listed with its outcome, its first reason and how many more.
    for (const text of [md, txt]) {
      const line = text.split('\n').find((l) => l.startsWith(`- ${i.id} `));
      if (i.outcome === 'pass') {
        expect(line, `${i.id} not listed`).toBeUndefined();
        continue;
      }
      expect(line, `${i.id} summary line`).toContain(`— ${word}`);
      expect(squash(line!), `${i.id} summary first reason`).toContain(reasons[0]!);
      if (reasons.length > 1) expect(line).toContain(ui(lang, 'summary.more', { count: reasons.length - 1 }));
    }

    // The alert: a newly failing item with all its reasons.
    if (i.outcome === 'fail') expect(squash(alert), `${i.id} alert`).toContain(`${i.id} ${lang === 'en' ? i.titleEn : i.title}: ${reasons.join(' · ')}`);
  }

  // The counts agree too.
  const n = (o: string) => r.items.filter((i) => i.outcome === o).length;
  expect(junit).toContain(`tests="${r.items.length}" failures="${n('fail')}" errors="${n('error')}" skipped="${n('review')}"`);
  expect(txt).toContain(ui(lang, 'summary.counts', { pass: n('pass'), fail: n('fail'), review: n('review'), error: n('error'), total: r.items.length }));
  // Plain text has no Markdown marks for LINE.
  expect(txt).not.toMatch(/\*\*|^#|^>/m);
  return { html, md, txt, csv: renderItasCsv(r, lang), junit, alert };
}

/** Words that must never reach a Thai reader: ITAS does not take "มี (ต้องตรวจสอบ)"; codes are not words. */
const JARGON = [/มี \(ต้องตรวจสอบ\)/, /สถานะ \d/, /\((?:google-forms|google-drive|social|flipbook|trap|login)\)/, /\bdns\b/i, /ENOTFOUND/, /ข้อมูลข้อมูล/, /ข้อมูล[A-Za-z]/, /ไม่ผ่านเกณฑ์ 85/];

/** The abt-2566 result with what the crawl did not produce: a review item explained only by its checks' notes. */
function withNotesOnlyReview(r: Result): Result {
  const x = structuredClone(r);
  const i = x.items.find((it) => it.outcome === 'pass' && it.evidence.length)!;
  i.outcome = 'review';
  i.defects = [];
  i.checks = [{ check: 'activity-date', status: 'cant-tell', note: { code: 'activity-on-linked-page', data: { url: 'https://forms.gle/abc' } } }];
  // An e-GP number with 11 digits and an unexpected year prefix: a warning, worded as such.
  const o20 = x.items.find((it) => it.id === 'O20')!;
  const prefix = { kind: 'egp-invalid' as const, item: 'O20', url: `${ORIGIN}/procurement/announcements.html`, data: { value: '64012345678', normalized: '64012345678', digits: 11, row: 4, problem: 'year-prefix', fiscalYear: 2566 } };
  o20.defects.push(prefix);
  x.defects.push(prefix);
  return Result.parse(x);
}

describe('every format says the same about every item', () => {
  it('the demo result, Thai and English', async () => {
    for (const lang of ['th', 'en'] as const) await checkAgreement(goldenResult(), lang);
  });

  it('a fixture site: review items, failures, off-site evidence, e-GP problems, a 404 and an empty file', async () => {
    const kinds = new Set(abt.defects.map((d) => d.kind));
    for (const k of ['egp-invalid', 'off-site', 'broken-link', 'missing-file', 'unverifiable', 'scanned-document'] as const) expect(kinds, k).toContain(k);
    expect(abt.items.some((i) => i.outcome === 'review')).toBe(true);
    expect(abt.agencySource).toBe('site');
    for (const lang of ['th', 'en'] as const) {
      const out = await checkAgreement(abt, lang);
      if (lang === 'th') for (const [name, text] of Object.entries(out)) for (const re of JARGON) expect(text, `${name} ${re}`).not.toMatch(re);
    }
  });

  it('a review item explained only by its checks, and an e-GP year-prefix warning, agree everywhere', async () => {
    const r = withNotesOnlyReview(abt);
    const out = await checkAgreement(r, 'th');
    const text = plain(out.html);
    expect(text).toContain('กิจกรรมอยู่ในหน้าที่ลิงก์ไว้ (https://forms.gle/abc)');
    // The e-GP table says what is wrong with it; no format calls an 11-digit number "not 11 digits".
    expect(text).toContain('64012345678');
    expect(text).toContain('ครบ 11 หลัก แต่ 2 หลักแรก (64) ไม่ตรงกับปีงบประมาณ 2566');
    for (const t of Object.values(out)) expect(t.replaceAll("&quot;", '"')).not.toContain('"64012345678" ไม่ใช่ตัวเลข');
    expect(text).toContain('"64012345678" มี 11 หลัก แต่ 2 หลักแรก (64)');
  });

  it('the agency is named from the site in every output (no config), never as http://host:port', async () => {
    const out = await checkAgreement(abt, 'th');
    for (const [name, text] of Object.entries(out)) if (name !== 'alert') expect(text, name).toContain('องค์การบริหารส่วนตำบลบ้านหนองบัว');
    expect(out.html).toMatch(/<title>องค์การบริหารส่วนตำบลบ้านหนองบัว: ผลตรวจความพร้อม OIT 15 พ.ค. 2566<\/title>/);
    expect(out.txt.split('\n')[0]).toBe('ผลตรวจความพร้อม OIT: องค์การบริหารส่วนตำบลบ้านหนองบัว');
  });
});
