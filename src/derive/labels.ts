// Reads OIT item labels as agencies write them: O1, o1, OIT 24, O.1, 029 (a zero for the letter O), ข้อ ๑, ข้อ o1.
import { matchKey } from './thai-text.js';

export interface ItemLabel {
  /** The item number (O-number). */
  n: number;
  /** `moit` marks the Ministry of Public Health's own MOIT list, which must not be scored against NACC rules. */
  style: 'o' | 'oit' | 'zero' | 'kho' | 'moit';
  raw: string;
}

const LABEL =
  /(?<![a-z0-9])(?:(moit)\s*[-.]?\s*|(oit)\s*[-.]?\s*|(o)\s*[-.]?\s*|(0)(?=\d{2}(?!\d))|(ข้อ(?:ที่)?)\s*(?:o\s*[-.]?\s*)?)(\d{1,2})(?![\d.]\d)/;

/**
 * The item label a text starts with ("O12 รายงาน…", "ข้อ ๑๒", "029 สถิติ…"). Only labels near the start count:
 * an "o1" deep inside a sentence is not a label.
 */
export function parseItemLabel(text: string, maxOffset = 12): ItemLabel | undefined {
  const key = matchKey(text);
  const m = LABEL.exec(key);
  if (!m || m.index > maxOffset) return undefined;
  const n = Number(m[6]);
  if (n < 1 || n > 60) return undefined;
  const style = m[1] ? 'moit' : m[2] ? 'oit' : m[3] ? 'o' : m[4] ? 'zero' : 'kho';
  return { n, style, raw: m[0] };
}

export function itemId(n: number): string {
  return `O${n}`;
}
