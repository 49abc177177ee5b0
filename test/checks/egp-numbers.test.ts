// egp-numbers over pages and files as agencies publish them: the year window follows the document's own fiscal year,
// a year-prefix oddity is a review-level warning (never a length defect), and rows are cited as the document numbers
// them. Each case is a regression test for a wrong verdict on a realistic อบต. site (fixture abt-2566, O20/O22).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { egpNumbers } from '../../src/checks/egp-numbers.js';
import type { CheckContext, EvidenceTarget } from '../../src/checks/types.js';
import { judge } from '../../src/judge/judge.js';
import type { Document, Page, Table } from '../../src/model/artifacts.js';
import { BUILTIN_RULES_DIR, loadRuleSet } from '../../src/rules/load.js';
import { artifacts, doc, page, SITE } from '../fixtures/artifacts.js';

const rs = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566'));
const ASSESSED = 2566;

function run(target: { page?: Page; document?: Document }) {
  const t: EvidenceTarget = { evidence: { url: (target.page ?? target.document)!.url, via: 'index', confidence: 1 }, ...target, children: [] };
  const ctx: CheckContext = { item: rs.items.find((i) => i.id === 'O22')!, site: SITE, fiscalYear: ASSESSED, asOf: '2023-05-15', agencyType: 'local-government', targets: [t] };
  return egpNumbers.run(ctx, { required: true });
}

const HEAD = ['ลำดับ', 'ชื่อโครงการ/รายการ', 'วิธีการจัดหา', 'งบประมาณ (บาท)', 'ผู้ได้รับการคัดเลือก', 'เลขที่โครงการ e-GP'];
const project = (n: number, egp: string) => [String(n), `จัดซื้อวัสดุสำนักงาน รายการที่ ${n}`, 'เฉพาะเจาะจง', '48,000', 'ร้านเจริญการค้า', egp];
// FY2565 projects: created from ต.ค. 2564 (prefix 64) to ก.ย. 2565 (prefix 65).
const FY2565 = ['64107123458', '64117025114', '64127311960', '65017040211', '65057121836', '65097055630'];
const annual2565 = (): Table => ({ rows: [HEAD, ...FY2565.map((e, i) => project(i + 1, e))], truncated: false });

describe('egp-numbers: the year window is the document’s own fiscal year', () => {
  it.each([
    ['page heading', { title: 'รายงานผลการจัดซื้อจัดจ้าง', body: 'รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปีงบประมาณ พ.ศ. 2565' }],
    ['Thai digits', { title: 'รายงานผลการจัดซื้อจัดจ้าง', body: 'สรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ ๒๕๖๕' }],
    ['a date range', { title: 'รายงานผลการจัดซื้อจัดจ้าง', body: 'ระหว่างวันที่ 1 ตุลาคม 2564 – 30 กันยายน 2565 ดำเนินการจัดซื้อจัดจ้างทั้งสิ้น 14 โครงการ' }],
    ['the page title', { title: 'รายงานผลการจัดซื้อจัดจ้างประจำปี 2565 :: องค์การบริหารส่วนตำบลบ้านหนองบัว', body: 'รายละเอียดตามตาราง' }],
  ])('a FY2565 annual report read in FY2566 (%s) has no defect', (_, { title, body }) => {
    const p = page('/procurement/annual-report-2565.html', title, `${body}\n${HEAD.join(' ')}`, [], { tables: [annual2565()] });
    expect(run({ page: p })).toMatchObject({ status: 'pass', defects: [] });
  });

  it('a workbook whose title rows state the year (FY2565) has no defect', () => {
    const rows = [['', 'รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปีงบประมาณ พ.ศ. 2565'], ['', 'องค์การบริหารส่วนตำบลบ้านหนองบัว'], HEAD, ...FY2565.map((e, i) => project(i + 1, e))];
    const d = doc('/files/procurement/annual-procurement-report-2565.xlsx', rows.map((r) => r.join(' ')).join('\n'), { kind: 'xlsx', tables: [{ rows, rowNumbers: rows.map((_, i) => i + 1), truncated: false }] });
    expect(run({ document: d })).toMatchObject({ status: 'pass', defects: [] });
  });

  it('a document stating no year falls back to the assessed year (64… is then odd, a warning)', () => {
    const p = page('/procurement/list.html', 'ข้อมูลการจัดซื้อจัดจ้าง', HEAD.join(' '), [], { tables: [annual2565()] });
    const out = run({ page: p });
    expect(out.status).toBe('cant-tell');
    expect(out.defects.map((d) => d.data)).toEqual(FY2565.slice(0, 3).map(() => expect.objectContaining({ problem: 'year-prefix', fiscalYear: 2566, yearFrom: 'assessed' })));
  });
});

