// none-stated: a field the manual requires is filled in, and "none" is written as none ("ไม่เสียค่าธรรมเนียม"), never
// left blank (domain §6 reasons 9 and 15): a service guide whose fee section is an empty table scores 0.
import { z } from 'zod';
import { normaliseThai } from '../derive/thai-text.js';
import { decodeName } from './corpus.js';
import type { Table } from '../model/artifacts.js';
import type { Check } from './types.js';

/** Where the next section of a guide starts: the field's own section ends there. */
const NEXT_SECTION = /^(ช่องทาง|ขั้นตอน|ระยะเวลา|รายการเอกสาร|หน่วยงาน|สถานที่|เงื่อนไข|หลักเกณฑ์|ตัวอย่าง|แบบฟอร์ม|หมายเหตุ|ข้อมูลสถิติ|จำนวนเอกสาร)|[:：]\s*\S/;
/** A value, or an explicit none. */
const STATED = /ไม่เสีย|ไม่มี|ไม่ต้อง|ฟรี|ยกเว้น|ไม่เก็บ|[0-9๐-๙][0-9๐-๙,.]*\s*บาท|บาท\s*[0-9๐-๙]|\b[0-9][0-9,.]*\s*$/;

/** The labels (e.g. "ค่าธรรมเนียม") whose section in the text holds neither a value nor an explicit "none". */
export function blankFields(text: string, labels: readonly string[]): string[] {
  const lines = normaliseThai(text).split('\n').map((l) => l.trim());
  const blank = new Set<string>();
  lines.forEach((line, i) => {
    const label = labels.find((l) => line === l || line === `${l}:` || line.startsWith(`${l} `) && line.length <= l.length + 3);
    if (!label) return;
    const section: string[] = [];
    for (let j = i + 1; j < lines.length && j <= i + 8; j++) {
      const next = lines[j]!;
      if (NEXT_SECTION.test(next) && !next.includes(label)) break;
      section.push(next);
    }
    // The column headings of the field's table ("ที่ รายละเอียดค่าธรรมเนียม ค่าธรรมเนียม (บาท) หมายเหตุ") are no value.
    const body = section.filter((l) => !(l.includes(label) && /\(บาท\)|หมายเหตุ|รายละเอียด/.test(l)));
    if (!body.some((l) => STATED.test(l))) blank.add(label);
  });
  return [...blank];
}

/** A statistics table left empty: a header, month or category rows, and not one value in them. */
export function blankTable(t: Table): boolean {
  const rows = t.rows.slice(1).filter((r) => r.some((c) => c.trim()));
  if (t.rows.length < 3 || rows.length < 2 || (t.rows[0]?.length ?? 0) < 2) return false;
  return rows.every((r) => r.slice(1).every((c) => c.trim() === ''));
}

/** Words that state "none" for a whole table ("ไม่มีเรื่องร้องเรียน", "ไม่มีผู้ร้องเรียน"). */
const NONE_STATEMENT = /ไม่มี(เรื่อง|ผู้|การ|ข้อ)|ไม่พบเรื่อง|จำนวน\s*0\s*เรื่อง/;

export const noneStated: Check<{ labels: string[]; tables: boolean }> = {
  id: 'none-stated',
  description: 'Each listed field holds a value or says "none" in words; a blank field is a zero.',
  options: z.strictObject({ labels: z.array(z.string().min(1)).default([]), tables: z.boolean().default(false) }),
  defects: ['missing-element'],
  run(ctx, { labels, tables }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const defects = [];
    for (const t of ctx.targets) {
      const sources: Array<[string, string]> = [];
      if (t.page) sources.push([t.evidence.url, t.page.text]);
      if (t.document) sources.push([t.evidence.url, t.document.text]);
      for (const c of t.children) if (c.document) sources.push([c.url, c.document.text]);
      if (tables) {
        const blank = [...(t.page?.tables ?? []), ...(t.document?.tables ?? []), ...t.children.flatMap((c) => c.document?.tables ?? [])].filter(blankTable);
        const stated = sources.some(([, text]) => NONE_STATEMENT.test(normaliseThai(text)));
        if (blank.length && !stated)
          defects.push({ kind: 'missing-element' as const, url: t.evidence.url, data: { element: `ตัวเลขในตาราง ${blank[0]!.rows[0]!.filter(Boolean).slice(1, 4).join(' / ')} (หากไม่มีให้ระบุว่าไม่มี)`, elementEn: `figures in the table ${blank[0]!.rows[0]!.filter(Boolean).slice(1, 4).join(' / ')} (or "none" stated)`, id: 'none-stated' } });
      }
      for (const [url, text] of sources)
        for (const label of blankFields(text, labels))
          defects.push({ kind: 'missing-element' as const, url, data: { element: `${label} (ระบุให้ชัด หากไม่มีให้เขียนว่าไม่มี) ใน ${decodeName(url) || url}`, elementEn: `${label} stated (write "none" rather than leave it blank) in ${decodeName(url) || url}`, id: 'none-stated' } });
    }
    return defects.length ? { status: 'fail', defects } : { status: 'pass', defects: [] };
  },
};
