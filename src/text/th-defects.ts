// Thai wording of every defect kind and its how-to-fix ({placeholders} are filled from the defect's data).
import type { Phrasebook } from './say.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const rowTh = (d: Record<string, unknown>) => (d.row === undefined || d.row === '' ? '' : `แถวที่ ${s(d.row)}`);
// Older results carry no digit count: count the digits of what was published.
const digitsOf = (d: Record<string, unknown>) => s(d.digits) || String(s(d.normalized || d.value).replace(/[^0-9\u0E50-\u0E59]/g, '').length);
const fyTh = (d: Record<string, unknown>) => (d.fiscalYear ? ` (พ.ศ. ${s(d.fiscalYear)})` : '');

// Why a link does not open, in words: an error code from the crawl, else the HTTP status (never a bare number or code).
const ERROR_WORD: Record<string, string> = {
  dns: 'ไม่พบชื่อโดเมนของเว็บไซต์ปลายทาง (เว็บไซต์อาจปิดหรือเปลี่ยนชื่อแล้ว)',
  'connection-refused': 'เซิร์ฟเวอร์ปลายทางปฏิเสธการเชื่อมต่อ',
  refused: 'เซิร์ฟเวอร์ปลายทางปฏิเสธการเชื่อมต่อ',
  'connection-reset': 'การเชื่อมต่อถูกตัดกลางคัน',
  reset: 'การเชื่อมต่อถูกตัดกลางคัน',
  timeout: 'เซิร์ฟเวอร์ไม่ตอบภายในเวลาที่กำหนด',
  tls: 'ใบรับรองความปลอดภัย (HTTPS) ใช้ไม่ได้',
  'redirect-loop': 'ลิงก์ส่งต่อวนกลับมาที่เดิมไม่สิ้นสุด',
  'too-many-redirects': 'ลิงก์ส่งต่อหลายทอดเกินไป',
  'bad-redirect': 'ลิงก์ส่งต่อไปยังที่อยู่ที่ใช้ไม่ได้',
  network: 'เชื่อมต่อเซิร์ฟเวอร์ปลายทางไม่ได้',
};
const statusTh = (d: Record<string, unknown>): string => {
  const code = s(d.error) || (/^DNS:/.test(s(d.reason)) ? 'dns' : '');
  if (ERROR_WORD[code]) return ERROR_WORD[code];
  const n = Number(d.status);
  if (n === 404 || n === 410) return 'ไม่พบหน้าหรือไฟล์นี้บนเซิร์ฟเวอร์';
  if (n === 401 || n === 403) return 'เซิร์ฟเวอร์ไม่อนุญาตให้เปิด (ต้องเข้าสู่ระบบหรือถูกปิดกั้น)';
  if (n >= 500) return 'เซิร์ฟเวอร์ปลายทางขัดข้อง';
  if (n >= 300 && n < 400) return 'ลิงก์ส่งต่อไปยังที่ที่เปิดไม่ได้';
  if (n >= 400) return 'เซิร์ฟเวอร์ตอบว่าเปิดไม่ได้';
  return 'ไม่ได้รับคำตอบจากเซิร์ฟเวอร์';
};
/** Why a link was not checked automatically (the crawl's reason code), as the reason a person must look. */
export const UNVERIFIABLE_TH: Record<string, string> = {
  'google-drive': 'เป็นไฟล์ใน Google Drive ที่ต้องเข้าสู่ระบบหรือขอสิทธิ์จึงจะเปิดได้',
  'google-forms': 'เป็นแบบฟอร์มของ Google ซึ่งโปรแกรมเปิดอ่านไม่ได้',
  social: 'เป็นหน้าสื่อสังคมออนไลน์ที่ต้องเข้าสู่ระบบ',
  'short-link': 'เป็นลิงก์ย่อที่ต้องเปิดต่อไปยังเว็บไซต์อื่น',
  'file-share': 'เป็นไฟล์บนบริการฝากไฟล์ที่ต้องเข้าสู่ระบบ',
  flipbook: 'เป็นหนังสืออิเล็กทรอนิกส์ (flipbook) บนเว็บไซต์อื่นที่ต้องเปิดด้วยเบราว์เซอร์',
  login: 'ต้องเข้าสู่ระบบก่อนเปิด',
  'bot wall': 'เว็บไซต์ปลายทางกันโปรแกรมอัตโนมัติ',
  'rate-limited': 'เว็บไซต์ปลายทางจำกัดจำนวนครั้งที่เปิด',
  robots: 'ไฟล์ robots.txt ของเว็บไซต์ไม่อนุญาตให้โปรแกรมเปิด',
  trap: 'ที่อยู่มีรูปแบบซ้ำไม่รู้จบ (เช่น ปฏิทิน) จึงไม่ได้เปิดทุกหน้า',
  budget: 'การตรวจหยุดที่จำนวนหน้าที่กำหนดก่อนถึงลิงก์นี้',
  'not checked (crawl budget)': 'การตรวจหยุดที่จำนวนหน้าที่กำหนดก่อนถึงลิงก์นี้',
  form: 'เป็นแบบฟอร์มส่งข้อมูล',
  skipped: 'ไม่ได้เปิดลิงก์นี้',
  unverifiable: 'โปรแกรมเปิดตรวจไม่ได้',
};
const unverifiableTh = (d: Record<string, unknown>) => UNVERIFIABLE_TH[s(d.reason)] ?? 'โปรแกรมเปิดตรวจไม่ได้';
const FILE_PROBLEM: Record<string, (d: Record<string, unknown>) => string> = {
  empty: () => 'เป็นไฟล์ว่าง ขนาด 0 ไบต์',
  'empty-page': () => 'เป็นหน้าว่าง ไม่มีเนื้อหา',
  'html-not-file': (d) => `เป็นหน้าเว็บ ไม่ใช่ไฟล์ ${s(d.claimed) || 'เอกสาร'} ตามที่ลิงก์ระบุ`,
  corrupt: () => 'ไฟล์เสียหาย เปิดไม่ได้',
  encrypted: () => 'ไฟล์ใส่รหัสผ่านไว้',
  'zip-bomb': () => 'ไฟล์บีบอัดผิดปกติ',
  unsupported: () => 'เป็นไฟล์ชนิดที่เปิดอ่านไม่ได้',
  'body-too-large': () => 'ไฟล์ใหญ่เกินขนาดที่อ่านได้',
  unreadable: () => 'อ่านเนื้อหาในไฟล์ไม่ได้',
};
const fileProblemTh = (d: Record<string, unknown>) => FILE_PROBLEM[s(d.problem)]?.(d) ?? (s(d.reason).split(' / ')[0] || 'เปิดไม่ได้');
const TLS_WORD: Array<[RegExp, string]> = [
  [/expired/i, 'ใบรับรองหมดอายุแล้ว'],
  [/self.signed/i, 'ใบรับรองออกเอง ไม่ได้ออกโดยผู้ออกใบรับรองที่เชื่อถือได้'],
  [/altname|hostname|does not match/i, 'ใบรับรองไม่ตรงกับชื่อเว็บไซต์'],
  [/unable to (?:get|verify)|leaf|issuer|chain/i, 'ติดตั้งใบรับรองไม่ครบสาย (ขาดใบรับรองกลาง)'],
];
const tlsTh = (d: Record<string, unknown>) => TLS_WORD.find(([re]) => re.test(s(d.reason)))?.[1] ?? 'ใบรับรองใช้ไม่ได้';

