// The answer sheet for the NACC's ITAS system: item, title, มี/ไม่มี (proposed), URL, a drafted explanation.
import type { Lang } from '../lang.js';
import { tr } from '../lang.js';
import type { ItemResult, Result } from '../model/result.js';
import { csvCell } from './escape.js';
import { frameworkBanner } from './summary-md.js';

/** A provisional framework's banner as the sheet's last row: under the answers, never among them. */
const bannerRow = (r: Result, lang: Lang): string[] | undefined => {
  const b = frameworkBanner(r, lang);
  return b ? [tr(lang, 'หมายเหตุ', 'Note'), b, '', '', '', ''] : undefined;
};

export interface ItasRow {
  item: string;
  title: string;
  answer: string;
  url: string;
  explanation: string;
  status: string;
}

function pathOf(url: string): string {
  try {
    return decodeURI(new URL(url).pathname);
  } catch {
    return url;
  }
}

/** The explanation assessors ask for: where on the main website the data sits. */
function explain(i: ItemResult, r: Result, lang: Lang): string {
  const e = i.evidence[0];
  if (!e) return tr(lang, 'ยังไม่พบข้อมูลบนเว็บไซต์หลัก ต้องจัดทำและเผยแพร่ก่อนตอบ', 'Not found on the main website yet: publish it before answering.');
  const where = e.title ? `"${e.title}"` : pathOf(e.url);
  const via =
    e.via === 'index'
      ? tr(lang, `ที่หน้ารวมข้อมูล ITA/OIT ของหน่วยงาน ข้อ ${i.id} ลิงก์ไปยัง ${where}`, `on the agency's ITA/OIT page, item ${i.id}, linking to ${where}`)
      : tr(lang, `ที่หน้า ${where} บนเว็บไซต์หลัก`, `on the page ${where} of the main website`);
  return tr(lang, `ข้อมูล${i.title}อยู่${via} (${r.site})`, `The ${i.titleEn} data is ${via} (${r.site})`);
}

export function itasRows(r: Result, lang: Lang): ItasRow[] {
  return r.items.map((i) => ({
    item: i.id,
    title: tr(lang, i.title, i.titleEn),
    // Proposed only: มี when the evidence passed, ไม่มี when nothing was found; anything else a person confirms.
    answer: i.outcome === 'pass' ? tr(lang, 'มี', 'yes') : i.evidence.length === 0 ? tr(lang, 'ไม่มี', 'no') : tr(lang, 'มี (ต้องตรวจสอบ)', 'yes (check)'),
    url: i.evidence[0]?.url ?? '',
    explanation: explain(i, r, lang),
    status: i.outcome === 'pass' ? tr(lang, 'พร้อม', 'ready') : i.outcome === 'fail' ? tr(lang, 'ต้องแก้ก่อนตอบ', 'fix before answering') : tr(lang, 'ต้องตรวจสอบ', 'needs review'),
  }));
}

const HEADERS = (lang: Lang) => [tr(lang, 'ข้อ', 'Item'), tr(lang, 'หัวข้อ', 'Title'), tr(lang, 'มี/ไม่มี (เสนอ)', 'Yes/No (proposed)'), 'URL', tr(lang, 'คำอธิบาย', 'Explanation'), tr(lang, 'สถานะ', 'Status')];

/** UTF-8 with a BOM, so Excel opens Thai text correctly; every cell quoted and formula-safe. */
export function renderItasCsv(r: Result, lang: Lang): string {
  const rows = itasRows(r, lang).map((x) => [x.item, x.title, x.answer, x.url, x.explanation, x.status]);
  const banner = bannerRow(r, lang);
  return `\uFEFF${[HEADERS(lang), ...rows, ...(banner ? [banner] : [])].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function renderItasXlsx(r: Result, lang: Lang): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = `${r.tool.name} ${r.tool.version}`;
  const ws = wb.addWorksheet('ITAS');
  ws.columns = [{ width: 7 }, { width: 48 }, { width: 16 }, { width: 50 }, { width: 70 }, { width: 18 }];
  ws.addRow(HEADERS(lang)).font = { bold: true };
  for (const x of itasRows(r, lang)) {
    // Cells are written as plain strings: exceljs never turns a string into a formula.
    const row = ws.addRow([x.item, x.title, x.answer, x.url, x.explanation, x.status]);
    if (x.status !== tr(lang, 'พร้อม', 'ready')) row.getCell(6).font = { color: { argb: 'FFC62828' }, bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  const banner = bannerRow(r, lang);
  if (banner) ws.addRow(banner).font = { color: { argb: 'FFC62828' }, bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
