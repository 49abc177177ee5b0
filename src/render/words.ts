// The words reports use for outcomes and defect kinds, Thai first.
import type { Lang } from '../lang.js';
import type { Outcome } from '../model/result.js';

const OUTCOME: Record<Outcome, [string, string]> = {
  pass: ['ผ่าน', 'pass'],
  fail: ['ไม่ผ่าน', 'fail'],
  review: ['ต้องตรวจเพิ่ม', 'needs review'],
  error: ['ตรวจไม่สำเร็จ', 'error'],
};

export const outcomeWord = (o: Outcome, lang: Lang): string => OUTCOME[o][lang === 'en' ? 1 : 0];

const KIND: Record<string, [string, string]> = {
  'broken-link': ['ลิงก์เสีย', 'broken link'],
  'not-found': ['ไม่พบข้อมูล', 'not found'],
  'missing-file': ['ไฟล์เปิดไม่ได้', 'file does not open'],
  'out-of-period': ['ผิดช่วงเวลา', 'out of period'],
  'egp-invalid': ['เลข e-GP ไม่ถูกต้อง', 'invalid e-GP number'],
  'missing-element': ['องค์ประกอบไม่ครบ', 'missing element'],
  'month-missing': ['ขาดข้อมูลรายเดือน', 'month missing'],
  'off-site': ['อยู่นอกเว็บไซต์หลัก', 'off-site'],
  unverifiable: ['ตรวจอัตโนมัติไม่ได้', 'unverifiable'],
  'soft-404': ['หน้าแจ้งว่าไม่พบ', 'soft 404'],
  'scanned-document': ['ไฟล์สแกน', 'scanned document'],
  'tls-error': ['ใบรับรอง HTTPS มีปัญหา', 'TLS error'],
  'redirect-loop': ['เปลี่ยนเส้นทางวนซ้ำ', 'redirect loop'],
  timeout: ['หมดเวลา', 'timeout'],
  'evidence-changed': ['ไฟล์หลักฐานเปลี่ยนระหว่างประเมิน', 'evidence changed'],
  'format-missing': ['ขาดไฟล์ตารางคำนวณ', 'spreadsheet missing'],
};

export const kindWord = (k: string, lang: Lang): string => (KIND[k] ?? [k, k])[lang === 'en' ? 1 : 0];
