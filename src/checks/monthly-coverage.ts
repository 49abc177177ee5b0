// monthly-coverage: one summary per month of the period (Oct–Mar), an empty month stated as such.
import { z } from 'zod';
import type { Document, Page, Table } from '../model/artifacts.js';
import { fiscalMonths, monthKey, monthNameTh, THAI_MONTHS, type YearMonth } from '../derive/fiscal.js';
import { fileNameMonths, monthLabel, namedMonths } from '../derive/named-months.js';
import { compactKey, containsAny, foldedPattern, matchKey } from '../derive/thai-text.js';
import { decodeName } from './corpus.js';
import type { Check, EvidenceTarget } from './types.js';

/** A month is due once it has ended by the assessment date. */
function ended(ym: YearMonth, asOf: string): boolean {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const asOfIndex = (y + 543) * 12 + (m - 1);
  return ym.year * 12 + (ym.month - 1) < asOfIndex;
}

const DOC_TEXT_LIMIT = 200_000;

// A summary's own title says what it is ("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน…", "แบบ สขร.1 ประจำเดือน…",
// "รายการการจัดซื้อจัดจ้าง… ประจำเดือน…"); a procurement row that names a month ("จ้างเหมาบริการ ประจำเดือน
// ธันวาคม 2565") does not, and carries amounts or e-GP numbers.
const SUMMARY_TITLE = foldedPattern(['สรุปผล', 'สขร', 'รายการจัดซื้อ', 'รายการการจัดซื้อ', 'รายงานผลการจัดซื้อ', 'รายงานผลจัดซื้อ', 'ผลการดำเนินการจัดซื้อ']);
const ROW_FIGURES = /\d{1,3}(?:,\d{3})+|\d\.\d\d(?!\d)|\d{5,}/;

function titleLineMonths(line: string): YearMonth[] {
  return SUMMARY_TITLE.test(compactKey(line)) && !ROW_FIGURES.test(matchKey(line)) ? namedMonths(line) : [];
}

/**
 * Months that lines of text show: a summary's title line, and a "ไม่มีการจัดซื้อจัดจ้าง" statement naming its month or
 * standing under a line that is only a month ("เดือนธันวาคม 2565" / "- ไม่มีการจัดซื้อจัดจ้าง -").
 */
function lineMonths(text: string, emptyPhrases: readonly string[]): YearMonth[] {
  const out: YearMonth[] = [];
  let label: YearMonth | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    out.push(...titleLineMonths(line));
    if (emptyPhrases.length && containsAny(compactKey(line), emptyPhrases)) {
      const own = namedMonths(line);
      out.push(...(own.length ? own : label ? [label] : []));
    }
    label = monthLabel(line);
  }
  return out;
}

/** Rows whose first word is a month ("ธันวาคม 2565 | 5 โครงการ | 250,000"): one row per month of a yearly sheet. */
function tableMonths(tables: readonly Table[], emptyPhrases: readonly string[]): YearMonth[] {
  const out: YearMonth[] = [];
  for (const tb of tables) {
    for (const row of tb.rows) {
      const cells = row.map((c) => c.trim()).filter((c) => c && c !== '-');
      const first = cells.findIndex((c) => !/^[\d.\s]+$/.test(c));
      if (first < 0) continue;
      const ym = monthLabel(cells[first]!);
      const rest = cells.slice(first + 1);
      if (ym && rest.length) out.push(ym);
      else if (!ym && emptyPhrases.length && containsAny(compactKey(row.join(' ')), emptyPhrases)) out.push(...namedMonths(row.join(' ')));
    }
  }
  return out;
}

function documentMonths(d: Document, emptyPhrases: readonly string[]): YearMonth[] {
  return [...namedMonths(d.meta.title ?? ''), ...fileNameMonths(decodeName(d.url)), ...lineMonths(d.text.slice(0, DOC_TEXT_LIMIT), emptyPhrases), ...tableMonths(d.tables, emptyPhrases)];
}