export const TH_DEFECTS: Phrasebook = {
  'defect.not-found': (d) =>
    d.placeholder
      ? `หน้ารวมข้อมูล ITA/OIT มีหัวข้อ ${s(d.item)} "${s(d.placeholder)}" แต่ลิงก์ไม่ได้ชี้ไปที่ข้อมูลใด และไม่พบ "${s(d.title)}" ที่อื่นบนเว็บไซต์หลัก`
      : `ไม่พบข้อมูลข้อ ${s(d.item)} ${s(d.title)} บนเว็บไซต์หลักของหน่วยงาน`,
  'fix.not-found': "เผยแพร่ข้อมูล \"{title}\" บนเว็บไซต์หลักของหน่วยงาน แล้วใส่ลิงก์ในหน้า ITA/OIT ที่ข้อ {item} ให้ตรงหัวข้อ",
  'defect.broken-link': (d) => `ลิงก์ ${s(d.url)} เปิดไม่ได้: ${statusTh(d)}`,
  'fix.broken-link': "แก้ลิงก์ให้ชี้ไปยังหน้าหรือไฟล์ที่มีอยู่จริง แล้วเปิดตรวจอีกครั้ง ผู้ประเมินให้ 0 คะแนนเมื่อลิงก์เสีย",
  'defect.missing-file': (d) => `ไฟล์ ${s(d.url)} ใช้เป็นหลักฐานไม่ได้: ${fileProblemTh(d)}`,
  'fix.missing-file': "อัปโหลดไฟล์ต้นฉบับใหม่ (PDF ที่เปิดได้ ไม่ใส่รหัสผ่าน) แล้วแก้ลิงก์ให้ชี้ไปที่ไฟล์นั้น",
  'defect.out-of-period': "ข้อมูลไม่อยู่ในช่วงเวลาที่กำหนด: ต้องเป็น {expected} แต่พบ {found}",
  'fix.out-of-period': "เผยแพร่เอกสารของ {expected} แทนฉบับเดิม และระบุปีงบประมาณไว้ในชื่อเอกสารหรือหัวเรื่องให้ชัดเจน",
  'defect.egp-invalid': (d) =>
    d.problem === 'year-prefix'
      ? `เลขที่โครงการ e-GP "${s(d.value)}" มี 11 หลัก แต่ 2 หลักแรก (${s(d.normalized || d.value).slice(0, 2)}) ไม่ตรงกับปีงบประมาณของเอกสาร${fyTh(d)} (ไฟล์/หน้า ${s(d.url)} ${rowTh(d)})`
      : d.problem === 'not-digits'
        ? `เลขที่โครงการ e-GP "${s(d.value)}" มีอักขระที่ไม่ใช่ตัวเลข (ไฟล์/หน้า ${s(d.url)} ${rowTh(d)})`
        : `เลขที่โครงการ e-GP "${s(d.value)}" ไม่ใช่ตัวเลข 11 หลัก (${digitsOf(d)} หลัก; ไฟล์/หน้า ${s(d.url)} ${rowTh(d)})`,
  'fix.egp-invalid': "ตรวจเลขที่โครงการจากระบบ e-GP แล้วแก้ให้ครบ 11 หลัก (2 หลักแรกเป็นปี พ.ศ.) ห้ามใส่เลขคุมสัญญาหรือเลขที่สัญญาแทน",
  'defect.missing-element': "ไม่พบองค์ประกอบที่กำหนด: {element}",
  'fix.missing-element': "เพิ่ม \"{element}\" ลงในเอกสารหรือหน้าเว็บของข้อ {item} ให้ครบทุกองค์ประกอบ ผู้ประเมินให้ 100 คะแนนเมื่อมีครบเท่านั้น",
  'defect.month-missing': "ไม่พบข้อมูลของเดือน {monthTh}",
  'fix.month-missing': "เผยแพร่สรุปผลของเดือน {monthTh} แยกเป็นรายเดือน หากเดือนนั้นไม่มีการจัดซื้อจัดจ้างให้ระบุว่า \"ไม่มีการจัดซื้อจัดจ้าง\"",
  'defect.off-site': "ข้อมูลอยู่นอกเว็บไซต์หลักของหน่วยงาน ({host})",
  'fix.off-site': "ย้ายข้อมูลหรือไฟล์มาไว้บนเว็บไซต์หลักของหน่วยงาน ผู้ประเมินไม่นับข้อมูลที่อยู่บนเว็บไซต์อื่น",
  'defect.unverifiable': (d) => `ตรวจลิงก์ ${s(d.url)} อัตโนมัติไม่ได้ เพราะ${unverifiableTh(d)} ต้องให้ผู้ตรวจเปิดดูเอง`,
  'fix.unverifiable': "หลีกเลี่ยงลิงก์ที่ต้องเข้าสู่ระบบหรือขอสิทธิ์ (เช่น Google Drive) ให้อัปโหลดไฟล์ไว้บนเว็บไซต์หลักแทน",
  'defect.soft-404': "หน้า {url} แสดงว่า \"ไม่พบหน้า\" แม้เซิร์ฟเวอร์ตอบว่าสำเร็จ",
  'fix.soft-404': "แก้ลิงก์ให้ชี้ไปยังหน้าที่มีเนื้อหาจริง",
  'defect.scanned-document': "ไฟล์ {url} เป็นภาพสแกน ไม่มีข้อความให้ตรวจอัตโนมัติ ต้องให้ผู้ตรวจเปิดดู",
  'fix.scanned-document': "หากมีไฟล์ต้นฉบับ ให้บันทึกเป็น PDF จากโปรแกรม (ไม่ใช่สแกน) เพื่อให้ค้นหาข้อความได้",
  'defect.tls-error': (d) => `ใบรับรองความปลอดภัย (HTTPS) ของ ${s(d.url)} มีปัญหา: ${tlsTh(d)}`,
  'fix.tls-error': "ต่ออายุหรือติดตั้งใบรับรอง HTTPS ให้ครบสาย (รวม intermediate certificate) ผู้ใช้และผู้ประเมินจะเห็นคำเตือนความปลอดภัย",
  'defect.redirect-loop': "ลิงก์ {url} ส่งต่อวนซ้ำหรือส่งต่อหลายทอดเกินไป จึงเปิดไม่ถึงปลายทาง",
  'fix.redirect-loop': "แก้การตั้งค่าการส่งต่อลิงก์ (redirect) ของเว็บไซต์ให้ชี้ไปยังหน้าปลายทางโดยตรง",
  'defect.timeout': "ลิงก์ {url} ไม่ตอบสนองภายในเวลาที่กำหนด",
  'fix.timeout': "ตรวจสอบเซิร์ฟเวอร์หรือขนาดไฟล์ หน้าที่โหลดช้ามากอาจถูกผู้ประเมินถือว่าเปิดไม่ได้",
  'defect.evidence-changed': "ไฟล์หลักฐาน {url} เปลี่ยนไปจากการตรวจครั้งก่อน ({previousAsOf}) ระหว่างช่วงการประเมิน",
  'fix.evidence-changed': "อัปเดตไฟล์หลักฐานระหว่างการประเมินต้องมีหนังสือชี้แจง: หากตั้งใจแก้ไข ให้ทำหนังสือชี้แจงการปรับปรุงข้อมูลถึงผู้ประเมิน (ผู้ประเมินอ่านลิงก์เดิมที่ส่งไว้) หากไม่ได้ตั้งใจ ให้นำไฟล์เดิมกลับมา",
  'defect.format-missing': "มีไฟล์ {found} แต่ไม่มีไฟล์ {expected} คู่กัน ซึ่งปีนี้ควรเผยแพร่ทั้งสองแบบ",
  'fix.format-missing': "เผยแพร่ไฟล์ {expected} (เช่น XLSX ที่เปิดแก้ไขได้) คู่กับไฟล์ {found} ของข้อ {item} ในหน้าเดียวกัน",
  // A link's problem alone (the broken and unverifiable link tables), worded as in the defects above.
  'link.problem': (d) => statusTh(d),
  'link.unverifiable': (d) => unverifiableTh(d),
};
