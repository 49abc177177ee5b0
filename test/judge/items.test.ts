// Table-driven item tester: for every item of every framework, tiny hand-made artifacts → expected outcome and defects.
// The element part of the evidence is independent truth (test/fixtures/phrasing: texts written from the manual and
// real pages by someone who never read the rules), never the rule's own phrases; the mechanics around it (a broken
// link, an off-site host, a missing index row, the wrong year, a month gap, a bad e-GP number) are built here.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/judge/judge.js';
import type { Artifacts } from '../../src/model/artifacts.js';
import type { Item, RuleSet } from '../../src/model/rule-set.js';
import { BUILTIN_RULES_DIR, listFrameworks, loadRuleSet } from '../../src/rules/load.js';
import { artifacts, check, page, SITE } from '../fixtures/artifacts.js';
import { imagesOf, loadPhrasing, phrasingFor, titleWithoutYear, type Phrasing } from '../fixtures/phrasing.js';

const HOME = {
  'local-government': page('/', 'องค์การบริหารส่วนตำบลทดสอบ', 'ยินดีต้อนรับ', [{ url: `${SITE}/ita/`, text: 'ITA' }]),
  other: page('/', 'กรมทดสอบระบบ', 'ยินดีต้อนรับ', [{ url: `${SITE}/ita/`, text: 'ITA' }]),
};

/** The assessed fiscal year of each framework, an assessment date inside its OIT window (May), and its truth texts. */
const YEAR: Record<string, { fy: number; asOf: string; truth?: Phrasing }> = {
  'ita-2565': { fy: 2565, asOf: '2022-05-15' },
  'ita-2566': { fy: 2566, asOf: '2023-05-15', truth: loadPhrasing('ita-2566') },
  'ita-2568': { fy: 2568, asOf: '2025-05-15', truth: loadPhrasing('ita-2568') },
  'ita-2569': { fy: 2569, asOf: '2026-05-15', truth: loadPhrasing('ita-2569') },
  // Nothing of ITA 2570 is published: its truth is the 2569 truth one year later (test/fixtures/phrasing.ts).
  'ita-2570': { fy: 2570, asOf: '2027-05-15', truth: phrasingFor('ita-2570') },
};

/**
 * Where the rule's time rule and the truth disagree, and the truth itself is marked inferred: the good text passes every
 * check but period, and the test name says so (the lead decides which side moves).
 */
const TIME_DISAGREES: Record<string, string> = {
  'ita-2568 O22': 'the rule dates the gifts report in the assessed year; the truth (inferred) reports the previous fiscal year',
};

type Variant = 'good' | 'missing' | 'broken' | 'no-elements' | 'wrong-year' | 'month-gap' | 'bad-egp' | 'off-site';

const MONTHS = ['ตุลาคม', 'พฤศจิกายน', 'ธันวาคม', 'มกราคม', 'กุมภาพันธ์', 'มีนาคม'];
const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** The same page six years older: every Buddhist-era year (Arabic or Thai digits) moved back. */
function sixYearsOlder(text: string): string {
  const ascii = (d: string) => d.replace(/[๐-๙]/g, (c) => String(THAI_DIGITS.indexOf(c)));
  return text.replace(/(?<![0-9๐-๙])(25|๒๕)([0-9๐-๙]{2})(?![0-9๐-๙])/g, (m) => {
    const y = String(Number(ascii(m)) - 6);
    return /[๐-๙]/.test(m) ? y.replace(/[0-9]/g, (c) => THAI_DIGITS[Number(c)]!) : y;
  });
}