/** A single month named around a link (its table row or the heading above it), for links that only say "ดาวน์โหลด". */
function onlyMonth(text: string | undefined): YearMonth[] {
  const ms = text ? namedMonths(text) : [];
  return ms.length === 1 ? ms : [];
}

function pageMonths(p: Page, emptyPhrases: readonly string[]): YearMonth[] {
  // Headings count when they name the month; the page's running text only through summary titles and statements
  // (a menu or archive list of months, or a date in a news line, is not a month's summary).
  return [...namedMonths(p.title), ...p.headings.flatMap((h) => namedMonths(h.text)), ...lineMonths(p.text, emptyPhrases), ...tableMonths(p.tables, emptyPhrases)];
}

/**
 * The months the evidence really has a summary for: a file or link whose title names the month, a heading or a
 * summary title naming it, a row of a monthly table, or a "no procurement" statement for it. A month merely
 * mentioned (a contract date inside another month's file, "ณ วันที่ 5 ธันวาคม 2565", a menu) is not coverage.
 */
export function coveredMonths(t: EvidenceTarget, emptyPhrases: readonly string[]): YearMonth[] {
  const out: YearMonth[] = [];
  if (t.page) out.push(...pageMonths(t.page, emptyPhrases));
  if (t.document) out.push(...documentMonths(t.document, emptyPhrases));
  for (const c of t.children) {
    const own = [...namedMonths(c.anchor), ...fileNameMonths(decodeName(c.url))];
    if (!own.length) {
      const around = t.page?.links.find((l) => l.url === c.url);
      own.push(...onlyMonth(around?.context), ...(around?.context ? [] : onlyMonth(around?.heading)));
    }
    out.push(...own);
    if (c.document) out.push(...documentMonths(c.document, emptyPhrases));
  }
  return out;
}

/** Text where a "no procurement" statement may sit, for the note when it is not tied to a missing month. */
function statementText(t: EvidenceTarget): string {
  return [t.page?.text ?? '', t.document?.text.slice(0, DOC_TEXT_LIMIT) ?? '', ...t.children.map((c) => c.document?.text.slice(0, DOC_TEXT_LIMIT) ?? '')].join('\n');
}

export const monthlyCoverage: Check<{ months: number; emptyPhrases: string[] }> = {
  id: 'monthly-coverage',
  description: 'Every month of the period has its own summary; a month without purchases says "ไม่มีการจัดซื้อจัดจ้าง".',
  options: z.strictObject({ months: z.number().int().min(1).max(12), emptyPhrases: z.array(z.string().min(1)).default([]) }),
  defects: ['month-missing', 'scanned-document'],
  run(ctx, { months, emptyPhrases }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const due = fiscalMonths(ctx.fiscalYear, months).filter((ym) => ended(ym, ctx.asOf));
    if (due.length === 0) return { status: 'pass', defects: [], note: { code: 'no-month-due', data: {} } };
    const seen = new Set(ctx.targets.flatMap((t) => coveredMonths(t, emptyPhrases)).map(monthKey));
    const missing = due.filter((ym) => !seen.has(monthKey(ym)));
    if (missing.length === 0) return { status: 'pass', defects: [] };
    const emptyStated = ctx.targets.some((t) => containsAny(compactKey(statementText(t)), emptyPhrases));
    const scanned = ctx.targets.flatMap((t) => t.children.map((c) => c.document).filter((d) => d?.hasTextLayer === false));
    if (scanned.length && seen.size === 0)
      return { status: 'cant-tell', defects: scanned.map((d) => ({ kind: 'scanned-document' as const, url: d!.url })) };
    return {
      status: 'fail',
      defects: missing.map((ym) => ({
        kind: 'month-missing' as const,
        url: ctx.targets[0]!.evidence.url,
        data: { month: monthKey(ym), monthTh: monthNameTh(ym), monthNumber: ym.month, year: ym.year, monthName: THAI_MONTHS[ym.month - 1] },
      })),
      ...(emptyStated ? { note: { code: 'empty-month-unlinked', data: {} } } : {}),
    };
  },
};
