// Finds dates and year mentions in Thai text: BE/CE years, 2-digit BE years, Thai digits, full and abbreviated months.
import { BE_OFFSET, fiscalYearOf } from './fiscal.js';
import { normaliseThai, thaiDigitsToAscii } from './thai-text.js';

export interface ThaiDate {
  /** Buddhist-era year. */
  year: number;
  month: number;
  day?: number;
  /** Offset of the match in the normalised text, and the matched text. */
  index: number;
  raw: string;
}

// Abbreviations come with or without dots and spaces ("ม.ค.", "มค", "ม. ค."); "กรกฏาคม" is a common misspelling.
const MONTH_SOURCES: string[] = [
  'มกราคม|ม\\.?\\s?ค\\.?',
  'กุมภาพันธ์|กุมภาพันธ|ก\\.?\\s?พ\\.?',
  'มีนาคม|มี\\.?\\s?ค\\.?',
  'เมษายน|เม\\.?\\s?ย\\.?',
  'พฤษภาคม|พ\\.?\\s?ค\\.?',
  'มิถุนายน|มิ\\.?\\s?ย\\.?',
  'กรกฎาคม|กรกฏาคม|ก\\.?\\s?ค\\.?',
  'สิงหาคม|ส\\.?\\s?ค\\.?',
  'กันยายน|ก\\.?\\s?ย\\.?',
  'ตุลาคม|ต\\.?\\s?ค\\.?',
  'พฤศจิกายน|พ\\.?\\s?ย\\.?',
  'ธันวาคม|ธ\\.?\\s?ค\\.?',
];
const MONTH_MATCHERS = MONTH_SOURCES.map((src) => new RegExp(`^(?:${src})$`));
// A month word must not be the tail of another Thai word ("สมค" is not "มค"), except "เดือน" written without a space
// ("เดือนธันวาคม 2565", "ประจำเดือนธ.ค. 65").
const MONTH = `(?<!(?<!เดือ)[\\u0E01-\\u0E2E])(${MONTH_SOURCES.join('|')})`;
const ERA = '(?:พ\\.?\\s?ศ\\.?|(ค\\.?\\s?ศ\\.?))?';
const YEAR = '(\\d{4}|\\d{2})(?!\\d)';

