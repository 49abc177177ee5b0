// Thai-aware text normalisation shared by every check that matches words in crawled or extracted text.

const THAI_DIGIT_ZERO = 0x0e50;

/** Thai digits ๐–๙ (U+0E50–U+0E59) to ASCII 0–9. */
export function thaiDigitsToAscii(s: string): string {
  return s.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - THAI_DIGIT_ZERO));
}

/**
 * The "shifted" positional glyphs Thai fonts without OpenType positioning carry in the Private Use Area, back to the
 * characters they draw. PDFs made from Word with such fonts (Angsana/Cordia New, TH Sarabun and their kin) map these
 * glyphs to their PUA code points, so "ข้อ" is extracted as "ข\uF70Bอ" and every phrase with a tone mark fails to match.
 * Source: HarfBuzz, src/hb-ot-shaper-thai.cc, thai_pua_shape(): the Windows (win_pua, U+F700–U+F71A) and Mac
 * (mac_pua, U+F884–U+F89E) columns of its SD (shift down), SDL (shift down-left), SL (shift left) and RD (consonant
 * without its descender) tables, which follow the fallback shaping described at https://linux.thai.net/~thep/th-otf/shaping.html.
 * Each row: the real character, then its shifted forms.
 */
const SHIFTED_GLYPHS: ReadonlyArray<readonly [number, ...number[]]> = [
  [0x0e10, 0xf700, 0xf89e], // THO THAN without descender (RD)
  [0x0e0d, 0xf70f, 0xf89a], // YO YING without descender (RD)
  [0x0e31, 0xf710, 0xf884], // MAI HAN-AKAT (SL)
  [0x0e34, 0xf701, 0xf885], // SARA I (SL)
  [0x0e35, 0xf702, 0xf886], // SARA II (SL)
  [0x0e36, 0xf703, 0xf887], // SARA UE (SL)
  [0x0e37, 0xf704, 0xf888], // SARA UEE (SL)
  [0x0e38, 0xf718, 0xf89b], // SARA U (SD)
  [0x0e39, 0xf719, 0xf89c], // SARA UU (SD)
  [0x0e3a, 0xf71a, 0xf89d], // PHINTHU (SD)
  [0x0e47, 0xf712, 0xf889], // MAITAIKHU (SL)
  //        Windows SD, SDL, SL;    Mac SD, SDL, SL
  [0x0e48, 0xf70a, 0xf705, 0xf713, 0xf88b, 0xf88c, 0xf88a], // MAI EK
  [0x0e49, 0xf70b, 0xf706, 0xf714, 0xf88e, 0xf88f, 0xf88d], // MAI THO
  [0x0e4a, 0xf70c, 0xf707, 0xf715, 0xf891, 0xf892, 0xf890], // MAI TRI
  [0x0e4b, 0xf70d, 0xf708, 0xf716, 0xf894, 0xf895, 0xf893], // MAI CHATTAWA
  [0x0e4c, 0xf70e, 0xf709, 0xf717, 0xf897, 0xf898, 0xf896], // THANTHAKHAT
  [0x0e4d, 0xf711, 0xf899], // NIKHAHIT (SL)
];
const UNSHIFT = new Map(SHIFTED_GLYPHS.flatMap(([real, ...forms]) => forms.map((f) => [String.fromCharCode(f), String.fromCharCode(real)] as const)));
const SHIFTED_RE = /[\uF700-\uF71A\uF884-\uF89E]/g;

/**
 * Positional glyphs unshifted (before NFC, so the marks get their canonical order), NFC, SARA AM that PDF extraction
 * splits into NIKHAHIT + SARA AA (also with a tone mark or a space between them, or a space in place of the NIKHAHIT:
 * "ส านัก"), SARA E typed twice for SARA AE ("เเผน"), and the invisible characters (zero-width space/joiners, word
 * joiner, BOM, soft hyphen) that break phrase matching.
 */
const NEEDS_WORK = /[\u0E4D\u200B-\u200D\u2060\uFEFF\u00AD\u00A0]|\u0E40\u0E40|[ \t][\u0E31-\u0E3A\u0E47-\u0E4E]/;

export function normaliseThai(s: string): string {
  const nfc = s.replace(SHIFTED_RE, (c) => UNSHIFT.get(c) ?? c).normalize('NFC');
  // Most text needs nothing more; the replacements below run on every link text of every page otherwise.
  if (!NEEDS_WORK.test(nfc)) return nfc;
  return nfc
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\u00A0/g, ' ')
    .replace(/\u0E40\u0E40/g, '\u0E41')
    // A space never comes before a Thai vowel sign or tone mark; PDF extraction puts one there ("ค ำ").
    .replace(/[ \t]+(?=[\u0E31\u0E33-\u0E3A\u0E47-\u0E4E])/g, '')
    .replace(/\u0E4D[ \t]*([\u0E48-\u0E4B]?)[ \t]*\u0E32/g, '$1\u0E33')
    // A space between a consonant (and its tone mark) and SARA AA is where extraction lost the NIKHAHIT of SARA AM:
    // "ส านัก", "ค าสั่ง", "ด าเนินการ". SARA AA never follows a space in Thai text.
    .replace(/([\u0E01-\u0E2E][\u0E48-\u0E4B]?)[ \t]+\u0E32/g, '$1\u0E33')
    // Marks a removed character or space kept apart are now neighbours: put them in canonical order.
    .normalize('NFC');
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
