// The period a document states for itself (what the e-GP year window follows), and e-GP findings of a page or file.
import { describe, expect, it } from 'vitest';
import { egpFromSource } from '../../src/derive/egp.js';
import { fiscalYearStatements } from '../../src/derive/thai-date.js';

describe('fiscalYearStatements: the fiscal year a document states', () => {
  it.each([
    ['รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปีงบประมาณ พ.ศ. 2565', 2565, 'fiscal'],
    ['สรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ ๒๕๖๕', 2565, 'fiscal'],
    ['แผนการจัดซื้อจัดจ้าง ปีงบ 66', 2566, 'fiscal'],
    ['ระหว่างวันที่ 1 ตุลาคม 2564 – 30 กันยายน 2565 ดำเนินการจัดซื้อจัดจ้างทั้งสิ้น 14 โครงการ', 2565, 'range'],
    ['ข้อมูลตั้งแต่ ต.ค. 2567 ถึง มี.ค. 2568', 2568, 'range'],
    ['รายงานผลการจัดซื้อจัดจ้างประจำปี 2565 (Excel)', 2565, 'annual'],
    ['รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ ประจำเดือน ตุลาคม 2567', 2568, 'month'],
    ['สรุปผลการจัดซื้อจัดจ้าง เดือน มีนาคม 2566', 2566, 'month'],
  ])('%s → FY%i', (text, year, kind) => {
    expect(fiscalYearStatements(text)[0]).toMatchObject({ year, kind });
  });

  it('a bare year in a menu or footer ("ITA 2566", "พ.ศ. 2560") states no period', () => {
    expect(fiscalYearStatements('ITA ITA 2566\nข้อมูลประกาศตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560')).toEqual([]);
  });
});

describe('egpFromSource: a page or file judged against its own year', () => {
  const HEAD = ['ลำดับ', 'ชื่อโครงการ', 'เลขที่โครงการ e-GP'];
  const rows = [HEAD, ['1', 'ก่อสร้างถนน คสล. หมู่ที่ 3', '64107123458'], ['2', 'จัดซื้อรถจักรยานยนต์', '65017040211']];

  it('the text just above the table wins over the site menu', () => {
    const text = `เมนู แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ 2566\n${'ข่าวประชาสัมพันธ์ '.repeat(60)}\nรายงานผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2565\n${HEAD.join(' ')}\n1 ก่อสร้างถนน`;
    const f = egpFromSource({ kind: 'page', title: 'จัดซื้อจัดจ้าง', text, tables: [{ rows, truncated: false }] }, 2566);
    expect(f.map((x) => [x.fiscalYear, x.yearFrom, x.problem ?? null])).toEqual([[2565, 'document', null], [2565, 'document', null]]);
  });

  it('a PDF with no tables: numbers after a label in its text, judged against the year in its title', () => {
    const f = egpFromSource({ kind: 'document', title: 'รายงานสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2565', text: 'เลขที่โครงการ 64107123458\nเลขที่โครงการ 6410712345', tables: [] }, 2566);
    expect(f.map((x) => [x.row, x.problem ?? null, x.fiscalYear])).toEqual([[1, null, 2565], [2, 'length', 2565]]);
  });
});