describe('egp-numbers: a year-prefix oddity is a review-level warning, never a length defect', () => {
  it('an 11-digit number with a prefix far from the document’s year: review, problem year-prefix, 11 digits', () => {
    const t: Table = { rows: [HEAD, project(1, '65017040211'), project(2, '61027088152')], truncated: false };
    const p = page('/procurement/annual-report-2565.html', 'รายงานผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2565', HEAD.join(' '), [], { tables: [t] });
    const out = run({ page: p });
    expect(out.status).toBe('cant-tell');
    expect(out.defects).toEqual([expect.objectContaining({ kind: 'egp-invalid', data: expect.objectContaining({ value: '61027088152', problem: 'year-prefix', digits: 11, row: 2, fiscalYear: 2565 }) })]);
  });

  it('judged over a whole site, the prefix oddity stays a year-prefix warning and the 10-digit number cites its ลำดับ', () => {
    const t: Table = { rows: [HEAD, project(1, '66017012673'), project(2, '61027088152'), project(3, '6601701267')], truncated: false };
    const home = page('/', 'องค์การบริหารส่วนตำบลบ้านหนองบัว', 'หน้าแรก');
    const p = page('/news/procurement-2566.html', 'ข่าวจัดซื้อจัดจ้าง ปีงบประมาณ 2566', HEAD.join(' '), [], { tables: [t] });
    const r = judge(artifacts([home, p]), rs, { asOf: '2023-05-15' });
    const egp = r.defects.filter((d) => d.kind === 'egp-invalid').map((d) => [d.data.value, d.data.problem, d.data.row]);
    expect(egp).toContainEqual(['6601701267', 'length', 3]);
    expect(egp.filter(([v]) => v === '61027088152').every(([, problem]) => problem === 'year-prefix')).toBe(true);
  });

  it.each([
    ['6512701234', 'length', 10],
    ['651270123456', 'length', 12],
    ['6512701234ก', 'not-digits', 10],
  ])('%s is a real defect (%s) with its digit count', (value, problem, digits) => {
    const t: Table = { rows: [HEAD, project(1, '65017040211'), project(2, value)], truncated: false };
    const p = page('/procurement/annual-report-2565.html', 'ประจำปีงบประมาณ พ.ศ. 2565', HEAD.join(' '), [], { tables: [t] });
    const out = run({ page: p });
    expect(out.status).toBe('fail');
    expect(out.defects.map((d) => d.data)).toEqual([expect.objectContaining({ value, problem, digits, row: 2 })]);
  });
});

