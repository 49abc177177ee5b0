// The answer sheet for the NACC's ITAS system, ready to paste: มี/ไม่มี as ITAS takes them, every evidence URL, an
// explanation of where each sits and how it is reached from the index page, the reason and fix, a reviewer column.
import type { Lang } from '../lang.js';
import type { ItemResult, Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { ui } from '../text/say.js';
import { agencyOf, asOfText, explainEvidence, explainItem, frameworkBanner, hostOf, isOffSite, ownTitle, ratingText, reasonsOf } from './common.js';
import { csvCell, safeHref } from './escape.js';

export interface ItasRow {
  item: string;
  title: string;
  /** มี or ไม่มี: what to answer in ITAS unless a person decides otherwise (status says when one must). */
  answer: string;
  urls: string[];
  explanation: string;
  status: string;
  outcome: ItemResult['outcome'];
  /** Each reason with its how-to-fix, one per line: the same reasons every report shows. */
  reasons: string;
  reviewer: string;
}

/**
 * Passed: มี. Failing: ไม่มี with the reason (the admin fixes it first to answer มี). Needing review: มี when there is
 * evidence for a person to open (the status says so), ไม่มี when nothing was found.
 */
function answerOf(i: ItemResult, lang: Lang): string {
  if (i.outcome === 'pass') return ui(lang, 'itas.yes');
  if (i.outcome === 'fail') return ui(lang, 'itas.no');
  return i.evidence.length ? ui(lang, 'itas.yes') : ui(lang, 'itas.no');
}

const statusOf = (i: ItemResult, lang: Lang) => ui(lang, i.outcome === 'pass' ? 'itas.ready' : i.outcome === 'fail' ? 'itas.fix-first' : 'itas.check-first');

export function itasRows(r: Result, lang: Lang): ItasRow[] {
  return r.items.map((i) => ({
    item: i.id,
    title: lang === 'en' ? i.titleEn : i.title,
    answer: answerOf(i, lang),
    urls: i.evidence.map((e) => e.url),
    explanation: explainItem(r, i, lang),
    status: statusOf(i, lang),
    outcome: i.outcome,
    reasons: reasonsOf(i, lang)
      .map((x) => (x.fix ? `${x.text} — ${ui(lang, 'itas.fix-label')}: ${x.fix}` : x.text))
      .join('\n'),
    reviewer: '',
  }));
}

export const itasHeaders = (lang: Lang): string[] =>
  (['itas.col-item', 'itas.col-title', 'itas.col-answer', 'itas.col-url', 'itas.col-explanation', 'itas.col-status', 'itas.col-reason', 'itas.col-reviewer'] as const).map((c) => ui(lang, c));

const cells = (x: ItasRow): string[] => [x.item, x.title, x.answer, x.urls.join('\n'), x.explanation, x.status, x.reasons, x.reviewer];

/** The block above the table: whose sheet it is, of which site, as of when, with what score. */
function headerBlock(r: Result, lang: Lang): string[][] {
  return [
    [ui(lang, 'itas.heading', { agency: agencyOf(r) })],
    [ui(lang, 'itas.site'), r.site],
    [ui(lang, 'itas.as-of'), asOfText(r, lang)],
    [ui(lang, 'itas.score'), `${formatScore(r.score.oit)} · ${ratingText(r, lang)}`],
    [ui(lang, 'itas.framework'), `${r.framework.id} · ${lang === 'en' ? r.framework.titleEn || r.framework.title : r.framework.title}`],
    [ui(lang, 'itas.how')],
  ];
}

/** A provisional framework's banner as the sheet's last row: under the answers, never among them. */
const bannerRow = (r: Result, lang: Lang): string[] | undefined => {
  const b = frameworkBanner(r, lang);
  return b ? [ui(lang, 'itas.note'), b] : undefined;
};

/** UTF-8 with a BOM, so Excel opens Thai text correctly; every cell quoted and formula-safe. */
export function renderItasCsv(r: Result, lang: Lang): string {
  const banner = bannerRow(r, lang);
  const rows = [...headerBlock(r, lang), [], itasHeaders(lang), ...itasRows(r, lang).map(cells), ...(banner ? [banner] : [])];
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const RED = 'FFC62828';
const ORANGE = 'FFEF6C00';
const GREEN = 'FF2E7D32';
const WIDTHS = [7, 40, 9, 48, 62, 22, 70, 18];

export async function renderItasXlsx(r: Result, lang: Lang): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = `${r.tool.name} ${r.tool.version}`;
  const ws = wb.addWorksheet(ui(lang, 'itas.sheet'), {
    // A4 landscape, all columns on one page wide, the table's heading repeated on every page.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${agencyOf(r).replace(/&/g, '&&')}&R&P / &N` },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const block = headerBlock(r, lang);
  block.forEach((row, n) => {
    const added = ws.addRow(row);
    if (n === 0) added.font = { bold: true, size: 14 };
    else if (row.length === 1) added.font = { italic: true, color: { argb: 'FF555555' } };
    else added.getCell(1).font = { bold: true };
  });
  ws.mergeCells(1, 1, 1, WIDTHS.length);
  ws.mergeCells(block.length, 1, block.length, WIDTHS.length);
  const siteHref = safeHref(r.site);
  if (siteHref) ws.getCell(2, 2).value = { text: r.site, hyperlink: siteHref };
  ws.addRow([]);
  const headRow = ws.addRow(itasHeaders(lang));
  headRow.font = { bold: true };
  headRow.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
    c.border = { bottom: { style: 'thin' } };
  });
  const headAt = headRow.number;
  for (const x of itasRows(r, lang)) {
    // Cells are written as plain strings (exceljs never turns a string into a formula); a URL is a link only if http(s).
    const row = ws.addRow(cells(x));
    const href = safeHref(x.urls[0]);
    if (href) row.getCell(4).value = { text: x.urls.join('\n'), hyperlink: href };
    row.getCell(6).font = { bold: true, color: { argb: x.outcome === 'pass' ? GREEN : x.outcome === 'fail' ? RED : ORANGE } };
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  const banner = bannerRow(r, lang);
  if (banner) ws.addRow(banner).font = { color: { argb: RED }, bold: true };
  ws.autoFilter = { from: { row: headAt, column: 1 }, to: { row: headAt, column: WIDTHS.length } };
  ws.views = [{ state: 'frozen', ySplit: headAt, xSplit: 1 }];
  ws.pageSetup.printTitlesRow = `${headAt}:${headAt}`;

  // Every evidence URL on a row of its own, each a link: an item with several files has them all clickable.
  const ev = wb.addWorksheet(ui(lang, 'itas.evidence-sheet'), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ev.columns = [7, 60, 40, 26, 70].map((width) => ({ width }));
  const evHead = ev.addRow(['itas.col-item', 'itas.col-url', 'itas.col-page-title', 'itas.col-host', 'itas.col-explanation'].map((c) => ui(lang, c as Parameters<typeof ui>[1])));
  evHead.font = { bold: true };
  for (const i of r.items)
    for (const e of i.evidence) {
      const row = ev.addRow([i.id, e.url, ownTitle(e.title, r) || e.text || '', hostOf(e.url), explainEvidence(r, i, e, lang)]);
      const href = safeHref(e.url);
      if (href) row.getCell(2).value = { text: e.url, hyperlink: href };
      if (isOffSite(e.url, r.site)) row.getCell(4).font = { bold: true, color: { argb: RED } };
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  ev.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
  ev.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
