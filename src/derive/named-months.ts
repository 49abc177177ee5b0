// Which month a title names ("สขร.1 ธ.ค. 65", "ประจำเดือน ธันวาคม 2565", skr1-2565-12.xlsx), as opposed to a date that
// merely mentions a month ("ณ วันที่ 5 ธันวาคม 2565", "ข้อมูล ณ ธันวาคม 2565", "ต.ค. 65 – มี.ค. 66").
import type { YearMonth } from './fiscal.js';
import { dateText, findThaiDates, type ThaiDate } from './thai-date.js';

// A month after these words is a reference point ("as of", "dated", "until", "since"), not what a title is about.
const REFERENCE_BEFORE = /(?:ณ|ลงวันที่|เมื่อ|ถึง|ตั้งแต่|จนถึง|ภายใน|ก่อน|หลัง)\s*(?:วันที่|เดือน)?\s*$/;
const RANGE_AFTER = /^\s*(?:[-–—]|ถึง|จนถึง)\s*/;
const RANGE_BEFORE = /(?:[-–—]|ถึง)\s*(?:เดือน)?\s*$/;

// The form's own number is no day: "สขร.1 ธ.ค. 65" is December's form, not 1 December.
const FORM_NUMBER = /(สขร\.?\s?)1(?!\d)/g;

/** Month-and-year mentions without a day, in order, each with whether it is the month the text is about. */
function monthMentions(text: string): { t: string; mentions: Array<{ d: ThaiDate; named: boolean }> } {
  const t = dateText(text).replace(FORM_NUMBER, '$1 ');
  const all = findThaiDates(t);
  const mentions = all
    .filter((d) => d.day === undefined)
    .map((d) => {
      const before = t.slice(Math.max(0, d.index - 16), d.index);
      const after = t.slice(d.index + d.raw.length);
      const next = all.find((x) => x.index >= d.index + d.raw.length);
      // "ต.ค. 65 – มี.ค. 66" is a span: neither end is a month the document covers by itself.
      const rangeStart = RANGE_AFTER.test(after) && next !== undefined && next.index - (d.index + d.raw.length) <= 8;
      const named = !REFERENCE_BEFORE.test(before) && !RANGE_BEFORE.test(before) && !rangeStart;
      return { d, named };
    });
  return { t, mentions };
}

/** The months a title, link text or heading names (no day, not "ณ …", not the ends of a span). */
export function namedMonths(title: string): YearMonth[] {
  return uniqueMonths(monthMentions(title).mentions.filter((m) => m.named).map((m) => ({ year: m.d.year, month: m.d.month })));
}

// What may stand around a month that a line is nothing but: numbering, "เดือน", "ประจำเดือน", "ในรอบเดือน", brackets.
const MONTH_ONLY_AROUND = /^[\s\d.)(\-–•*:]*(?:(?:ใน)?(?:รอบ|ประจำ)?\s*)?$/;

/**
 * The month a short text is nothing but ("ธันวาคม 2565", "เดือนธันวาคม ๒๕๖๕", "2. ประจำเดือน ธ.ค. 65"): a heading
 * or a table cell that labels a month. Undefined for anything longer ("จ้างเหมาบริการ ประจำเดือน ธันวาคม 2565").
 */
export function monthLabel(text: string): YearMonth | undefined {
  const { t, mentions: ms } = monthMentions(text.trim());
  if (ms.length !== 1 || !ms[0]!.named) return undefined;
  const { d } = ms[0]!;
  const before = t.slice(0, d.index).replace(/เดือน\s*$/, '');
  const after = t.slice(d.index + d.raw.length);
  return MONTH_ONLY_AROUND.test(before) && /^[\s.)(:\-–]*$/.test(after) ? { year: d.year, month: d.month } : undefined;
}

// skr1-2565-12.xlsx, สขร_2566_01.pdf: a Buddhist-era year and a month number in a file name.
const NAME_YEAR_MONTH = /(?<!\d)(25\d\d)[-_. ](0?[1-9]|1[0-2])(?!\d)/g;

/** The months a file name names: Thai month words as in a title, and "2565-12"-style year-month numbers. */
export function fileNameMonths(name: string): YearMonth[] {
  const out = namedMonths(name);
  for (const m of dateText(name).matchAll(NAME_YEAR_MONTH)) out.push({ year: Number(m[1]), month: Number(m[2]) });
  return uniqueMonths(out);
}

function uniqueMonths(ms: YearMonth[]): YearMonth[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const k = `${m.year}-${m.month}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