/** What the item's evidence shows: the truth text (or none), and what the time rule and the checks need around it. */
function evidenceText(item: Item, fy: number, v: Variant, truthText: string | undefined): string {
  const yearFor = v === 'wrong-year' ? fy - 6 : item.time === 'previous-fiscal-year' ? fy - 1 : fy;
  const lines: string[] = [];
  // The month-gap variant takes December out of the truth text too: a monthly table names every month it covers.
  const truth = v === 'month-gap' && truthText ? truthText.split('\n').filter((l) => !/ธันวาคม|ธ\.\s?ค\./.test(l)).join('\n') : truthText;
  if (v !== 'no-elements' && truth) lines.push(v === 'wrong-year' ? sixYearsOlder(truth) : truth);
  if (item.time === 'covers-fiscal-year') lines.push(`แผนพัฒนา พ.ศ. ${yearFor - 1}-${yearFor + 3}`);
  else if (item.time !== 'current') lines.push(`ประจำปีงบประมาณ พ.ศ. ${yearFor}`);
  if (item.checks.some((c) => c.check === 'activity-date')) lines.push(`จัดกิจกรรมเมื่อวันที่ 12 มกราคม ${yearFor} เวลา 09.30 น.`);
  if (item.time === 'monthly')
    MONTHS.forEach((m, i) => {
      if (v === 'month-gap' && i === 2) return;
      lines.push(`สรุปผลเดือน ${m} ${i < 3 ? yearFor - 1 : yearFor}: วันที่ 5 ${m} ${i < 3 ? yearFor - 1 : yearFor}`);
    });
  return lines.join('\n');
}

function build(rs: RuleSet, item: Item, v: Variant, truth: Truth): Artifacts {
  const { fy } = YEAR[rs.id]!;
  const n = Number(item.id.slice(1));
  const target = v === 'off-site' ? `http://files.example.org/o${n}.html` : `${SITE}/oit/o${n}.html`;
  const rows = rs.items.filter((i) => v !== 'missing' || i.id !== item.id).map((i) => ({ url: i.id === item.id ? target : `${SITE}/oit/other-${i.id}.html`, text: i.title, context: `${i.id} ${i.title}` }));
  const index = page('/ita/', `ITA ${fy} การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. ${fy}`, 'ตารางข้อมูล', rows);
  const tables = item.checks.some((c) => c.check === 'egp-numbers')
    ? [{ rows: [['ลำดับ', 'เลขที่โครงการ', 'งานที่จัดซื้อจัดจ้าง', 'วงเงิน'], ['1', `${fy % 100}017123456`, 'ซื้อวัสดุ', '1000'], ['2', v === 'bad-egp' ? `${fy % 100}0171234` : `${fy % 100}027123456`, 'จ้างเหมา', '2000']], truncated: false }]
    : [];
  const text = evidenceText(item, fy, v, truth?.text);
  const evidence = page(`/oit/o${n}.html`, titleWithoutYear(item.title), text, [], { tables, images: imagesOf(text), ...(v === 'broken' ? { status: 404 } : {}) });
  const home = HOME[truth?.agency ?? 'local-government'];
  if (v === 'off-site') return artifacts([home, index], [], [check(target, { sameSite: false })]);
  if (v === 'broken') return artifacts([home, index], [], [check(evidence.url, { state: 'broken', status: 404, confirmed: true })]);
  return artifacts([home, index, evidence]);
}

/** A truth text for the item and the kind of agency that wrote it; undefined where no independent truth exists. */
type Truth = { text: string; agency: 'local-government' | 'other' } | undefined;

const run = (rs: RuleSet, item: Item, v: Variant, truth: Truth) => {
  const r = judge(build(rs, item, v, truth), rs, { asOf: YEAR[rs.id]!.asOf });
  return r.items.find((i) => i.id === item.id)!;
};

