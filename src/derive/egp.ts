// e-GP project numbers: finding them in tables and text, normalising Thai digits, and judging their form.
import type { Document, Page, Table } from '../model/artifacts.js';
import { fiscalYearStatements } from './thai-date.js';
import { compactKey, foldedPattern, thaiDigitsToAscii } from './thai-text.js';

export interface EgpFinding {
  /** As published. */
  value: string;
  /** Thai digits to ASCII, spaces and dashes removed. */
  normalized: string;
  /** How many digits the normalised value has (a "not 11 digits" message says how many it found). */
  digits: number;
  valid: boolean;
  /**
   * The row as the document numbers it: the ลำดับ / ที่ / No. cell; else a spreadsheet's own row number; else the
   * data-row index (1 = the first row after the header). In extracted text, the line.
   */
  row: number | string;
  /** 1-based data row (header rows not counted). */
  dataRow?: number;
  /** The spreadsheet's own row number. */
  sheetRow?: number;
  table?: number;
  /**
   * Why it is odd: `length` and `not-digits` make it invalid (the assessors' rule is 11 digits); `year-prefix` (11
   * digits, a first two far from the document's fiscal year) is only a warning.
   */
  problem?: 'length' | 'not-digits' | 'year-prefix';
  /** The fiscal year whose FY−1..FY+1 window the prefix was compared with, and where that year came from. */
  fiscalYear?: number;
  yearFrom?: 'document' | 'assessed';
}

export function normaliseEgp(raw: string): string {
  return thaiDigitsToAscii(raw).replace(/[\s\-–.\u200B]/g, '');
}

/** The rule the assessors apply: 11 digits after Thai digits are converted and spaces and dashes stripped. */
export function isValidEgp(raw: string): boolean {
  return /^\d{11}$/.test(normaliseEgp(raw));
}

/**
 * A project is numbered when created: one made in Oct–Dec of N−1 carries prefix N−1 but belongs to FY N, and a
 * table of FY N often lists projects created early in N+1's budget cycle; so N−1, N and N+1 are all plausible.
 */
export function plausiblePrefix(normalized: string, fiscalYear: number): boolean {
  const prefix = Number(normalized.slice(0, 2));
  return [fiscalYear - 1, fiscalYear, fiscalYear + 1].some((y) => y % 100 === prefix);
}

