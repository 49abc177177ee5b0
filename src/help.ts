// Help text for `oit --help`, Thai first, English with --lang en.
import { COMMAND_FLAGS, flagHelp, type CommandName } from './commands/options.js';
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
  oit store migrate --config <file>        สร้าง/ปรับรุ่นฐานข้อมูล PostgreSQL
  oit worker --config <file> [--concurrency N] [--exit-when-idle]   รับงานจากคิว (Redis) ได้หลายเครื่อง
  oit queue status --config <file>         งานในคิวแต่ละรอบ: รอ กำลังทำ เสร็จ ล้มเหลว
  oit serve --config <file> [--port 8080] [--host 127.0.0.1]
                                           เว็บแอปสำหรับดูผล ตรวจทาน ยกเว้น และลงนาม (ทุกหน่วยงาน)
  oit users add <ชื่อ> --role <บทบาท> --config <file>   เพิ่มผู้ใช้ (รหัสผ่านจาก stdin หรือ OIT_PASSWORD)
  oit users list|disable <ชื่อ> --config <file>         รายชื่อผู้ใช้ / ระงับผู้ใช้
  oit rules list                           รายการกรอบการประเมิน
  oit rules show <กรอบ> [ข้อ]              รายละเอียดข้อ องค์ประกอบ ช่วงเวลา วิธีแก้
  oit rules check <โฟลเดอร์>               ตรวจความถูกต้องของไฟล์กฎที่แก้ไข
  oit rules diff <กรอบ> <กรอบ>              เลขข้อของปีหนึ่งย้ายไปเป็นเลขใดของอีกปี (เปลี่ยนเลข รวม แยก ใหม่ ตัดออก)

{OPTIONS}

รหัสออก: 0 พร้อม/สำเร็จ · 1 ตรวจแล้วยังไม่พร้อม · 2 ใช้คำสั่งหรือไฟล์ผิด · 3 เข้าเว็บไซต์ไม่ได้ · 130 ถูกหยุดกลางคัน`;

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
  oit store migrate --config <file>        create or upgrade a PostgreSQL store
  oit worker --config <file> [--concurrency N] [--exit-when-idle]   audit jobs from the queue (Redis), on any number of machines
  oit queue status --config <file>         jobs per cycle: waiting, active, done, failed
  oit serve --config <file> [--port 8080] [--host 127.0.0.1]
                                           web app: fleet, agencies, audits, review, waivers, sign-off
  oit users add <name> --role <role> --config <file>    add a user (password from stdin or OIT_PASSWORD)
  oit users list|disable <name> --config <file>         list users / disable one
  oit rules list                           frameworks shipped
  oit rules show <framework> [item]        an item's elements, time rule and how to fix
  oit rules check <folder>                 validate an edited rule folder
  oit rules diff <framework> <framework>   how one year's items map to another's (renumbered, merged, split, new, dropped)

{OPTIONS}

Exit codes: 0 ok/ready · 1 audited, not ready · 2 usage or input error · 3 site could not be crawled · 130 stopped`;

/** The usage of every command, and the options of one command (default: audit's) from the flag table. */
export function helpText(lang: Lang, command?: CommandName): string {
  const c = command ?? 'audit';
  const flags = COMMAND_FLAGS[c];
  const title = lang === 'en' ? `options of oit ${c}:` : `ตัวเลือกของ oit ${c}:`;
  const options = flags.length ? `${title}\n${flagHelp(lang, flags)}\n${flagHelp(lang, ['lang', 'quiet', 'verbose'])}` : `${title}\n${flagHelp(lang, ['lang'])}`;
  return (lang === 'en' ? EN : TH).replace('{OPTIONS}', options);
}
