// own-duties: the agency states its own duties; an Act pasted whole (its enactment formula and dozens of sections,
// including the duties of other kinds of agency) is not that (domain §6 reason 4; assessors gave 0 for it in 2568).
import { z } from 'zod';
import { normaliseThai } from '../derive/thai-text.js';
import type { Check } from './types.js';

/** The royal enactment formula that opens every Act as published. */
const ENACTMENT = /ให้ไว้\s*ณ\s*วันที่|พระบรมราชโองการ|ให้ใช้พระราชบัญญัตินี้ตั้งแต่|เป็นปีที่\s*\S+\s*ในรัชกาล/;
const SECTION = /มาตรา\s*([0-9๐-๙]+)/g;
/** How an agency words its own duties: "มีอำนาจหน้าที่ดังนี้", "ภารกิจ", "หน้าที่ของเทศบาล…ตามมาตรา". */
const OWN_DUTIES = /อำนาจหน้าที่\s*(ดังนี้|ดังต่อไปนี้|ของ(เทศบาล|องค์การ|อบต|หน่วยงาน|สำนัก|กอง))|ภารกิจ(หลัก)?\s*(ดังนี้|ของ)/;
/** More distinct sections than any agency's own summary of its duties quotes. */
const WHOLE_ACT_SECTIONS = 20;

export function looksLikeWholeAct(text: string): boolean {
  const t = normaliseThai(text);
  if (!ENACTMENT.test(t)) return false;
  const sections = new Set([...t.matchAll(SECTION)].map((m) => m[1]));
  return sections.size >= WHOLE_ACT_SECTIONS;
}

export const ownDuties: Check<Record<string, never>> = {
  id: 'own-duties',
  description: 'The duties shown are the agency’s own, not a whole Act pasted in.',
  options: z.strictObject({}),
  defects: ['missing-element'],
  run(ctx) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const pasted = ctx.targets.filter((t) => looksLikeWholeAct(`${t.page?.text ?? ''}\n${t.document?.text ?? ''}`));
    if (pasted.length === 0) return { status: 'pass', defects: [] };
    // Another target that is the agency's own statement of its duties (not another Act) is enough.
    const own = ctx.targets.some((t) => !pasted.includes(t) && OWN_DUTIES.test(normaliseThai(`${t.page?.text ?? ''}\n${t.document?.text ?? ''}`)));
    if (own) return { status: 'pass', defects: [] };
    return { status: 'fail', defects: pasted.map((t) => ({ kind: 'missing-element' as const, url: t.evidence.url, data: { element: 'อำนาจหน้าที่ของหน่วยงานเอง (ไม่ใช่การคัดลอกกฎหมายทั้งฉบับ)', elementEn: "the agency's own duties (not a whole Act pasted in)", id: 'own-duties' } })) };
  },
};
