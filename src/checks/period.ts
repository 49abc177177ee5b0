// period: the evidence belongs to the period the item's time rule demands (fiscal year, previous FY, plan span).
import { z } from 'zod';
import { fiscalYearOf } from '../derive/fiscal.js';
import { findThaiDates, findYearMentions } from '../derive/thai-date.js';
import { datingText } from './corpus.js';
import type { Check } from './types.js';

const Rule = z.enum(['fiscal-year', 'previous-fiscal-year', 'first-six-months', 'covers-fiscal-year']);

function expectation(rule: z.infer<typeof Rule>, fy: number): { year: number; th: string; en: string } {
  switch (rule) {
    case 'previous-fiscal-year':
      return { year: fy - 1, th: `รายงานของปีงบประมาณ พ.ศ. ${fy - 1}`, en: `a report on fiscal year ${fy - 1}` };
    case 'first-six-months':
      return { year: fy, th: `ข้อมูลรอบ 6 เดือนแรกของปีงบประมาณ พ.ศ. ${fy} (ต.ค. ${fy - 1} – มี.ค. ${fy})`, en: `the first six months of fiscal year ${fy} (Oct ${fy - 1} – Mar ${fy})` };
    case 'covers-fiscal-year':
      return { year: fy, th: `แผนที่ครอบคลุมปีงบประมาณ พ.ศ. ${fy}`, en: `a plan covering fiscal year ${fy}` };
    default:
      return { year: fy, th: `ปีงบประมาณ พ.ศ. ${fy} (ต.ค. ${fy - 1} – ก.ย. ${fy})`, en: `fiscal year ${fy} (Oct ${fy - 1} – Sep ${fy})` };
  }
}

/** The item's own time rule is the period: one field in the rule data, not a second copy in the check's options. */
export const period: Check<Record<string, never>> = {
  id: 'period',
  description: 'The evidence is dated for the period of the item’s time rule (Thai fiscal year Oct–Sep, BE years).',
  options: z.strictObject({}),
  defects: ['out-of-period'],
  run(ctx) {
    const parsed = Rule.safeParse(ctx.item.time);
    // current and monthly items have no period to check (monthly-coverage checks the months).
    if (!parsed.success) return { status: 'pass', defects: [] };
    const rule = parsed.data;
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const want = expectation(rule, ctx.fiscalYear);
    // Strong signals first: "ปีงบประมาณ 2566", a plan's span, full dates. A bare year is used only when there is
    // nothing stronger, because menus and footers carry years of their own ("ITA 2566" in every header).
    const strong = new Set<number>();
    const weak = new Set<number>();
    let strongOk = false;
    let weakOk = false;
    for (const t of ctx.targets) {
      const text = datingText(t);
      for (const m of findYearMentions(text)) {
        if (m.kind === 'range') {
          for (let y = m.year; y <= (m.to ?? m.year); y++) strong.add(y);
          if (want.year >= m.year && want.year <= (m.to ?? m.year)) strongOk = true;
        } else if (m.kind === 'fiscal') {
          strong.add(m.year);
          if (m.year === want.year) strongOk = true;
        } else {
          weak.add(m.year);
          if (m.year === want.year) weakOk = true;
        }
      }
      for (const d of findThaiDates(text)) {
        if (d.day === undefined) continue;
        // A dated document: the fiscal year it was dated in (a report on FY N-1 is often dated early in FY N).
        const fy = fiscalYearOf(d);
        weak.add(fy);
        if (fy === want.year || (rule === 'previous-fiscal-year' && fy === want.year + 1)) weakOk = true;
      }
    }
    const ok = strong.size ? strongOk : weakOk;
    const found = strong.size ? strong : weak;
    if (ok) return { status: 'pass', defects: [] };
    if (found.size === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-year-found', data: {} } };
    const years = [...found].sort((a, b) => a - b);
    return {
      status: 'fail',
      defects: [
        {
          kind: 'out-of-period',
          url: ctx.targets[0]!.evidence.url,
          data: { expected: want.th, expectedEn: want.en, found: years.join(', '), fiscalYear: ctx.fiscalYear },
        },
      ],
    };
  },
};
