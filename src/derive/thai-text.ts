// Thai-aware text normalisation shared by every check that matches words in crawled or extracted text.

const THAI_DIGIT_ZERO = 0x0e50;

/** Thai digits ๐–๙ (U+0E50–U+0E59) to ASCII 0–9. */
export function thaiDigitsToAscii(s: string): string {
  return s.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - THAI_DIGIT_ZERO));
}

/**
 * NFC, the SARA AM that PDF extraction splits into NIKHAHIT + SARA AA (also with a tone mark between them),
 * and the invisible characters (zero-width space/joiners, BOM, soft hyphen) that break phrase matching.
 */
const NEEDS_WORK = /[\u0E4D\u200B-\u200D\uFEFF\u00AD\u00A0]|[ \t][\u0E31\u0E33-\u0E3A\u0E47-\u0E4E]/;

export function normaliseThai(s: string): string {
  const nfc = s.normalize('NFC');
  // Most text needs nothing more; the replacements below run on every link text of every page otherwise.
  if (!NEEDS_WORK.test(nfc)) return nfc;
  return nfc
    .replace(/[\u200B-\u200D\uFEFF\u00AD]/g, '')
    .replace(/\u0E4D([\u0E48-\u0E4B])\u0E32/g, '$1\u0E33')
    .replace(/\u0E4D\u0E32/g, '\u0E33')
    // A space never comes before a Thai vowel sign or tone mark; PDF extraction puts one there ("ค ำ").
    .replace(/[ \t]+(?=[\u0E31\u0E33-\u0E3A\u0E47-\u0E4E])/g, '')
    .replace(/\u00A0/g, ' ');
}

/** Normalised, lower-cased, ASCII digits, single spaces: the form displayed snippets and labels are compared in. */
export function matchKey(s: string): string {
  return thaiDigitsToAscii(normaliseThai(s)).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The key phrases are compared in. Thai has no spaces between words and PDF extraction inserts spurious ones
 * ("รายงาน ผล การ ดำเนินงาน"), so whitespace goes. Thai PDF fonts also emit SARA AA as NIKHAHIT+AA ("งบประมำณ"),
 * drop NIKHAHIT ("ตาบล" for ตำบล) and drop tone marks ("เจาหนาที่"), so SARA AM folds to SARA AA and tone marks
 * and NIKHAHIT go too: both sides of every comparison get the same folding.
 */
export function compactKey(s: string): string {
  return matchKey(s)
    .replace(/\s+/g, '')
    .replace(/\u0E33/g, '\u0E32')
    .replace(/[\u0E3A\u0E48-\u0E4D]/g, '');
}

/** Whether any of the phrases occurs in the text (both compared as compactKey). */
export function containsAny(compactText: string, phrases: readonly string[]): string | undefined {
  for (const p of phrases) {
    const k = compactKey(p);
    if (k && compactText.includes(k)) return p;
  }
  return undefined;
}

/** Collapse whitespace and trim; for titles, link texts and cell texts kept in artifacts. */
export function cleanText(s: string): string {
  return normaliseThai(s).replace(/\s+/g, ' ').trim();
}

/** A regular expression over compactKey text that matches any of the phrases (folded the same way). */
export function foldedPattern(phrases: readonly string[], flags = 'i'): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(${phrases.map((p) => esc(compactKey(p))).join('|')})`, flags);
}