const DAY_MONTH_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})\\s*(?:เดือน\\s*)?${MONTH}\\s*${ERA}\\s*${YEAR}`, 'g');
const MONTH_YEAR = new RegExp(`(?:เดือน\\s*)?${MONTH}\\s*${ERA}\\s*${YEAR}`, 'g');
const MONTH_DAY_COMMA_YEAR = new RegExp(`${MONTH}\\s+(\\d{1,2}),\\s*(\\d{4})(?!\\d)`, 'g');
const NUMERIC = /(?<![\d/.-])(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?![\d/])/g;

function monthNumber(word: string): number | undefined {
  const w = word.replace(/\s+/g, ' ');
  const i = MONTH_MATCHERS.findIndex((re) => re.test(w));
  return i >= 0 ? i + 1 : undefined;
}

/** A written year to BE: 4-digit BE kept, 4-digit CE (or marked ค.ศ.) +543, 2-digit read as BE 25xx. */
export function toBuddhistYear(raw: string, ce = false): number | undefined {
  const n = Number(raw);
  if (!Number.isInteger(n)) return undefined;
  if (raw.length === 2) return ce ? 2000 + n + BE_OFFSET : 2500 + n;
  if (raw.length !== 4) return undefined;
  if (ce || (n >= 1900 && n <= 2200)) return n >= 1900 && n <= 2200 ? n + BE_OFFSET : undefined;
  // Above 2700 is usually vendor code adding 543 twice (2568+543); refuse it rather than guess.
  return n >= 2400 && n <= 2700 ? n : undefined;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const ce = y - BE_OFFSET;
  const days = new Date(Date.UTC(ce, m, 0)).getUTCDate();
  return d <= days;
}

/** Prepare text for matching: Thai normalisation and ASCII digits (offsets refer to this text). */
export function dateText(s: string): string {
  return thaiDigitsToAscii(normaliseThai(s));
}

/** Every date in the text, in order of appearance. Month-only dates ("ตุลาคม 2566") come without a day. */
export function findThaiDates(input: string): ThaiDate[] {
  const text = dateText(input);
  const taken: Array<[number, number]> = [];
  const out: ThaiDate[] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const add = (d: ThaiDate, len: number) => {
    taken.push([d.index, d.index + len]);
    out.push(d);
  };

  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const month = monthNumber(m[2]!);
    const year = toBuddhistYear(m[4]!, Boolean(m[3]));
    const day = Number(m[1]);
    if (!free(m.index, m.index + m[0].length)) continue;
    if (month && year && validDay(year, month, day)) add({ year, month, day, index: m.index, raw: m[0] }, m[0].length);
    // An impossible date ("31 กุมภาพันธ์") is no date at all, not a month-only mention.
    else taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(MONTH_DAY_COMMA_YEAR)) {
    const month = monthNumber(m[1]!);
    const year = toBuddhistYear(m[3]!);
    const day = Number(m[2]);
    if (month && year && validDay(year, month, day) && free(m.index, m.index + m[0].length))
      add({ year, month, day, index: m.index, raw: m[0] }, m[0].length);
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = monthNumber(m[1]!);
    const year = toBuddhistYear(m[3]!, Boolean(m[2]));
    if (month && year && free(m.index, m.index + m[0].length)) add({ year, month, index: m.index, raw: m[0] }, m[0].length);
  }
  for (const m of text.matchAll(NUMERIC)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const [a, b, c] = [m[1]!, m[3]!, m[4]!];
    // y-m-d when the first part is a 4-digit year or cannot be a day ("66-10-01"); d/m/y otherwise.
    const ymd = a.length === 4 || (a.length === 2 && Number(a) > 31 && c.length <= 2);
    const [dRaw, mRaw, yRaw] = ymd ? [c, b, a] : [a, b, c];
    if (dRaw.length > 2 || (yRaw.length !== 2 && yRaw.length !== 4)) continue;
    const year = toBuddhistYear(yRaw);
    const month = Number(mRaw);
    const day = Number(dRaw);
    if (year && validDay(year, month, day)) add({ year, month, day, index: m.index, raw: m[0] }, m[0].length);
  }
  return out.sort((x, y) => x.index - y.index);
}

export interface YearMention {
  kind: 'fiscal' | 'range' | 'year';
  /** BE year; for a range, its first year. */
  year: number;
  /** Last year of a range (BE). */
  to?: number;
  index: number;
  raw: string;
}

const FISCAL = /ปี\s*งบ(?:ประมาณ)?\s*(?:พ\.?\s?ศ\.?)?\s*(\d{4}|\d{2})(?!\d)/g;
const RANGE = /(?<!\d)(25\d\d)\s*[-–—]\s*(25\d\d|\d\d)(?!\d)/g;
const BE_YEAR = /(?<![\d/.-])(25[4-9]\d)(?![\d/])/g;
const SHORT_AFTER_WORD = /(?:ประจำปี|ปี)\s*(?:พ\.?\s?ศ\.?)?\s*(\d{2})(?!\d)/g;

/**
 * Year mentions that say which period a document belongs to: "ปีงบประมาณ 2566", "ปีงบ 66", a plan's span
 * "2566-2570", "ประจำปี 66", and bare BE years.
 */
export function findYearMentions(input: string): YearMention[] {
  const text = dateText(input);
  const out: YearMention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const push = (m: YearMention, len: number) => {
    taken.push([m.index, m.index + len]);
    out.push(m);
  };
  for (const m of text.matchAll(FISCAL)) {
    const y = toBuddhistYear(m[1]!);
    if (y) push({ kind: 'fiscal', year: y, index: m.index, raw: m[0] }, m[0].length);
  }
  for (const m of text.matchAll(RANGE)) {
    const from = Number(m[1]);
    const to = m[2]!.length === 2 ? Math.floor(from / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (to > from && to - from <= 10 && free(m.index, m.index + m[0].length))
      push({ kind: 'range', year: from, to, index: m.index, raw: m[0] }, m[0].length);
  }
  for (const m of text.matchAll(SHORT_AFTER_WORD)) {
    const y = toBuddhistYear(m[1]!);
    if (y && free(m.index, m.index + m[0].length)) push({ kind: 'year', year: y, index: m.index, raw: m[0] }, m[0].length);
  }
  for (const m of text.matchAll(BE_YEAR)) {
    if (free(m.index, m.index + m[0].length)) push({ kind: 'year', year: Number(m[1]), index: m.index, raw: m[0] }, m[0].length);
  }
  return out.sort((a, b) => a.index - b.index);
}

export interface FiscalStatement {
  /** The fiscal year (BE) the text says it covers. */
  year: number;
  kind: 'fiscal' | 'range' | 'annual' | 'month';
  index: number;
  raw: string;
}

// "1 ตุลาคม 2564 – 30 กันยายน 2565", "ต.ค. 2567 ถึง มี.ค. 2568": two dates joined by a dash or ถึง.
const RANGE_JOIN = /^\s*(?:[-–—]|ถึง(?:วันที่)?)\s*$/;
// "รายงานผลการจัดซื้อจัดจ้างประจำปี 2565" names the fiscal year loosely (domain §5: read it as the FY).
const ANNUAL = /ประจำปี\s*(?:พ\.?\s?ศ\.?)?\s*(\d{4}|\d{2})(?!\d)/g;

/**
 * What a document says about its own period, in order of appearance: "ปีงบประมาณ พ.ศ. 2565", "ปีงบ ๖๕", a date
 * range (its end date's fiscal year), "ประจำปี 2565", "(ประจำ)เดือน ตุลาคม 2567". A bare year is not a statement:
 * menus and footers carry years of their own ("ITA 2566" on every page).
 */
export function fiscalYearStatements(input: string): FiscalStatement[] {
  const text = dateText(input);
  const out: FiscalStatement[] = [];
  for (const m of findYearMentions(input)) if (m.kind === 'fiscal') out.push({ year: m.year, kind: 'fiscal', index: m.index, raw: m.raw });
  const dates = findThaiDates(input);
  for (let i = 0; i + 1 < dates.length; i++) {
    const [a, b] = [dates[i]!, dates[i + 1]!];
    const span = b.year * 12 + b.month - (a.year * 12 + a.month);
    if (span < 0 || span > 12 || !RANGE_JOIN.test(text.slice(a.index + a.raw.length, b.index))) continue;
    out.push({ year: fiscalYearOf(b), kind: 'range', index: a.index, raw: text.slice(a.index, b.index + b.raw.length) });
  }
  for (const m of text.matchAll(ANNUAL)) {
    const y = toBuddhistYear(m[1]!);
    if (y) out.push({ year: y, kind: 'annual', index: m.index, raw: m[0] });
  }
  // "ประจำเดือน ตุลาคม 2567", "สขร.1 เดือน มีนาคม 2566": a month's report belongs to that month's fiscal year.
  for (const d of dates) if (d.day === undefined && d.raw.startsWith('เดือน')) out.push({ year: fiscalYearOf(d), kind: 'month', index: d.index, raw: d.raw });
  return out.sort((x, y) => x.index - y.index);
}

const MONTH_ABBR_TH = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const MONTH_ABBR_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date as Thai readers write it: "15 พ.ค. 2566" (BE year); in English "15 May 2023". */
export function formatDate(iso: string, lang: 'th' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return iso;
  return lang === 'en' ? `${d} ${MONTH_ABBR_EN[mo - 1]} ${y}` : `${d} ${MONTH_ABBR_TH[mo - 1]} ${y + BE_OFFSET}`;
}

// Thailand keeps one offset all year (no daylight saving); Intl still does the arithmetic so the zone is named once.
const BANGKOK = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * An instant (an ISO timestamp, usually UTC) as a wall-clock time in Asia/Bangkok: "15 พ.ค. 2566 เวลา 08:01 น.";
 * in English "15 May 2023, 08:01 (Bangkok time)". Not a timestamp: returned as given.
 */
export function formatInstant(iso: string, lang: 'th' | 'en'): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const p = Object.fromEntries(BANGKOK.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const date = formatDate(`${p.year}-${p.month}-${p.day}`, lang);
  return lang === 'en' ? `${date}, ${p.hour}:${p.minute} (Bangkok time)` : `${date} เวลา ${p.hour}:${p.minute} น.`;
}