for (const fw of listFrameworks()) {
  const rs = loadRuleSet(join(BUILTIN_RULES_DIR, fw));
  const { truth: phrasing } = YEAR[fw]!;
  describe(`${fw}: every item`, () => {
    for (const item of rs.items) {
      const t = phrasing?.items[item.id];
      // No truth text: the item's element coverage is not tested here, and the tester says so rather than prove the
      // elements with the rule's own phrases (ita-2565 has no phrasing file; two ita-2568 items have no known content).
      const why = !item.elements.length ? '' : !phrasing ? ` — elements not tested: no independent phrasing truth for ${fw}` : !t ? ` — elements not tested: ${phrasing.omitted?.[item.id] ?? 'no truth text'}` : '';
      const disagrees = TIME_DISAGREES[`${fw} ${item.id}`];
      const truths: Truth[] = item.elements.length && t ? t.good.map((g) => ({ text: g.text, agency: g.agency })) : [undefined];
      it(`${item.id} ${item.titleEn}${why}${disagrees ? ` — time rule disputed: ${disagrees}` : ''}`, () => {
        for (const truth of truths) {
          const kinds = (v: Variant) => run(rs, item, v, truth).defects.map((d) => d.kind);
          const good = run(rs, item, 'good', truth);
          const label = `${item.id} ${truth ? truth.text.slice(0, 40) : '(no element text)'}`;
          if (why) {
            // Everything but the element check must pass on the mechanics alone.
            expect(good.checks.filter((c) => c.check !== 'required-elements' && c.status !== 'pass'), label).toEqual([]);
          } else if (disagrees) {
            expect(good.checks.filter((c) => c.status !== 'pass').map((c) => c.check), label).toEqual(['period']);
          } else {
            expect(good.outcome, `${label}: ${JSON.stringify(good.checks)}`).toBe('pass');
          }
          expect(good.evidence[0]).toMatchObject({ via: 'index', url: `${SITE}/oit/o${item.id.slice(1)}.html` });

          expect(run(rs, item, 'broken', truth).outcome).toBe('fail');
          expect(kinds('broken')).toContain('broken-link');

          const offSite = run(rs, item, 'off-site', truth);
          const external = item.checks.find((c) => c.check === 'on-site')?.options?.allowExternal;
          if (!external) expect(offSite.defects.map((d) => d.kind)).toContain('off-site');

          if (item.elements.length) {
            expect(run(rs, item, 'no-elements', truth).outcome).toBe('fail');
            expect(kinds('no-elements')).toContain('missing-element');
          }
          if (item.checks.some((c) => c.check === 'period')) {
            expect(run(rs, item, 'wrong-year', truth).outcome, `${label}: wrong year`).toBe('fail');
            expect(kinds('wrong-year')).toContain('out-of-period');
          }
          if (item.time === 'monthly') {
            const gap = run(rs, item, 'month-gap', truth);
            expect(gap.outcome).toBe('fail');
            expect(gap.defects.find((d) => d.kind === 'month-missing')?.data).toMatchObject({ month: `${YEAR[fw]!.fy - 1}-12` });
          }
          if (item.checks.some((c) => c.check === 'egp-numbers')) {
            const bad = run(rs, item, 'bad-egp', truth);
            expect(bad.outcome).toBe('fail');
            // Cited by the table's own ลำดับ (2), not by a count that includes the header row.
            expect(bad.defects.find((d) => d.kind === 'egp-invalid')?.data).toMatchObject({ row: 2, problem: 'length' });
          }
        }
      });
    }
  });
}

