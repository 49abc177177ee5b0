// Thai wording of every defect kind and its how-to-fix ({placeholders} are filled from the defect's data).
import type { Phrasebook } from './say.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const rowTh = (d: Record<string, unknown>) => (d.row === undefined || d.row === '' ? '' : `แถวที่ ${s(d.row)}`);
// Older results carry no digit count: count the digits of what was published.
const digitsOf = (d: Record<string, unknown>) => s(d.digits) || String(s(d.normalized || d.value).replace(/[^0-9\u0E50-\u0E59]/g, '').length);
const fyTh = (d: Record<string, unknown>) => (d.fiscalYear ? ` (พ.ศ. ${s(d.fiscalYear)})` : '');

export const TH_DEFECTS: Phrasebook = {
  'defect.not-found': "ไม่พบข้อมูล {item} {title} บนเว็บไซต์หลักของหน่วยงาน",
  'fix.not-found': "เผยแพร่ข้อมูล \"{title}\" บนเว็บไซต์หลักของหน่วยงาน แล้วใส่ลิงก์ในหน้า ITA/OIT ที่ข้อ {item} ให้ตรงหัวข้อ",
  'defect.broken-link': "ลิงก์ {url} เปิดไม่ได้ (สถานะ {status})",
  'fix.broken-link': "แก้ลิงก์ให้ชี้ไปยังหน้าหรือไฟล์ที่มีอยู่จริง แล้วเปิดตรวจอีกครั้ง ผู้ประเมินให้ 0 คะแนนเมื่อลิงก์เสีย",
  'defect.missing-file': "ไฟล์ {url} เปิดไม่ได้ หรือไม่ใช่ไฟล์ตามที่ระบุ ({reason})",
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
  'defect.unverifiable': "ตรวจลิงก์ {url} อัตโนมัติไม่ได้ ({reason}) ต้องให้ผู้ตรวจเปิดดูเอง",
  'fix.unverifiable': "หลีกเลี่ยงลิงก์ที่ต้องเข้าสู่ระบบหรือขอสิทธิ์ (เช่น Google Drive) ให้อัปโหลดไฟล์ไว้บนเว็บไซต์หลักแทน",
  'defect.soft-404': "หน้า {url} แสดงว่า \"ไม่พบหน้า\" แม้เซิร์ฟเวอร์ตอบว่าสำเร็จ",
  'fix.soft-404': "แก้ลิงก์ให้ชี้ไปยังหน้าที่มีเนื้อหาจริง",
  'defect.scanned-document': "ไฟล์ {url} เป็นภาพสแกน ไม่มีข้อความให้ตรวจอัตโนมัติ ต้องให้ผู้ตรวจเปิดดู",
  'fix.scanned-document': "หากมีไฟล์ต้นฉบับ ให้บันทึกเป็น PDF จากโปรแกรม (ไม่ใช่สแกน) เพื่อให้ค้นหาข้อความได้",
  'defect.tls-error': "ใบรับรอง HTTPS ของ {url} มีปัญหา: {reason}",
  'fix.tls-error': "ต่ออายุหรือติดตั้งใบรับรอง HTTPS ให้ครบสาย (รวม intermediate certificate) ผู้ใช้และผู้ประเมินจะเห็นคำเตือนความปลอดภัย",
  'defect.redirect-loop': "ลิงก์ {url} เปลี่ยนเส้นทางวนซ้ำหรือเปลี่ยนเส้นทางมากเกินไป",
  'fix.redirect-loop': "แก้การตั้งค่าเปลี่ยนเส้นทาง (redirect) ของเว็บไซต์ให้ชี้ไปยังหน้าปลายทางโดยตรง",
  'defect.timeout': "ลิงก์ {url} ไม่ตอบสนองภายในเวลาที่กำหนด",
  'fix.timeout': "ตรวจสอบเซิร์ฟเวอร์หรือขนาดไฟล์ หน้าที่โหลดช้ามากอาจถูกผู้ประเมินถือว่าเปิดไม่ได้",
  'defect.evidence-changed': "ไฟล์หลักฐาน {url} เปลี่ยนไปจากการตรวจครั้งก่อน ({previousAsOf}) ระหว่างช่วงการประเมิน",
  'fix.evidence-changed': "อัปเดตไฟล์หลักฐานระหว่างการประเมินต้องมีหนังสือชี้แจง: หากตั้งใจแก้ไข ให้ทำหนังสือชี้แจงการปรับปรุงข้อมูลถึงผู้ประเมิน (ผู้ประเมินอ่านลิงก์เดิมที่ส่งไว้) หากไม่ได้ตั้งใจ ให้นำไฟล์เดิมกลับมา",
  'defect.format-missing': "มีไฟล์ {found} แต่ไม่มีไฟล์ {expected} คู่กัน ซึ่งปีนี้ควรเผยแพร่ทั้งสองแบบ",
  'fix.format-missing': "เผยแพร่ไฟล์ {expected} (เช่น XLSX ที่เปิดแก้ไขได้) คู่กับไฟล์ {found} ของข้อ {item} ในหน้าเดียวกัน",
};
