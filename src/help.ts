// Help text for `oit --help`, Thai first, English with --lang en.
import type { Lang } from './lang.js';

const TH = `oit — ตรวจความพร้อมเว็บไซต์หน่วยงานตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ของ ITA

การใช้งาน:
  oit demo                                 ตรวจเว็บไซต์ตัวอย่างที่มากับโปรแกรม (ไม่ต้องใช้อินเทอร์เน็ต)
  oit audit <url> [ตัวเลือก]               ไล่อ่านเว็บไซต์ ตรวจทุกข้อ คิดคะแนน และเขียนรายงาน
  oit crawl <url> --out <dir>              ไล่อ่านเว็บไซต์อย่างเดียว เขียน artifacts.json
  oit judge <artifacts.json> --out <dir>   ตรวจจาก artifacts.json ที่บันทึกไว้ (ไม่ต่อเครือข่าย)
  oit render <result.json> --format <f>    สร้างรายงานใหม่จาก result.json
  oit score --rules <กรอบ> [--fail O11,O24] [--iit N[,N]] [--eit N[,N]] [--oit N] [--json]
                                           คิดคะแนนตามวิธีของ ป.ป.ช.
  oit doctor                               ตรวจว่าเครื่องนี้มี Chromium ฟอนต์ไทย และกฎครบหรือไม่
  oit init [oit.config.yaml]               เขียนไฟล์ตั้งค่าตัวอย่าง (มีคำอธิบาย)
  oit config check <oit.config.yaml>       ตรวจไฟล์ตั้งค่า
  oit run --config <file> [--agency id] [--dry-run]   ตรวจทุกหน่วยงานตอนนี้ (สำหรับ cron ของระบบ)
  oit schedule --config <file>             ทำงานต่อเนื่อง ตรวจทุก 15 วันตอนกลางคืน แจ้งเตือนเมื่อมีปัญหาใหม่
  oit history <agency> --config <file>     ประวัติคะแนนและสถานะของปัญหา
  oit rules list                           รายการกรอบการประเมิน
  oit rules show <กรอบ> [ข้อ]              รายละเอียดข้อ องค์ประกอบ ช่วงเวลา วิธีแก้
  oit rules check <โฟลเดอร์>               ตรวจความถูกต้องของไฟล์กฎที่แก้ไข

ตัวเลือกของ audit / crawl:
  --rules <กรอบ>          ita-2565 | ita-2566 | ita-2568 (ค่าเริ่มต้น: กรอบล่าสุดที่ไม่ใช่ฉบับชั่วคราว)
  --as-of YYYY-MM-DD      วันที่ประเมิน (ค่าเริ่มต้น: วันนี้ เวลาประเทศไทย)
  --fiscal-year <พ.ศ.>    ปีงบประมาณที่ประเมิน (ค่าเริ่มต้น: ปีงบประมาณของวันที่ประเมิน)
  --out <dir>             โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น: reports/<host>/<วันที่>)
  --max-pages N           จำนวนหน้าสูงสุด (2000)    --max-depth N   ความลึกสูงสุด (8)
  --concurrency N         คำขอพร้อมกันทั้งหมด (8)    --per-host N    ต่อโฮสต์ (4)
  --timeout S             เวลารอต่อคำขอ วินาที (20)   --max-minutes N เวลารวมสูงสุด (30)
  --ignore-robots         ไม่ทำตาม robots.txt (ใช้เมื่อตรวจเว็บไซต์ของตนเองเท่านั้น)
  --render auto|never|always  แสดงผลหน้าที่สร้างด้วย JavaScript ใน Chromium (ค่าเริ่มต้น auto)
  --screenshots           ถ่ายภาพหน้าหลักฐานของแต่ละข้อไว้ในรายงาน
  --format html,csv,xlsx,md,junit,pdf   รายงานที่ต้องการ (ค่าเริ่มต้น: ทุกแบบยกเว้น pdf)
  --previous <result.json>  เทียบกับผลครั้งก่อน (ใหม่ / แก้แล้ว / ยังค้าง)
  --lang en               แสดงผลเป็นภาษาอังกฤษ

รหัสออก: 0 พร้อม/สำเร็จ · 1 ตรวจแล้วยังไม่พร้อม · 2 ใช้คำสั่งหรือไฟล์ผิด · 3 เข้าเว็บไซต์ไม่ได้`;

const EN = `oit — audit a Thai agency website against the NACC ITA open-data checklist (OIT)

Usage:
  oit demo                                 audit the sample agency site bundled with the tool (offline)
  oit audit <url> [options]                crawl, judge every item, score and write reports
  oit crawl <url> --out <dir>              crawl only; writes artifacts.json
  oit judge <artifacts.json> --out <dir>   judge saved artifacts (no network)
  oit render <result.json> --format <f>    re-render reports from result.json
  oit score --rules <framework> [--fail O11,O24] [--iit N[,N]] [--eit N[,N]] [--oit N] [--json]
                                           the NACC rating arithmetic
  oit doctor                               what this machine has: Chromium, Thai fonts, valid rules
  oit init [oit.config.yaml]               write a commented example configuration
  oit config check <oit.config.yaml>       validate a configuration
  oit run --config <file> [--agency id] [--dry-run]   audit every agency now (for system cron)
  oit schedule --config <file>             long-running worker: every 15 days at night, alerts on what is new
  oit history <agency> --config <file>     score trend and defect lifecycle
  oit rules list                           frameworks shipped
  oit rules show <framework> [item]        an item's elements, time rule and how to fix
  oit rules check <folder>                 validate an edited rule folder

audit / crawl options:
  --rules <framework>     ita-2565 | ita-2566 | ita-2568 (default: newest non-provisional)
  --as-of YYYY-MM-DD      assessment date (default: today, Asia/Bangkok)
  --fiscal-year <BE>      fiscal year assessed (default: the one containing --as-of)
  --out <dir>             output folder (default: reports/<host>/<date>)
  --max-pages N (2000)    --max-depth N (8)    --concurrency N (8)    --per-host N (4)
  --timeout S (20)        --max-minutes N (30)
  --ignore-robots         do not obey robots.txt (only when auditing your own site)
  --render auto|never|always   render script-built pages in Chromium (default auto)
  --screenshots           a picture of each item's evidence page in the report
  --format html,csv,xlsx,md,junit,pdf   reports to write (default: all but pdf)
  --previous <result.json>  compare with an earlier result (new / fixed / still open)
  --lang en               English output

Exit codes: 0 ok/ready · 1 audited, not ready · 2 usage or input error · 3 site could not be crawled`;

export const helpText = (lang: Lang): string => (lang === 'en' ? EN : TH);