describe('locating evidence without an index, and index hygiene', () => {
  const rs = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566'));
  it('finds an item through a menu link when the site has no ITA index', () => {
    const home = page('/', 'องค์การบริหารส่วนตำบลทดสอบ', 'เมนู', [{ url: `${SITE}/about/structure.html`, text: 'โครงสร้างองค์กร' }]);
    const s = page('/about/structure.html', 'โครงสร้างองค์กร', 'แผนผังโครงสร้างส่วนราชการ\nนายกองค์การบริหารส่วนตำบล รองนายก สภาองค์การบริหารส่วนตำบล\nปลัดองค์การบริหารส่วนตำบล สำนักปลัด (หัวหน้าสำนักปลัด) กองคลัง (ผู้อำนวยการกองคลัง)');
    const r = judge(artifacts([home, s]), rs, { asOf: '2023-05-15' });
    expect(r.items.find((i) => i.id === 'O1')).toMatchObject({ outcome: 'pass', evidence: [{ via: 'link' }] });
  });

  it('never scores another year’s index against this framework, and says so', () => {
    const old = page('/ita2565/', 'ITA ปีงบประมาณ พ.ศ. 2565', 'ตาราง', rs.items.map((i) => ({ url: `${SITE}/old/${i.id}.html`, text: i.title, context: `${i.id} ${i.title}` })));
    const r = judge(artifacts([HOME['local-government'], old]), rs, { asOf: '2023-05-15' });
    expect(r.items.every((i) => i.evidence.every((e) => e.via !== 'index'))).toBe(true);
    expect(r.warnings).toContainEqual({ code: 'other-year-index', data: { years: '2565' } });
  });

  it('refuses a Ministry of Public Health MOIT list', () => {
    const moit = page('/moit/', 'MOIT 2566', 'ตาราง', Array.from({ length: 20 }, (_, k) => ({ url: `${SITE}/moit/${k + 1}.html`, text: `MOIT${k + 1} ข้อมูล`, context: `MOIT${k + 1} ข้อมูล` })));
    const r = judge(artifacts([HOME['local-government'], moit]), rs, { asOf: '2023-05-15' });
    expect(r.warnings).toContainEqual({ code: 'not-nacc-index-page', data: { url: `${SITE}/moit/`, list: 'moit' } });
    expect(r.items.every((i) => i.evidence.every((e) => e.via !== 'index'))).toBe(true);
  });

  // OBEC schools and OVEC colleges number their own lists (OVEC 2569 is O1–O23): never scored as the NACC's, any year.
  for (const [fw, asOf] of [['ita-2566', '2023-05-15'], ['ita-2568', '2025-05-15'], ['ita-2569', '2026-05-15'], ['ita-2570', '2026-12-01']] as const) {
    const yearRs = loadRuleSet(join(BUILTIN_RULES_DIR, fw));
    const index = page('/ita/', 'ITA การเปิดเผยข้อมูลสาธารณะ', 'ตาราง', Array.from({ length: 23 }, (_, k) => ({ url: `${SITE}/ita/o${k + 1}.html`, text: `ข้อมูล ${k + 1}`, context: `O${k + 1} ข้อมูล ${k + 1}` })));
    it(`${fw}: warns about an OVEC college's list and an OBEC school's, and does not read their numbering as the NACC's`, () => {
      const college = page('/', 'วิทยาลัยเทคนิคห้วยทราย สังกัดสำนักงานคณะกรรมการการอาชีวศึกษา', 'ยินดีต้อนรับ');
      const school = page('/', 'โรงเรียนบ้านห้วยทราย', 'สังกัดสำนักงานเขตพื้นที่การศึกษาประถมศึกษากาฬสินธุ์ เขต 3');
      for (const [home, list] of [[college, 'ovec'], [school, 'obec']] as const) {
        const r = judge(artifacts([{ ...home, depth: 0 }, index]), yearRs, { asOf });
        expect(r.warnings[0]).toEqual({ code: 'not-nacc-site', data: { list } });
        expect(r.warnings).toContainEqual({ code: 'not-nacc-index-page', data: { url: `${SITE}/ita/`, list } });
        expect(r.items.every((i) => i.evidence.every((e) => e.via !== 'index'))).toBe(true);
      }
    });
    it(`${fw}: a university or a municipal school is not taken for an OVEC or OBEC list`, () => {
      for (const name of ['มหาวิทยาลัยราชภัฏกาฬสินธุ์', 'โรงเรียนเทศบาล 1 เทศบาลเมืองกาฬสินธุ์', 'วิทยาลัยพยาบาลบรมราชชนนี']) {
        const r = judge(artifacts([{ ...page('/', name, 'ยินดีต้อนรับ'), depth: 0 }, index]), yearRs, { asOf });
        expect(r.warnings.map((w) => w.code), name).not.toContain('not-nacc-site');
      }
    });
  }

  it('reports a placeholder "#" link in the index as not found, and a scan as needing review', () => {
    const idx = page('/ita/', 'ITA 2566', 'ตาราง', [
      { url: '', text: 'โครงสร้าง', context: 'O1 โครงสร้าง' },
      ...rs.items.slice(1, 8).map((i) => ({ url: `${SITE}/oit/${i.id}.pdf`, text: i.title, context: `${i.id} ${i.title}` })),
    ]);
    const docs = rs.items.slice(1, 8).map((i) => ({ url: `${SITE}/oit/${i.id}.pdf`, finalUrl: `${SITE}/oit/${i.id}.pdf`, status: 200, contentType: 'application/pdf', kind: 'pdf' as const, claimedKind: 'pdf', size: 9, sizeCapped: false, text: '', textTruncated: false, pageCount: 2, hasTextLayer: false, meta: {}, tables: [] }));
    const r = judge(artifacts([HOME['local-government'], idx], docs), rs, { asOf: '2023-05-15' });
    const o1 = r.items.find((i) => i.id === 'O1')!;
    expect(o1.outcome).toBe('fail');
    expect(o1.defects[0]).toMatchObject({ kind: 'not-found', data: { placeholder: 'โครงสร้าง' } });
    const o2 = r.items.find((i) => i.id === 'O2')!;
    expect(o2.outcome).toBe('review');
    expect(o2.defects.map((d) => d.kind)).toContain('scanned-document');
    expect(r.score.provisional).toBe(true);
  });
});
