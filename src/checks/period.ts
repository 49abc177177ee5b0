// period: the evidence belongs to the period the item's time rule demands (fiscal year, previous FY, plan span).
import { z } from 'zod';
import { fiscalYearOf } from '../derive/fiscal.js';
import { dateText, findThaiDates, findYearMentions } from '../derive/thai-date.js';
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
    // Lines that repeat the item's own title (a page headed "… ประจำปีงบประมาณ พ.ศ. 2569") are the agency's claim:
    // the evidence's own dates decide; the claim counts only when the evidence has no date of its own.
    for (const title of [ctx.item.title, undefined]) {
      for (const t of ctx.targets) {
        const heads = headingText(t, title);
        for (const m of findYearMentions(heads)) {
          if (m.kind === 'fiscal') vote(m.year, 4);
          // A plan titled with its span ("แผนปฏิบัติการ 4 ปี (พ.ศ. 2561–2564)") is the plan of each year it spans.
          else if (m.kind === 'range' && m.to !== undefined && want.year >= m.year && want.year <= m.to) vote(want.year, 3);
        }
        const text = datingText(t, 4000, title);
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
      if (votes.size || coverOk) break;
    }
    if (coverOk) return { status: 'pass', defects: [] };
    const best = Math.max(0, ...votes.values());
    const mine = votes.get(want.year) ?? 0;
    if (mine > 0 && mine >= best / 2) {
      if (rule !== 'first-six-months') return { status: 'pass', defects: [] };
      // A six-month report must reach March: one that stops at December is the first quarter only.
      // Only what the evidence itself says: the index's link text and the item's own title are claims.
      const said = ctx.targets.flatMap((t) => [t.page?.text ?? '', t.document?.text.slice(0, 20_000) ?? '', ...t.children.map((c) => c.document?.text.slice(0, 20_000) ?? '')]);
      const last = lastMonthOfFirstHalf(said.join('\n'), want.year);
      // Months compared in fiscal order (Oct … Mar): December is before March.
      if (last === undefined || last === 3) return { status: 'pass', defects: [] };
      const th = ['', 'ม.ค.', 'ก.พ.', 'มี.ค.', '', '', '', '', '', '', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
      const en = ['', 'Jan', 'Feb', 'Mar', '', '', '', '', '', '', 'Oct', 'Nov', 'Dec'];
      const upto = (m: number) => (m >= 10 ? `${th[m]} ${want.year - 1}` : `${th[m]} ${want.year}`);
      const uptoEn = (m: number) => `${en[m]} ${m >= 10 ? want.year - 1 : want.year}`;
      return {
        status: 'fail',
        defects: [{ kind: 'out-of-period', url: ctx.targets[0]!.evidence.url, data: { expected: want.th, expectedEn: want.en, found: `ต.ค. ${want.year - 1} – ${upto(last)}`, foundEn: `Oct ${want.year - 1} – ${uptoEn(last)}`, fiscalYear: ctx.fiscalYear } }],
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

const MONTH_NO: Array<[RegExp, number]> = [
  [/^(ตุลาคม|ต\.?\s?ค\.?)$/, 10],
  [/^(พฤศจิกายน|พ\.?\s?ย\.?)$/, 11],
  [/^(ธันวาคม|ธ\.?\s?ค\.?)$/, 12],
  [/^(มกราคม|ม\.?\s?ค\.?)$/, 1],
  [/^(กุมภาพันธ์|ก\.?\s?พ\.?)$/, 2],
  [/^(มีนาคม|มี\.?\s?ค\.?)$/, 3],
];
const MONTH_WORD = '(ตุลาคม|พฤศจิกายน|ธันวาคม|มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|[ตพธมกเสม][.]?\\s?[คยพ][.]?)';
const monthNo = (w: string) => MONTH_NO.find(([re]) => re.test(w.trim()))?.[1];

/**
 * How far into the first half of the fiscal year (Oct … Mar) the evidence says it reaches, as a calendar month, from
 * what states a span: a month range ("ตุลาคม – ธันวาคม 2565"), quarters ("ไตรมาสที่ 1 - 2"), "รอบ 6 เดือน", "31 มีนาคม". Undefined when nothing states a span (one month's page of a monthly series is judged by its year alone).
 */
function lastMonthOfFirstHalf(input: string, _fy: number): number | undefined {
  // A period announced as still to come ("ไตรมาสที่ 2 อยู่ระหว่างรวบรวมข้อมูล") is not covered.
  const text = dateText(input)
    .split('\n')
    .filter((l) => !/อยู่ระหว่าง(การ)?(รวบรวม|จัดทำ|ดำเนินการ|ปรับปรุง)|ยังไม่(ได้)?(เผยแพร่|จัดทำ|ครบ)|เร็ว\s*ๆ\s*นี้/.test(l))
    .join('\n');
  if (/(รอบ|ครบ)\s*6\s*เดือน|ครึ่งปี(แรก)?|ไตรมาส(ที่)?\s*(1\s*[-–—]\s*)?2\b|31\s*(มีนาคม|มี\.?\s?ค\.)/.test(text)) return 3;
  let last: number | undefined;
  const order = (m: number) => (m >= 10 ? m - 10 : m + 2);
  for (const m of text.matchAll(new RegExp(`${MONTH_WORD}\\s*(\\d{2,4})?\\s*[-–—]\\s*(?:\\d{1,2}\\s*)?${MONTH_WORD}`, 'g'))) {
    const end = monthNo(m[3]!);
    if (end !== undefined && (last === undefined || order(end) > order(last))) last = end;
  }
  if (/ไตรมาส(ที่)?\s*1\b/.test(text) && last === undefined) last = 12;
  return last;
}
