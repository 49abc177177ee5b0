// vacancy-marked: a post with nobody in it says so ("ตำแหน่งว่าง"); a dash or a blank where the name goes is a zero
// (domain §6 reason 12).
import { z } from 'zod';
import { normaliseThai } from '../derive/thai-text.js';
import type { Check } from './types.js';

const POST = /^(รอง)?(นายก|ปลัด|ประธาน|เลขานุการ|ที่ปรึกษา|ผู้อำนวยการ|หัวหน้า|ผู้อํานวยการ|สมาชิกสภา|อธิบดี|ผู้ว่าราชการ)\S*/;
/** What stands where a name should be: a dash, dots, an empty "ชื่อ-สกุล". */
const PLACEHOLDER = /^(?:[-–—_.…]+|ชื่อ\s*[-–]?\s*สกุล\s*[-–:]*|นาย\s*[-–]+|\(ว่าง\)?)$/;
const VACANT = /ว่าง/;

/** A table row read as one line: a dash where the name goes, then the post ("- - รองนายก… คนที่ 2 -"). */
const DASHED_ROW = /^(?:[-–—_.…]+\s+)+((?:รอง)?(?:นายก|ปลัด|ประธาน|เลขานุการ|ที่ปรึกษา|ผู้อำนวยการ|หัวหน้า|อธิบดี)\S*(?:\s+คนที่\s*\S+)?)/;

/** Posts shown with a placeholder for the name and no word that the post is vacant. */
export function unmarkedVacancies(text: string): string[] {
  const lines = normaliseThai(text).split('\n').map((l) => l.trim());
  const out: string[] = [];
  lines.forEach((line, i) => {
    const row = DASHED_ROW.exec(line);
    if (row && !VACANT.test(line)) out.push(row[1]!);
    if (!POST.test(line) || VACANT.test(line)) return;
    const around = [lines[i - 1] ?? '', lines[i + 1] ?? ''];
    if (around.some((l) => PLACEHOLDER.test(l)) && !around.some((l) => VACANT.test(l))) out.push(line);
  });
  return [...new Set(out)];
}

export const vacancyMarked: Check<Record<string, never>> = {
  id: 'vacancy-marked',
  description: 'Every post shown either names its holder or says it is vacant (ตำแหน่งว่าง).',
  options: z.strictObject({}),
  defects: ['missing-element'],
  run(ctx) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const posts = ctx.targets.flatMap((t) => unmarkedVacancies(t.page?.text ?? ''));
    if (!posts.length) return { status: 'pass', defects: [] };
    return { status: 'fail', defects: [{ kind: 'missing-element', url: ctx.targets[0]!.evidence.url, data: { element: `ระบุ "ตำแหน่งว่าง" สำหรับ ${posts.join(', ')}`, elementEn: `"vacant" stated for ${posts.join(', ')}`, id: 'vacancy-marked' } }] };
  },
};
