// Which month a title names, as opposed to a date that mentions a month; and clock times in Thai text.
import { describe, expect, it } from 'vitest';
import { fileNameMonths, monthLabel, namedMonths } from '../../src/derive/named-months.js';
import { findThaiDates } from '../../src/derive/thai-date.js';
import { findThaiTimes } from '../../src/derive/thai-time.js';

const DEC = { year: 2565, month: 12 };

describe('namedMonths', () => {
  it.each([
    ['สขร.1 ธ.ค. 65', [DEC]],
    ['สขร.1 เดือนธันวาคม 2565', [DEC]],
    ['สรุปผลการจัดซื้อจัดจ้าง ประจำเดือนธันวาคม ๒๕๖๕', [DEC]],
    ['สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2565', [DEC]],
    ['รายงาน ณ วันที่ 5 ธันวาคม 2565', []],
    ['ข้อมูล ณ ธันวาคม 2565', []],
    ['ตั้งแต่ ต.ค. 65 ถึง ธ.ค. 65', []],
    ['สรุปผล ต.ค. 65 - ธ.ค. 65', []],
  ])('%s', (text, months) => {
    expect(namedMonths(text)).toEqual(months);
  });
});

describe('monthLabel: a text that is nothing but a month', () => {
  it.each([
    ['ธันวาคม 2565', DEC],
    ['เดือนธันวาคม ๒๕๖๕', DEC],
    ['3. ประจำเดือน ธ.ค. 65', DEC],
    ['จ้างเหมาบริการรักษาความสะอาด ประจำเดือน ธันวาคม 2565', undefined],
    ['30 ธันวาคม 2565', undefined],
  ])('%s', (text, ym) => {
    expect(monthLabel(text)).toEqual(ym);
  });
});

it('fileNameMonths reads Thai month words and BE year-month numbers', () => {
  expect(fileNameMonths('skr1-2565-12.xlsx')).toEqual([DEC]);
  expect(fileNameMonths('3.สขร.เดือน ธันวาคม2565.pdf')).toEqual([DEC]);
  expect(fileNameMonths('procurement-plan-2566.pdf')).toEqual([]);
});

it('findThaiDates reads a month written against "เดือน" with no space', () => {
  expect(findThaiDates('วันที่ 30 เดือนพฤศจิกายน 2565').map((d) => [d.day, d.month, d.year])).toEqual([[30, 11, 2565]]);
  expect(findThaiDates('สมค 2565')).toEqual([]);
});

describe('findThaiTimes', () => {
  it.each([
    ['เวลา ๐๙.๓๐ น.', true],
    ['ตั้งแต่เวลา 09.00 - 16.30 น.', true],
    ['13:30 นาฬิกา', true],
    ['เวลา 9 นาฬิกา', true],
    ['ราคา 2,520.00 บาท', false],
    ['12.00 นายก อบต. กล่าวเปิด', false],
    ['ลงวันที่ 12.01.2566', false],
  ])('%s', (text, found) => {
    expect(findThaiTimes(text).length > 0).toBe(found);
  });
});