describe('egp-numbers: rows are cited as the document numbers them', () => {
  const ANN_HEAD = ['ลำดับ', 'เลขที่โครงการ', 'ชื่อโครงการ', 'ประเภทประกาศ', 'วันที่ประกาศ', 'เอกสาร'];
  const notice = (n: number, egp: string) => [String(n), egp, `จ้างซ่อมแซมถนนลูกรัง หมู่ที่ ${n}`, 'ประกาศผู้ชนะการเสนอราคา', '12 ธ.ค. 65', '-'];

  it('an HTML table with a ลำดับ column: the two 10-digit numbers are cited as ลำดับ 7 and 19', () => {
    const good = ['65107004118', '65107021337', '65117030052', '65117030052', '65117114260', '65117030052', '6512701234', '65127055512', '66017012673', '66017088190', '66017040021', '66037004417', '66037061185', '66037004417', '66037090364', '66047012236', '66037004417', '66047051790', '6605701589', '66057030458'];
    const t: Table = { rows: [ANN_HEAD, ...good.map((e, i) => notice(i + 1, e))], truncated: false };
    const p = page('/procurement/announcements.html', 'ประกาศจัดซื้อจัดจ้าง', `ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2566\n${ANN_HEAD.join(' ')}`, [], { tables: [t] });
    const out = run({ page: p });
    expect(out.status).toBe('fail');
    expect(out.defects.map((d) => [d.data?.value, d.data?.row, d.data?.problem])).toEqual([
      ['6512701234', 7, 'length'],
      ['6605701589', 19, 'length'],
    ]);
  });

  it('ลำดับ as the document writes it (Thai digits, a trailing dot), under a two-row header', () => {
    const t: Table = { rows: [['ลำดับที่', 'รายการ', 'เลขที่โครงการ'], ['(1)', '(2)', '(3)'], ['๑.', 'จัดซื้อวัสดุ', '66017012673'], ['๒.', 'จ้างเหมา', '660170126']], truncated: false };
    const p = page('/procurement/skr.html', 'สขร.1 ปีงบประมาณ 2566', 'ตาราง', [], { tables: [t] });
    expect(run({ page: p }).defects.map((d) => d.data)).toEqual([expect.objectContaining({ value: '660170126', row: 2, dataRow: 2 })]);
  });

  it('no ลำดับ column: the data-row index, the header row not counted', () => {
    const t: Table = { rows: [['ชื่อโครงการ', 'วงเงิน (บาท)', 'เลขที่โครงการ'], ['จัดซื้อวัสดุ', '48,000', '66017012673'], ['จ้างเหมา', '95,000', '66017'], ['ซ่อมแซมถนน', '120,000', '66017012674']], truncated: false };
    const p = page('/procurement/list.html', 'ประกาศจัดซื้อจัดจ้าง ปีงบประมาณ 2566', 'ตาราง', [], { tables: [t] });
    expect(run({ page: p }).defects.map((d) => d.data)).toEqual([expect.objectContaining({ value: '66017', row: 2, dataRow: 2 })]);
  });

  it('a workbook without a ลำดับ column: the sheet’s own row number (blank rows skipped by the reader still count)', () => {
    const rows = [['รายงานผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2566'], ['ชื่อโครงการ', 'วงเงิน (บาท)', 'เลขที่โครงการ e-GP'], ['จัดซื้อวัสดุ', '48000', '66017012673'], ['จ้างเหมา', '95000', '6601701267']];
    const d = doc('/files/skr.xlsx', rows.map((r) => r.join(' ')).join('\n'), { kind: 'xlsx', tables: [{ rows, rowNumbers: [1, 3, 4, 6], truncated: false }] });
    expect(run({ document: d }).defects.map((x) => x.data)).toEqual([expect.objectContaining({ value: '6601701267', row: 6, sheetRow: 6, dataRow: 2 })]);
  });

  it('a workbook with a ลำดับ column: the ลำดับ is cited and the sheet row kept', () => {
    const rows = [['รายงานสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2567'], HEAD, project(1, '66119301245'), project(2, '6705012345')];
    const d = doc('/files/egp-annual-2567.xlsx', rows.map((r) => r.join(' ')).join('\n'), { kind: 'xlsx', tables: [{ rows, rowNumbers: [1, 5, 6, 7], truncated: false }] });
    expect(run({ document: d }).defects.map((x) => x.data)).toEqual([expect.objectContaining({ value: '6705012345', row: 2, sheetRow: 7 })]);
  });

  it.each([
    ['a totals row', ['', 'รวม 30 โครงการ', '', '5,031,500', '', 'รวม 30 โครงการ']],
    ['a totals row spanning every column', ['รวมทั้งสิ้น 6 โครงการ', 'รวมทั้งสิ้น 6 โครงการ', 'รวมทั้งสิ้น 6 โครงการ', 'รวมทั้งสิ้น 6 โครงการ', 'รวมทั้งสิ้น 6 โครงการ', 'รวมทั้งสิ้น 6 โครงการ']],
    ['a notes row', ['หมายเหตุ: เลขที่โครงการตามระบบ e-GP กรมบัญชีกลาง ข้อมูล ณ วันที่ 30 ก.ย. 2565', '', '', '', '', 'หมายเหตุ: ข้อมูล ณ วันที่ 30 ก.ย. 2565']],
    ['a source note', ['', '', '', '', '', '* ข้อมูล ณ วันที่ 15 ตุลาคม 2565']],
  ])('%s is never read as a project row', (_, extra) => {
    // FY2566 numbers read in FY2566: only the extra row could make a defect.
    const fy2566 = ['65107004118', '65127055512', '66017012673', '66057030458'];
    const t: Table = { rows: [HEAD, ...fy2566.map((e, i) => project(i + 1, e)), extra], truncated: false };
    const p = page('/procurement/notices.html', 'ประกาศจัดซื้อจัดจ้าง', HEAD.join(' '), [], { tables: [t] });
    expect(run({ page: p })).toMatchObject({ status: 'pass', defects: [], note: { code: 'egp-checked', data: { count: fy2566.length } } });
  });
});
