// e-GP project numbers: finding them in tables and text, normalising Thai digits, and judging their form.
import type { Table } from '../model/artifacts.js';
import { compactKey, foldedPattern, thaiDigitsToAscii } from './thai-text.js';

export interface EgpFinding {
  /** As published. */
  value: string;
  /** Thai digits to ASCII, spaces and dashes removed. */
  normalized: string;
  valid: boolean;
  /** 1-based row number within the table (header rows counted), or the line in extracted text. */
  row: number;
  table?: number;
  /** Why it is invalid: length, non-digit, or a year prefix implausible for the fiscal year. */
  problem?: 'length' | 'not-digits' | 'year-prefix';
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

function judge(value: string, row: number, fiscalYear: number | undefined, table?: number): EgpFinding {
  const normalized = normaliseEgp(value);
  let problem: EgpFinding['problem'];
  if (!/^\d+$/.test(normalized)) problem = 'not-digits';
  else if (normalized.length !== 11) problem = 'length';
  else if (fiscalYear !== undefined && !plausiblePrefix(normalized, fiscalYear)) problem = 'year-prefix';
  // A wrong year prefix is worth a warning, not a zero: the assessors' stated rule is the 11 digits.
  const valid = problem === undefined || problem === 'year-prefix';
  return { value, normalized, valid, row, ...(table !== undefined ? { table } : {}), ...(problem ? { problem } : {}) };
}

/** Every e-GP number in the tables' e-GP columns. Blank cells and "-" are skipped (no project). */
export function egpFromTables(tables: readonly Table[], fiscalYear?: number): EgpFinding[] {
  const out: EgpFinding[] = [];
  tables.forEach((table, t) => {
    const col = findEgpColumn(table);
    if (!col) return;
    for (let r = col.headerRow + 1; r < table.rows.length; r++) {
      const value = (table.rows[r]![col.column] ?? '').trim();
      if (!value || /^[-–—]+$/.test(value) || !/[\d\u0E50-\u0E59]/.test(value)) continue;
      out.push(judge(value, r + 1, fiscalYear, t));
    }
  });
  return out;
}

const EGP_IN_TEXT = /(?:เลขที่โครงการ|เลขโครงการ|e-?GP)\s*(?:\(e-?GP\))?\s*(?:ที่|เลขที่)?\s*[:：]?\s*([0-9\u0E50-\u0E59][0-9\u0E50-\u0E59 -]{6,18}[0-9\u0E50-\u0E59])/gi;

/** e-GP numbers written after a label in running text (PDF text, paragraphs). */
export function egpFromText(text: string, fiscalYear?: number): EgpFinding[] {
  const out: EgpFinding[] = [];
  const lines = text.split(/\n/);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(EGP_IN_TEXT)) out.push(judge(m[1]!.trim(), i + 1, fiscalYear));
  });
  return out;
}

/** Whether a table looks like a procurement table at all (so a missing e-GP column can be reported). */
export function isProcurementTable(table: Table): boolean {
  const head = compactKey(table.rows.slice(0, 3).flat().join(' '));
  return PROCUREMENT_HEADER.test(head);
}
