// monthly-coverage: a month counts only from evidence about that month (its file, link, heading, row or "no
// procurement" statement), never from a month merely mentioned (a menu, a date inside another month's file).
import { describe, expect, it } from 'vitest';
import { coveredMonths, monthlyCoverage } from '../../src/checks/monthly-coverage.js';
import type { EvidenceTarget } from '../../src/checks/types.js';
import type { Document } from '../../src/model/artifacts.js';
import { child, cmsPage, context, file, target } from '../fixtures/check-context.js';

const OPTIONS = { months: 6, emptyPhrases: ['ไม่มีการจัดซื้อจัดจ้าง'] };

/** An สขร.1 file as agencies export it: form name, title with the month, header row, project rows, signature. */
function skr1(path: string, month: string, rows: string[], signed: string): Document {
  return file(path, [
    '         แบบ สขร.1',
    ` สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ${month}`,
    ' องค์การบริหารส่วนตำบลบ้านหนองบัว อำเภอนาดอกไม้ จังหวัดศรีสะเกษ',
    'ลำดับที่ งานที่จัดซื้อหรือจัดจ้าง วงเงินที่จะซื้อหรือจ้าง (บาท) ราคากลาง (บาท) วิธีซื้อหรือจ้าง รายชื่อผู้เสนอราคาและราคาที่เสนอ ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง เหตุผลที่คัดเลือกโดยสังเขป เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง',
    ...rows,
    `      ลงชื่อ ................................ ผู้รายงาน`,
    `      (นางสาวจันทร์เพ็ญ ศรีสุข) เจ้าพนักงานพัสดุ`,
    signed,
  ].join('\n'), { kind: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

const ROW = (n: number, what: string, baht: string, contract: string) =>
  `${n} ${what} ${baht} ${baht} เฉพาะเจาะจง หจก.นาดอกไม้ก่อสร้าง / ${baht} บาท หจก.นาดอกไม้ก่อสร้าง / ${baht} บาท เป็นผู้มีอาชีพขายหรือรับจ้างโดยตรง ${contract}`;

const OCT = skr1('/files/procurement/skr1-2565-10.xlsx', 'ตุลาคม 2565', [ROW(1, 'จ้างเหมาจัดทำป้ายประชาสัมพันธ์', '2,520.00', 'ใบสั่งจ้าง เลขที่ 1/2566 ลงวันที่ 3 ต.ค. 2565')], 'วันที่ 31 เดือน ตุลาคม พ.ศ. 2565');
const NOV = skr1('/files/procurement/skr1-2565-11.xlsx', 'พฤศจิกายน 2565', [ROW(1, 'จัดซื้อวัสดุคอมพิวเตอร์ (กองคลัง)', '13,020.00', 'ใบสั่งซื้อ เลขที่ 18/2566 ลงวันที่ 14 พ.ย. 2565')], 'วันที่ 30 เดือน พฤศจิกายน พ.ศ. 2565');
const JAN = skr1('/files/procurement/skr1-2566-01.xlsx', 'มกราคม 2566', [ROW(1, 'จัดซื้อวัสดุก่อสร้าง (กองช่าง)', '32,040.00', 'ใบสั่งซื้อ เลขที่ 45/2566 ลงวันที่ 9 ม.ค. 2566')], 'วันที่ 31 เดือน มกราคม พ.ศ. 2566');
const FEB = skr1('/files/procurement/skr1-2566-02.xlsx', 'กุมภาพันธ์ 2566', ['- ไม่มีการจัดซื้อจัดจ้าง ในเดือนกุมภาพันธ์ 2566', ' หมายเหตุ: ในรอบเดือนนี้ องค์การบริหารส่วนตำบลบ้านหนองบัว ไม่มีการจัดซื้อจัดจ้าง'], 'วันที่ 28 เดือน กุมภาพันธ์ พ.ศ. 2566');
const MAR = skr1('/files/procurement/skr1-2566-03.xlsx', 'มีนาคม 2566', [ROW(1, 'จัดซื้อวัสดุการแพทย์ (ทรายอะเบท)', '21,220.00', 'ใบสั่งซื้อ เลขที่ 80/2566 ลงวันที่ 6 มี.ค. 2566')], 'วันที่ 31 เดือน มีนาคม พ.ศ. 2566');
const DEC = skr1('/files/procurement/skr1-2565-12.xlsx', 'ธันวาคม 2565', [ROW(1, 'จ้างเหมาจัดงานวันพ่อแห่งชาติ', '15,000.00', 'ใบสั่งจ้าง เลขที่ 30/2566 ลงวันที่ 1 ธ.ค. 2565')], 'วันที่ 30 เดือน ธันวาคม พ.ศ. 2565');

const NOV_SIGNED_IN_DEC = skr1('/files/procurement/skr1-2565-11.xlsx', 'พฤศจิกายน 2565', [ROW(1, 'จัดซื้อวัสดุคอมพิวเตอร์ (กองคลัง)', '13,020.00', 'ใบสั่งซื้อ เลขที่ 18/2566 ลงวันที่ 14 พ.ย. 2565')], 'รายงาน ณ วันที่ 5 ธันวาคม 2565');

const link = (d: Document, anchor: string) => child(anchor, d);
const ALL_BUT_DEC = [link(OCT, 'สขร.1 เดือนตุลาคม 2565'), link(NOV, 'สขร.1 เดือนพฤศจิกายน 2565'), link(JAN, 'สขร.1 เดือนมกราคม 2566'), link(FEB, 'สขร.1 เดือนกุมภาพันธ์ 2566'), link(MAR, 'สขร.1 เดือนมีนาคม 2566')];

/** The monthly-summary page: a table of months, each row linking its file (the evidence page of O21). */
function summaryPage(rows: string[], extraContent = '') {
  return cmsPage(
    '/procurement/monthly-summary-2566.html',
    'สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน ประจำปีงบประมาณ พ.ศ. 2566',
    ['แบบ สขร.1 สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน', 'เดือน เอกสาร หมายเหตุ', ...rows, extraContent].join('\n'),
  );
}
const ROWS_BUT_DEC = ['ตุลาคม 2565 สขร.1 เดือนตุลาคม 2565 12 โครงการ', 'พฤศจิกายน 2565 สขร.1 เดือนพฤศจิกายน 2565 30 โครงการ', 'มกราคม 2566 สขร.1 เดือนมกราคม 2566 18 โครงการ', 'กุมภาพันธ์ 2566 สขร.1 เดือนกุมภาพันธ์ 2566 ไม่มีการจัดซื้อจัดจ้าง', 'มีนาคม 2566 สขร.1 เดือนมีนาคม 2566 22 โครงการ'];

const run = (targets: EvidenceTarget[]) => monthlyCoverage.run(context('ita-2566', 'O21', targets), OPTIONS);

const DECEMBER = { month: '2565-12', monthNumber: 12, year: 2565, monthName: 'ธันวาคม', monthTh: 'ธันวาคม 2565' };

describe('monthly-coverage: December 2565 missing is caught whatever else mentions December', () => {
  const cases: Array<[string, EvidenceTarget[]]> = [
    ['the November file is signed "ณ วันที่ 5 ธันวาคม 2565"', [target(summaryPage(ROWS_BUT_DEC), [link(OCT, 'สขร.1 เดือนตุลาคม 2565'), link(NOV_SIGNED_IN_DEC, 'สขร.1 เดือนพฤศจิกายน 2565'), ...ALL_BUT_DEC.slice(2)])]],
    ['a contract in the January file is dated 28 ธ.ค. 2565', [target(summaryPage(ROWS_BUT_DEC), [...ALL_BUT_DEC.slice(0, 2), link(skr1('/files/procurement/skr1-2566-01.xlsx', 'มกราคม 2566', [ROW(1, 'จ้างเหมาซ่อมแซมถนนลูกรัง หมู่ที่ 7', '98,500.00', 'สัญญาจ้าง เลขที่ 12/2566 ลงวันที่ 28 ธ.ค. 2565')], 'วันที่ 31 เดือน มกราคม พ.ศ. 2566'), 'สขร.1 เดือนมกราคม 2566'), ...ALL_BUT_DEC.slice(3)])]],
    ['the November file buys a service "ประจำเดือน ธันวาคม 2565"', [target(summaryPage(ROWS_BUT_DEC), [link(OCT, 'สขร.1 เดือนตุลาคม 2565'), link(skr1('/files/procurement/skr1-2565-11.xlsx', 'พฤศจิกายน 2565', ['1 จ้างเหมาบริการรักษาความสะอาดอาคารสำนักงาน', 'ประจำเดือน ธันวาคม 2565', '9,000.00 9,000.00 เฉพาะเจาะจง นางสมใจ ใจดี / 9,000 บาท'], 'วันที่ 30 เดือน พฤศจิกายน พ.ศ. 2565'), 'สขร.1 เดือนพฤศจิกายน 2565'), ...ALL_BUT_DEC.slice(2)])]],
    ['the sidebar lists the news archive by month', [target(summaryPage(ROWS_BUT_DEC, 'คลังข่าว\nมีนาคม 2566\nกุมภาพันธ์ 2566\nมกราคม 2566\nธันวาคม 2565\nพฤศจิกายน 2565'), ALL_BUT_DEC)]],
    ['the footer says it was updated on 12 ธันวาคม 2565', [target(summaryPage(ROWS_BUT_DEC, 'ปรับปรุงข้อมูลล่าสุด 12 ธันวาคม 2565'), ALL_BUT_DEC)]],
    ['the page says the files run "ตั้งแต่ ต.ค. 65 ถึง ธ.ค. 65" (a span, not December\'s file)', [target(summaryPage(ROWS_BUT_DEC, 'ข้อมูลไตรมาสที่ 1 ตั้งแต่ ต.ค. 65 ถึง ธ.ค. 65 อยู่ระหว่างรวบรวม'), ALL_BUT_DEC)]],
  ];
  it.each(cases)('fails naming December when %s', (_, targets) => {
    const out = run(targets);
    expect(out.status).toBe('fail');
    expect(out.defects).toEqual([{ kind: 'month-missing', url: targets[0]!.evidence.url, data: DECEMBER }]);
  });
});

describe('monthly-coverage: months shown by their own evidence pass', () => {
  const withDec = (anchor: string, d: Document | string = DEC) => [target(summaryPage(ROWS_BUT_DEC), [...ALL_BUT_DEC, typeof d === 'string' ? child(anchor, d) : link(d, anchor)])];
  const cases: Array<[string, EvidenceTarget[]]> = [
    ['"สขร.1 ธ.ค. 65"', withDec('สขร.1 ธ.ค. 65')],
    ['"ประจำเดือน ธันวาคม 2565"', withDec('สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน ธันวาคม 2565')],
    ['"เดือนธันวาคม ๒๕๖๕" (Thai digits)', withDec('เดือนธันวาคม ๒๕๖๕')],
    ['only its file name skr1-2565-12.xlsx (link text "ดาวน์โหลด", no month in the sheet)', withDec('ดาวน์โหลด', file('/files/procurement/skr1-2565-12.xlsx', 'แบบ สขร.1\nองค์การบริหารส่วนตำบลบ้านหนองบัว\n' + ROW(1, 'จ้างเหมาจัดงานวันพ่อแห่งชาติ', '15,000.00', 'ใบสั่งจ้าง เลขที่ 30/2566'), { kind: 'xlsx' }))],
    ['its own unopened file named in the link', withDec('สขร.1 เดือนธันวาคม 2565', '/files/procurement/skr1-dec.pdf')],
    ['a row of the page table stating no procurement', [target(summaryPage([...ROWS_BUT_DEC, 'ธันวาคม 2565 - ไม่มีการจัดซื้อจัดจ้าง']), ALL_BUT_DEC)]],
    ['a heading "เดือนธันวาคม ๒๕๖๕" over "- ไม่มีการจัดซื้อจัดจ้าง -"', [target(summaryPage(ROWS_BUT_DEC, 'เดือนธันวาคม ๒๕๖๕\n- ไม่มีการจัดซื้อจัดจ้าง -'), ALL_BUT_DEC)]],
    ['one yearly sheet with a row per month', [target(undefined, [], { document: file('/files/procurement/skr-2566.xlsx', 'สรุปผลการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ 2566', { kind: 'xlsx', tables: [{ rows: [['ลำดับ', 'เดือน', 'จำนวนโครงการ', 'จำนวนเงิน (บาท)'], ['1', 'ตุลาคม 2565', '12', '350,000.00'], ['2', 'พฤศจิกายน 2565', '30', '1,200,500.00'], ['3', 'ธันวาคม 2565', '8', '96,000.00'], ['4', 'มกราคม 2566', '18', '640,000.00'], ['5', 'กุมภาพันธ์ 2566', 'ไม่มีการจัดซื้อจัดจ้าง', ''], ['6', 'มีนาคม 2566', '22', '410,000.00']], truncated: false }] }) })]],
  ];
  it.each(cases)('December shown by %s', (_, targets) => {
    expect(run(targets)).toEqual({ status: 'pass', defects: [] });
  });
});

describe('coveredMonths: exactly the months the evidence is about', () => {
  it('reads the abt-2566 shape: five linked files and the table, none of December\'s mentions', () => {
    const nov = skr1('/files/procurement/skr1-2565-11.xlsx', 'พฤศจิกายน 2565', ['1 จ้างเหมาบริการรักษาความสะอาดอาคารสำนักงาน', 'ประจำเดือน ธันวาคม 2565'], 'รายงาน ณ วันที่ 5 ธันวาคม 2565');
    const t = target(summaryPage(ROWS_BUT_DEC, 'คลังข่าว\nธันวาคม 2565'), [link(OCT, 'สขร.1 เดือนตุลาคม 2565'), link(nov, 'ดาวน์โหลด'), ...ALL_BUT_DEC.slice(2)]);
    const keys = [...new Set(coveredMonths(t, OPTIONS.emptyPhrases).map((m) => `${m.year}-${m.month}`))].sort();
    expect(keys).toEqual(['2565-10', '2565-11', '2566-1', '2566-2', '2566-3']);
  });
});
