// Thai wording of every notice code (warnings, errors, CLI lines, alerts). English twin: en.ts.
import { TH_DEFECTS } from './th-defects.js';
import { TH_UI } from './th-ui.js';
import { TH_SERVE } from './th-serve.js';
import type { Phrasebook } from './say.js';
import { movesText } from './moves.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

const LIMIT: Record<string, string> = { pages: 'จำนวนหน้า', depth: 'ความลึกของลิงก์', documents: 'จำนวนไฟล์', time: 'เวลา' };

export const TH: Phrasebook = {
  ...TH_DEFECTS,
  ...TH_UI,
  ...TH_SERVE,
  'site-unreachable': (d) =>
    `เข้าเว็บไซต์ ${s(d.url)} ไม่ได้: ${d.status ? `ตอบกลับด้วยรหัส ${s(d.status)}` : ERROR_TH[s(d.error)] ?? `เชื่อมต่อไม่ได้ (${s(d.error)})`} จึงไม่ได้ตรวจและไม่คิดคะแนน`,
  'budget-hit': (d) => `การไล่อ่านหยุดที่${LIMIT[s(d.limit)] ?? s(d.limit)}ที่กำหนด หลังอ่าน ${s(d.pages)} หน้า ยังมีลิงก์ในเว็บไซต์อีก ${s(d.notFollowed)} ลิงก์ที่ไม่ได้เปิด ข้อที่ไม่พบจึงต้องตรวจเพิ่ม (เพิ่ม --max-pages / --max-depth / --max-minutes ได้)`,
  'audit-interrupted': (d) => `หยุดกลางคัน: บันทึกสิ่งที่อ่านแล้วไว้ที่ ${s(d.file)} (ยังไม่ได้ตรวจ ใช้ oit judge เพื่อตรวจจากไฟล์นี้)`,
  'legacy-text': (d) => s(d.text),
  'no-evidence': () => 'ไม่พบหลักฐาน',
  'no-readable-evidence': () => 'หลักฐานอ่านข้อความไม่ได้',
  'elements-not-found': (d) => `ไม่พบในข้อความ: ${s(d.elementsTh ?? d.elements)}`,
  'mostly-images': () => 'หลักฐานเป็นภาพเป็นส่วนใหญ่ ต้องให้คนดู',
  'no-year-found': () => 'ไม่พบปีที่ระบุในหลักฐาน',
  'no-month-due': () => 'ยังไม่มีเดือนใดของรอบที่สิ้นสุด',
  'empty-month-unlinked': () => 'พบข้อความว่าไม่มีการจัดซื้อจัดจ้าง แต่ไม่ได้ระบุเดือน',
  'activity-on-linked-page': (d) => `กิจกรรมอยู่ในหน้าที่ลิงก์ไว้ (${s(d.url)}) ต้องให้คนเปิดดูวันที่จัดกิจกรรม`,
  'date-not-activity': () => 'พบวันที่เฉพาะนอกเนื้อหากิจกรรม (ส่วนท้ายเว็บไซต์ ข้อความลิงก์ในหน้ารวม หรือคำสั่ง/ประกาศที่แนบไว้) ไม่พบวันที่จัดกิจกรรมในตัวกิจกรรม',
  'egp-prefix-unusual': () => 'เลข e-GP ขึ้นต้นด้วยปีที่อยู่นอกช่วงปีงบประมาณ ±1',
  'no-procurement-table': () => 'ไม่พบตารางหรือข้อความการจัดซื้อจัดจ้างให้อ่าน',
  'egp-checked': (d) => `ตรวจเลข e-GP แล้ว ${s(d.count)} เลข`,
  'external-allowed': () => 'ข้อนี้ยอมให้ลิงก์ไปเว็บไซต์อื่นได้',
  'check-threw': (d) => `การตรวจขัดข้อง: ${s(d.message)}`,
  'item-not-final': (d) => `${s(d.item)}: ${s(d.outcome) === 'review' ? 'ต้องให้คนตรวจ' : s(d.outcome) === 'error' ? 'ตรวจไม่สำเร็จ' : 'ยังไม่ได้ตรวจ'}`,
  'grouping-provisional': (d) => `ตัวชี้วัดย่อย ${s(d.subIndicator)}: การจัดกลุ่มยังไม่ยืนยัน`,
  'index-year-mismatch': (d) => `หน้า ${s(d.url)} เป็นหน้ารวมข้อมูล ITA ปี ${s(d.year)} ไม่ใช่ปีที่ประเมิน`,
  'other-year-index': (d) => `พบหน้า ITA/OIT ของปีอื่น (${s(d.years)}) ซึ่งไม่นำมาตรวจกับกรอบนี้`,
  'elements-behind-link': (d) => `ไม่พบในหน้า: ${s(d.elementsTh ?? d.elements)} อาจอยู่ในไฟล์ที่ลิงก์ไว้ซึ่งเปิดอัตโนมัติไม่ได้ ต้องให้คนเปิดดู`,
  'index-rows-unreadable': (d) =>
    Number(d.items) > 0
      ? `หน้ารวมข้อมูล ITA/OIT ${s(d.url)} มีแถวของ ${s(d.items)} ข้อ แต่ลิงก์ทุกแถว (${s(d.placeholders)} ลิงก์) เป็นลิงก์เปล่า ("#", javascript: หรือกลับมาที่หน้าเดิม) จึงไม่มีลิงก์ไปหลักฐานข้อใดเลย`
      : `หน้า ${s(d.url)} เป็นหน้ารวมข้อมูล ITA/OIT แต่อ่านแถวรายการข้อ (O1, ข้อ 1 …) ที่มีลิงก์ไม่ได้เลย ต้องให้คนตรวจหน้านี้`,
  'index-script-loaded': (d) =>
    `หน้า ${s(d.url)} เป็นหน้ารวมข้อมูล ITA/OIT ที่สร้างตารางด้วยสคริปต์ และ${d.rendered ? 'แม้แสดงผลในเบราว์เซอร์แล้ว' : 'ไม่ได้แสดงผลในเบราว์เซอร์'}ยังขึ้น "กำลังโหลด" หรือตารางว่าง จึงอ่านรายการข้อไม่ได้ ข้อที่ "ไม่พบ" อาจมีอยู่ในหน้านี้ ต้องให้คนตรวจ`,
  'inferred-elements-missing': (d) => `ไม่พบ ${s(d.elements)} ซึ่งคู่มือปีนี้ยังไม่ได้ระบุว่าต้องมี (อนุมานจากปีก่อน) จึงไม่นับเป็นข้อบกพร่อง แต่ควรเพิ่มไว้`,
  'no-page-read': () => 'ไม่ได้หน้าเว็บใดเลย',
  'app-shell-pages': (d) => `${s(d.count)} หน้าสร้างเนื้อหาด้วย JavaScript และยังไม่ได้แสดงผลในเบราว์เซอร์ เช่น ${s(d.example)}`,
  'moit-site': () => 'เว็บไซต์นี้เผยแพร่รายการ MOIT ของกระทรวงสาธารณสุข ซึ่งไม่ใช่แบบ OIT ของ ป.ป.ช. ผลตรวจตามกรอบนี้อาจไม่ตรงกับรายการที่หน่วยงานใช้',
  'moit-index-page': (d) => `หน้า ${s(d.url)} เป็นรายการ MOIT ของกระทรวงสาธารณสุข ไม่ใช่แบบ OIT ของ ป.ป.ช. จึงไม่นำมาตรวจ`,
  'framework-provisional': (d) => `กรอบ ${s(d.framework)} ยังเป็นฉบับชั่วคราว${banner(d, 'th')}`,
  'framework-chosen': (d) =>
    `ใช้กรอบ ${s(d.framework)} ตามวันที่ ${s(d.asOf)} (ช่วงเตรียมรับการประเมิน ITA ${s(d.year)})${d.exact === false ? ' ยังไม่มีกรอบของปีนั้น จึงใช้กรอบล่าสุดก่อนหน้า' : ''} ระบุ --rules เพื่อใช้กรอบอื่น`,
  'rating-label': (d) => `ITA ${s(d.score)}: ${s(d.label)}`,
  'rating-oit-band': (d) => `OIT ${s(d.score)}: ${s(d.label)}`,
  'rating-ceiling': (d) =>
    `OIT ${s(d.oit)}: ยังเป็นไปได้ถึงระดับ "${s(d.best)}"${d.next ? ` ส่วนระดับ "${s(d.next)}" ต้องมี OIT ≥ ${s(d.needs)}` : d.bestEach !== undefined ? ` (ต้องมี IIT และ EIT ≥ ${s(d.bestEach)} ด้วย)` : ''}`,
  'not-nacc-site': (d) => `เว็บไซต์นี้เผยแพร่${LIST_TH[s(d.list)] ?? s(d.list)} ซึ่งไม่ใช่แบบ OIT ของ ป.ป.ช. เลขข้อจึงไม่ตรงกับกรอบนี้ ผลตรวจตามกรอบนี้อาจไม่ตรงกับรายการที่หน่วยงานใช้`,
  'not-nacc-index-page': (d) => `หน้า ${s(d.url)} เป็น${LIST_TH[s(d.list)] ?? s(d.list)} ไม่ใช่แบบ OIT ของ ป.ป.ช. จึงไม่นำเลขข้อมาตรวจ`,
  'index-old-numbering': (d) => {
    const moves = movesText(d.moves);
    return moves
      ? `หน้า ${s(d.url)} ใช้เลขข้อของ ITA ${s(d.year)} (${s(d.previous)}): เมื่อปรับเป็นปีนี้ ให้ย้ายเลขข้อดังนี้ ${moves} ข้ออื่นใช้เลขเดิม (ดูทั้งหมด: oit rules diff ${s(d.previous)} ${s(d.framework)})`
      : `หน้า ${s(d.url)} เป็นหน้า ITA ${s(d.year)} (${s(d.previous)}): เลขข้อใช้ต่อได้ทุกข้อ ปรับปีและเนื้อหาให้เป็นของปีนี้`;
  },
  'pictures-not-read': (d) => `ไม่พบในข้อความ: ${s(d.elementsTh ?? d.elements)} ซึ่งเป็นภาพในไฟล์ PDF/Word ที่อ่านภาพไม่ได้ ต้องให้คนเปิดดู`,
  'formats-checked': (d) => `พบไฟล์ ${s(d.found)}`,
  'items-need-review': (d) => `${s(d.count)} ข้อต้องให้คนตรวจ (${s(d.items)})`,
  'items-error': (d) => `${s(d.count)} ข้อตรวจไม่สำเร็จ (${s(d.items)})`,
};

const LIST_TH: Record<string, string> = {
  moit: 'รายการ MOIT ของกระทรวงสาธารณสุข',
  obec: 'รายการ ITA ของสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (สพฐ. สำหรับโรงเรียน)',
  ovec: 'รายการ ITA ของสำนักงานคณะกรรมการการอาชีวศึกษา (สอศ. สำหรับวิทยาลัย)',
};

function banner(d: Record<string, unknown>, lang: 'th' | 'en'): string {
  const b = d.banner as { th?: string; en?: string } | undefined;
  return b?.[lang] ? `: ${b[lang]}` : '';
}

const ERROR_TH: Record<string, string> = {
  dns: 'ไม่พบชื่อโดเมน',
  refused: 'เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ',
  'connection-refused': 'เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ',
  'connection-reset': 'การเชื่อมต่อถูกตัด',
  timeout: 'เซิร์ฟเวอร์ไม่ตอบภายในเวลาที่กำหนด',
  tls: 'ใบรับรอง HTTPS ใช้ไม่ได้',
  reset: 'การเชื่อมต่อถูกตัด',
  robots: 'robots.txt ไม่อนุญาตให้อ่าน',
};
