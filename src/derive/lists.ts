// Which checklist a page or site publishes: the NACC's OIT list, or a ministry's own list with its own numbering
// (MOPH's MOIT for hospitals, OBEC's ITA for schools, OVEC's O1–O23 for vocational colleges; domain §0.3, §2).
import { matchKey } from './thai-text.js';

export type ListKind = 'nacc' | 'moit' | 'obec' | 'ovec';

/** The MOPH list names itself ("MOIT 2569", "MOIT1 …"). "OIT" alone is the NACC's. */
const MOIT = /(?<![a-z])moit(?![a-z])/i;

/**
 * Office of the Vocational Education Commission: a vocational college names its kind (วิทยาลัยเทคนิค, …การอาชีพ,
 * …อาชีวศึกษา, …สารพัดช่าง, …เกษตรและเทคโนโลยี) or its commission (สอศ.); a university ("มหาวิทยาลัย") or a
 * nursing college is not one.
 */
const OVEC = /(?<!มหา)วิทยาลัย(เทคนิค|อาชีวศึกษา|การอาชีพ|สารพัดช่าง|เกษตรและเทคโนโลยี|ประมง|พาณิชยการ|บริหารธุรกิจและการท่องเที่ยว|ศิลปหัตถกรรม|การต่อเรือ)|สำนักงานคณะกรรมการการอาชีวศึกษา|(?<![ก-๙])สอศ\.?(?![ก-๙])/;

/** Office of the Basic Education Commission: a school under an educational service area (สพป./สพม.) or OBEC. */
const OBEC_BODY = /สำนักงานเขตพื้นที่การศึกษา|สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน|(?<![ก-๙])(สพป|สพม|สพฐ)\.?(?![ก-๙])/;
const SCHOOL = /โรงเรียน/;

/** The list a text (a site's home page, an index page's title and headings) says it belongs to. */
export function listOf(text: string): ListKind {
  const t = matchKey(text);
  if (MOIT.test(t)) return 'moit';
  if (OVEC.test(t)) return 'ovec';
  if (SCHOOL.test(t) && OBEC_BODY.test(t)) return 'obec';
  return 'nacc';
}

/** The list the agency's own identity implies (home page title, headings, first lines): schools and colleges only. */
export function siteListOf(text: string): Exclude<ListKind, 'moit'> {
  const t = matchKey(text);
  if (OVEC.test(t)) return 'ovec';
  if (SCHOOL.test(t) && OBEC_BODY.test(t)) return 'obec';
  return 'nacc';
}
