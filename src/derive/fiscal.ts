// The Thai fiscal year (1 Oct of N−1 to 30 Sep of N, named by BE year N) and its periods.

export const BE_OFFSET = 543;

export interface YearMonth {
  /** Buddhist-era year. */
  year: number;
  month: number;
}

export function fiscalYearOf(ym: YearMonth): number {
  return ym.month >= 10 ? ym.year + 1 : ym.year;
}

/** The fiscal year (BE) that contains an ISO date (CE). */
export function fiscalYearOfIso(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return fiscalYearOf({ year: y + BE_OFFSET, month: m });
}

/** The months of fiscal year `fy`, October first; `count` 6 gives the first six months (Oct–Mar). */
export function fiscalMonths(fy: number, count = 12): YearMonth[] {
  const out: YearMonth[] = [];
  for (let i = 0; i < count; i++) {
    const m = ((9 + i) % 12) + 1;
    out.push({ year: m >= 10 ? fy - 1 : fy, month: m });
  }
  return out;
}

/** "2565-12": the month key used in defect data. */
export function monthKey(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}

export const THAI_MONTHS = [
  'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม',
] as const;

export function monthNameTh(ym: YearMonth): string {
  return `${THAI_MONTHS[ym.month - 1]} ${ym.year}`;
}

export function isWithinFiscalYear(ym: YearMonth, fy: number): boolean {
  return fiscalYearOf(ym) === fy;
}

export function isWithinFirstSixMonths(ym: YearMonth, fy: number): boolean {
  return fiscalYearOf(ym) === fy && (ym.month >= 10 || ym.month <= 3);
}