// The e-GP project-number column; the contract control number and the agency's own contract number are different.
// Header words are compared as compactKey (tone marks folded away), so the patterns are folded the same way.
const folded = foldedPattern;
const EGP_HEADER = folded(['เลขที่โครงการ', 'เลขโครงการ', 'รหัสโครงการ', 'e-gp', 'egp']);
const NOT_EGP_HEADER = folded(['เลขคุมสัญญา', 'เลขที่สัญญา', 'สัญญาเลขที่', 'ใบสั่ง']);
const PROCUREMENT_HEADER = folded(['จัดซื้อ', 'จัดจ้าง', 'ราคากลาง', 'วงเงิน', 'ผู้ได้รับคัดเลือก', 'ผู้ชนะ']);
// The column a document numbers its rows by (a whole header cell, so "เลขที่โครงการ" is not "ที่").
const ROW_NUMBER_HEADERS = new Set(['ลำดับ', 'ลำดับที่', 'ที่', 'no', 'no.', '#', 'ลำดับ/ที่'].map(compactKey));
// Rows that are not projects: a totals row ("รวม 30 โครงการ", "รวมทั้งสิ้น") and notes under the table.
const NOT_A_PROJECT = new RegExp(`^(?:${['รวม', 'ยอดรวม', 'ผลรวม', 'หมายเหตุ', 'ที่มา', 'ข้อมูล ณ', 'total', 'note:', 'remark', '*'].map((p) => compactKey(p).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'i');

export function findEgpColumn(table: Table): { headerRow: number; column: number } | undefined {
  const limit = Math.min(table.rows.length, 5);
  for (let r = 0; r < limit; r++) {
    const row = table.rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = compactKey(row[c]!);
      if (EGP_HEADER.test(cell) && !NOT_EGP_HEADER.test(cell)) return { headerRow: r, column: c };
    }
  }
  return undefined;
}

/** The ลำดับ / ที่ / No. column, in the e-GP header row or a header row above it (a two-row header). */
function rowNumberColumn(table: Table, headerRow: number): number | undefined {
  for (let r = headerRow; r >= 0; r--) {
    const c = table.rows[r]!.findIndex((cell) => ROW_NUMBER_HEADERS.has(compactKey(cell)));
    if (c >= 0) return c;
  }
  return undefined;
}

/** A row of column numbers under the header ("(1) (2) … (16)" or "1 2 … 16"): still the header. */
function isColumnNumberRow(row: readonly string[]): boolean {
  const cells = row.map((c) => thaiDigitsToAscii(c).trim()).filter(Boolean);
  if (cells.length < 3) return false;
  if (cells.every((c) => /^\(\d{1,2}\)$/.test(c))) return true;
  return cells.every((c, i) => c === String(i + 1));
}

function isNotAProject(row: readonly string[], egpCell: string): boolean {
  const first = row.find((c) => c.trim() !== '') ?? '';
  return NOT_A_PROJECT.test(compactKey(first)) || NOT_A_PROJECT.test(compactKey(egpCell));
}

/** The ลำดับ cell as the document writes it: "7" → 7, "๗." → 7, "1.1" stays a string; blank → undefined. */
function rowLabel(cell: string | undefined): number | string | undefined {
  const v = thaiDigitsToAscii(cell ?? '').trim();
  if (/^\d{1,5}\.?$/.test(v)) return Number(v.replace('.', ''));
  return v && v.length <= 8 && /\d/.test(v) ? v : undefined;
}

/** The fiscal year whose FY−1..FY+1 window e-GP prefixes are judged against, and where it came from. */
export interface EgpWindow {
  fiscalYear?: number;
  yearFrom?: 'document' | 'assessed';
}

function judge(value: string, at: Pick<EgpFinding, 'row' | 'dataRow' | 'sheetRow' | 'table'>, window: EgpWindow): EgpFinding {
  const normalized = normaliseEgp(value);
  let problem: EgpFinding['problem'];
  if (!/^\d+$/.test(normalized)) problem = 'not-digits';
  else if (normalized.length !== 11) problem = 'length';
  else if (window.fiscalYear !== undefined && !plausiblePrefix(normalized, window.fiscalYear)) problem = 'year-prefix';
  // A wrong year prefix is worth a warning, not a zero: the assessors' stated rule is the 11 digits.
  const valid = problem === undefined || problem === 'year-prefix';
  const finding: EgpFinding = { value, normalized, digits: normalized.replace(/\D/g, '').length, valid, row: at.row };
  if (at.dataRow !== undefined) finding.dataRow = at.dataRow;
  if (at.sheetRow !== undefined) finding.sheetRow = at.sheetRow;
  if (at.table !== undefined) finding.table = at.table;
  if (problem) finding.problem = problem;
  if (window.fiscalYear !== undefined) finding.fiscalYear = window.fiscalYear;
  if (window.yearFrom) finding.yearFrom = window.yearFrom;
  return finding;
}

/**
 * Every e-GP number in the tables' e-GP columns. Blank cells and "-" are skipped (no project), and so are totals
 * and notes rows. `fiscalYear` is the year whose window the prefixes are judged against (none: not judged), or a
 * function giving it per table (each table may state its own year).
 */
export function egpFromTables(tables: readonly Table[], fiscalYear?: number | ((table: Table, headerRow: number, index: number) => EgpWindow)): EgpFinding[] {
  const out: EgpFinding[] = [];
  tables.forEach((table, t) => {
    const col = findEgpColumn(table);
    if (!col) return;
    const window: EgpWindow = typeof fiscalYear === 'function' ? fiscalYear(table, col.headerRow, t) : fiscalYear !== undefined ? { fiscalYear } : {};
    const numberCol = rowNumberColumn(table, col.headerRow);
    let first = col.headerRow + 1;
    while (first < table.rows.length && isColumnNumberRow(table.rows[first]!)) first++;
    let lastLabel: number | string | undefined;
    for (let r = first; r < table.rows.length; r++) {
      const row = table.rows[r]!;
      const label = numberCol === undefined ? undefined : rowLabel(row[numberCol]);
      // A project spread over two rows has its ลำดับ only on the first (a merged cell).
      if (label !== undefined) lastLabel = label;
      const value = (row[col.column] ?? '').trim();
      if (!value || /^[-–—]+$/.test(value) || !/[\d\u0E50-\u0E59]/.test(value)) continue;
      if (label === undefined && isNotAProject(row, value)) continue;
      const dataRow = r - first + 1;
      const sheetRow = table.rowNumbers?.[r];
      const cited = lastLabel ?? sheetRow ?? dataRow;
      out.push(judge(value, { row: cited, dataRow, sheetRow, table: t }, window));
    }
  });
  return out;
}

const EGP_IN_TEXT = /(?:เลขที่โครงการ|เลขโครงการ|e-?GP)\s*(?:\(e-?GP\))?\s*(?:ที่|เลขที่)?\s*[:：]?\s*([0-9\u0E50-\u0E59][0-9\u0E50-\u0E59 -]{6,18}[0-9\u0E50-\u0E59])/gi;

/** e-GP numbers written after a label in running text (PDF text, paragraphs). */
export function egpFromText(text: string, fiscalYear?: number | EgpWindow): EgpFinding[] {
  const window: EgpWindow = typeof fiscalYear === 'number' ? { fiscalYear } : (fiscalYear ?? {});
  const out: EgpFinding[] = [];
  const lines = text.split(/\n/);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(EGP_IN_TEXT)) out.push(judge(m[1]!.trim(), { row: i + 1 }, window));
  });
  return out;
}

/** Whether a table looks like a procurement table at all (so a missing e-GP column can be reported). */
export function isProcurementTable(table: Table): boolean {
  const head = compactKey(table.rows.slice(0, 3).flat().join(' '));
  return PROCUREMENT_HEADER.test(head);
}

// How far above a table its own heading or period line is looked for in the page text (menus come before that).
const NEAR_TABLE_CHARS = 600;
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const lastStated = (text: string) => fiscalYearStatements(text).at(-1)?.year;
const firstStated = (text: string) => fiscalYearStatements(text)[0]?.year;

export interface EgpSource {
  /** Page <title> or the document's own title. */
  title?: string;
  headings?: readonly string[];
  text: string;
  tables: readonly Table[];
  /** Documents have no menus: their whole opening may be read for a year; a page's is the site's menu. */
  kind: 'page' | 'document';
}

/**
 * The fiscal year a table belongs to, from the document itself (an annual report on FY2565 read in FY2566 lists
 * 64…/65… numbers): the table's own title rows and header, else the text just above it, else the title, else the
 * headings (a page) or the opening text (a document). Undefined when the document states none.
 */
function statedYearOfTable(src: EgpSource, table: Table, headerRow: number, cursor: { text: string; from: number }): number | undefined {
  const own = lastStated(table.rows.slice(0, headerRow + 1).map((r) => r.join(' ')).join('\n'));
  if (own !== undefined) return own;
  const head = collapse(table.rows[headerRow]!.join(' '));
  const at = head ? cursor.text.indexOf(head, cursor.from) : -1;
  if (at >= 0) {
    cursor.from = at + head.length;
    const near = lastStated(cursor.text.slice(Math.max(0, at - NEAR_TABLE_CHARS), at));
    if (near !== undefined) return near;
  }
  return statedYearOfSource(src);
}

function statedYearOfSource(src: EgpSource): number | undefined {
  return (
    (src.title ? firstStated(src.title) : undefined) ??
    (src.kind === 'page' ? firstStated((src.headings ?? []).join('\n')) : firstStated(src.text.slice(0, 3000)))
  );
}

/**
 * Every e-GP number of a page (its tables) or a document (its tables, or its text when it has none), each judged
 * against the fiscal year the document states for itself, or the assessed year when it states none.
 */
export function egpFromSource(src: EgpSource, assessedFiscalYear: number): EgpFinding[] {
  const windowOf = (stated: number | undefined): EgpWindow =>
    stated !== undefined ? { fiscalYear: stated, yearFrom: 'document' } : { fiscalYear: assessedFiscalYear, yearFrom: 'assessed' };
  if (src.tables.length) {
    const cursor = { text: collapse(src.text), from: 0 };
    return egpFromTables(src.tables, (table, headerRow) => windowOf(statedYearOfTable(src, table, headerRow, cursor)));
  }
  return src.kind === 'document' ? egpFromText(src.text, windowOf(statedYearOfSource(src))) : [];
}

export const pageSource = (p: Page): EgpSource => ({ kind: 'page', title: p.title, headings: p.headings.map((h) => h.text), text: p.text, tables: p.tables });
export const documentSource = (d: Document): EgpSource => ({ kind: 'document', ...(d.meta.title ? { title: d.meta.title } : {}), text: d.text, tables: d.tables });

/** A finding as defect data: where (row as the document numbers it, table), what, and why. */
export function egpDefectData(f: EgpFinding): Record<string, unknown> {
  return {
    value: f.value,
    normalized: f.normalized,
    digits: f.digits,
    row: f.row,
    ...(f.dataRow !== undefined ? { dataRow: f.dataRow } : {}),
    ...(f.sheetRow !== undefined ? { sheetRow: f.sheetRow } : {}),
    ...(f.table !== undefined ? { table: f.table + 1 } : {}),
    ...(f.problem ? { problem: f.problem } : {}),
    ...(f.fiscalYear !== undefined ? { fiscalYear: f.fiscalYear, yearFrom: f.yearFrom } : {}),
  };
}
