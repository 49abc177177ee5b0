// period: the evidence belongs to the period the item's time rule demands (fiscal year, previous FY, plan span).
import { z } from 'zod';
import { fiscalYearOf } from '../derive/fiscal.js';
import { findThaiDates, findYearMentions } from '../derive/thai-date.js';
import { datingText, headingText } from './corpus.js';
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
    // A file we cannot read says its year only through its name or link text: a claim, not the evidence.
    if (ctx.targets.every((t) => !t.page && t.document && (t.document.hasTextLayer === false || t.document.kind === 'image' || Boolean(t.document.error))))
      return { status: 'cant-tell', defects: [], note: { code: 'no-year-found', data: {} } };
    // Every dating signal votes for a fiscal year. A statement of the fiscal year weighs most, in a title or heading
    // above all; each full date is one vote; a span ("แผน 2564–2566" mentioned in passing) counts fully only for a plan
    // that must cover the year. A news list that mentions "ปีงบประมาณ 2567" once among twenty dated FY2566 entries is
    // about FY2566; a report headed "ประจำปีงบประมาณ 2565" is about 2565 whatever plan span it cites.
    const votes = new Map<number, number>();
    const vote = (year: number, w: number) => votes.set(year, (votes.get(year) ?? 0) + w);
    let coverOk = false;
    for (const t of ctx.targets) {
      const heads = headingText(t);
      for (const m of findYearMentions(heads)) if (m.kind === 'fiscal') vote(m.year, 4);
      const text = datingText(t);
      for (const m of findYearMentions(text)) {
        if (m.kind === 'range') {
          const to = m.to ?? m.year;
          if (rule === 'covers-fiscal-year') {
            if (want.year >= m.year && want.year <= to) coverOk = true;
            for (let y = m.year; y <= to; y++) vote(y, 1);
          } else if (to - m.year <= 1) for (let y = m.year; y <= to; y++) vote(y, 0.5);
        } else if (m.kind === 'fiscal') vote(m.year, 2);
        else vote(m.year, 0.25);
      }
      for (const d of findThaiDates(text)) {
        if (d.day === undefined) continue;
        // A dated document: the fiscal year it was dated in (a report on FY N-1 is often dated early in FY N).
        const fy = fiscalYearOf(d);
        vote(rule === 'previous-fiscal-year' && fy === want.year + 1 ? want.year : fy, 1);
      }
    }
    if (coverOk) return { status: 'pass', defects: [] };
    const best = Math.max(0, ...votes.values());
    const mine = votes.get(want.year) ?? 0;
    if (mine > 0 && mine >= best / 2) {
      if (rule !== 'first-six-months') return { status: 'pass', defects: [] };
      // A six-month report must reach March: one that stops at December is the first quarter only.
      const last = lastMonthOfFirstHalf(ctx.targets.map((t) => datingText(t, 20_000)).join('\n'), want.year);
      if (last === undefined || last >= 3) return { status: 'pass', defects: [] };
      const th = ['', 'ม.ค.', 'ก.พ.', 'มี.ค.', '', '', '', '', '', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
      const en = ['', 'Jan', 'Feb', 'Mar', '', '', '', '', '', 'Oct', 'Nov', 'Dec'];
      const upto = (m: number) => (m >= 10 ? `${th[m]} ${want.year - 1}` : `${th[m]} ${want.year}`);
      return {
        status: 'fail',
        defects: [{ kind: 'out-of-period', url: ctx.targets[0]!.evidence.url, data: { expected: want.th, expectedEn: want.en, found: `ต.ค. ${want.year - 1} – ${upto(last)} (${en[9]} – ${en[last]})`, fiscalYear: ctx.fiscalYear } }],
      };
    }
    if (votes.size === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-year-found', data: {} } };
    const found = new Set([...votes].filter(([, n]) => n >= best / 2).map(([y]) => y));
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

/**
 * The latest month of the first half of fiscal year `fy` (Oct fy-1 … Mar fy) that the text reaches, as a calendar month
 * (10–12, then 1–3), or undefined when it names none of them.
 */
function lastMonthOfFirstHalf(text: string, fy: number): number | undefined {
  const order = (m: number) => (m >= 10 ? m - 10 : m + 2);
  let best: number | undefined;
  // A period announced as still to come ("ไตรมาสที่ 2 อยู่ระหว่างรวบรวมข้อมูล") is not covered.
  text = text
    .split('\n')
    .filter((l) => !/อยู่ระหว่าง(การ)?(รวบรวม|จัดทำ|ดำเนินการ|ปรับปรุง)|ยังไม่(ได้)?(เผยแพร่|จัดทำ|ครบ)|เร็ว\s*ๆ\s*นี้/.test(l))
    .join('\n');
  for (const d of findThaiDates(text)) {
    const inHalf = (d.month >= 10 && d.year === fy - 1) || (d.month <= 3 && d.year === fy);
    if (inHalf && (best === undefined || order(d.month) > order(best))) best = d.month;
  }
  // "ต.ค. 2565 – มี.ค. 2566", "31 มีนาคม", "ครบ 6 เดือน" in the body say the half year is covered.
  if (/มี\.?\s?ค\.|มีนาคม|ไตรมาสที่\s*2|ครบ\s*6\s*เดือน/.test(text)) return 3;
  return best;
}
