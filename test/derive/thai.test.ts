// Thai dates, fiscal periods, e-GP numbers, item labels and text normalisation, table-driven and property-based.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { egpFromTables, isValidEgp } from '../../src/derive/egp.js';
import { fiscalMonths, fiscalYearOf, fiscalYearOfIso, monthKey, THAI_MONTHS } from '../../src/derive/fiscal.js';
import { parseItemLabel } from '../../src/derive/labels.js';
import { findThaiDates, findYearMentions } from '../../src/derive/thai-date.js';
import { compactKey, normaliseThai } from '../../src/derive/thai-text.js';

const ABBR = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const thaiDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));

describe('findThaiDates', () => {
  it.each([
    ['15 มีนาคม 2567', { year: 2567, month: 3, day: 15 }],
    ['๑๕ มีนาคม ๒๕๖๗', { year: 2567, month: 3, day: 15 }],
    ['15 มี.ค. 2567', { year: 2567, month: 3, day: 15 }],
    ['15 มีค 67', { year: 2567, month: 3, day: 15 }],
    ['ต.ค.66', { year: 2566, month: 10 }],
    ['1/10/66', { year: 2566, month: 10, day: 1 }],
    ['66-10-01', { year: 2566, month: 10, day: 1 }],
    ['15/03/2567', { year: 2567, month: 3, day: 15 }],
    ['วันที่ 1 ตุลาคม พ.ศ. 2566', { year: 2566, month: 10, day: 1 }],
    ['มิถุนายน 9, 2026', { year: 2569, month: 6, day: 9 }],
    ['2024-03-15', { year: 2567, month: 3, day: 15 }],
    ['3 กรกฏาคม 2565', { year: 2565, month: 7, day: 3 }],
  ])('%s', (text, want) => {
    const [d] = findThaiDates(text);
    expect(d).toMatchObject(want);
  });

  it('refuses a year converted twice (2568+543) and impossible days', () => {
    expect(findThaiDates('31 กุมภาพันธ์ 2566')).toHaveLength(0);
    expect(findThaiDates('1 มกราคม 3111')).toHaveLength(0);
  });

  it('does not read a month abbreviation out of another word', () => expect(findThaiDates('สมค 2566')).toHaveLength(0));

  it('property: any valid date written in any supported style parses back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2540, max: 2590 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 5 }), (y, m, d, style) => {
        const yy = String(y % 100).padStart(2, '0');
        const text = [
          `${d} ${THAI_MONTHS[m - 1]} ${y}`,
          `${d} ${ABBR[m - 1]} ${y}`,
          `${d} ${ABBR[m - 1]}${yy}`,
          `${d}/${m}/${y}`,
          thaiDigits(`${d} ${THAI_MONTHS[m - 1]} ${y}`),
          `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y - 543}`,
        ][style]!;
        const found = findThaiDates(`ประกาศ ณ วันที่ ${text} เป็นต้นไป`);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ year: y, month: m, day: d });
      }),
      { numRuns: 400 },
    );
  });
});

describe('fiscal year', () => {
  it('runs October to September and is named by its end', () => {
    expect(fiscalYearOf({ year: 2565, month: 10 })).toBe(2566);
    expect(fiscalYearOf({ year: 2566, month: 9 })).toBe(2566);
    expect(fiscalYearOfIso('2023-05-15')).toBe(2566);
    expect(fiscalYearOfIso('2026-11-26')).toBe(2570);
    expect(fiscalMonths(2566, 6).map(monthKey)).toEqual(['2565-10', '2565-11', '2565-12', '2566-01', '2566-02', '2566-03']);
  });
  it('reads fiscal-year mentions and plan spans', () => {
    expect(findYearMentions('แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)')[0]).toMatchObject({ kind: 'range', year: 2566, to: 2570 });
    expect(findYearMentions('ประจำปีงบประมาณ พ.ศ. ๒๕๖๖')[0]).toMatchObject({ kind: 'fiscal', year: 2566 });
    expect(findYearMentions('ปีงบ 66')[0]).toMatchObject({ kind: 'fiscal', year: 2566 });
  });
});

describe('e-GP numbers', () => {
  it('are 11 digits after Thai digits, spaces and dashes are normalised', () => {
    expect(isValidEgp('66017123456')).toBe(true);
    expect(isValidEgp('๖๖๐๑๗๑๒๓๔๕๖')).toBe(true);
    expect(isValidEgp('6601-712-3456')).toBe(true);
    expect(isValidEgp('6601-712-34')).toBe(false);
    expect(isValidEgp('660 1712 3456')).toBe(true);
    expect(isValidEgp('6601912345')).toBe(false);
  });

  it('marks an 11-digit number whose year prefix is far from the fiscal year, without calling it malformed', () => {
    const rows = [['ลำดับ', 'เลขที่โครงการ'], ['1', '65017123456'], ['2', '67017123456'], ['3', '61017123456']];
    const f = egpFromTables([{ rows, truncated: false }], 2566);
    expect(f.map((x) => [x.valid, x.problem ?? null])).toEqual([[true, null], [true, null], [true, 'year-prefix']]);
  });

  it('property: the extractor reports exactly the malformed numbers of an e-GP column, with their ลำดับ', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 8, max: 13 }), fc.boolean()), { minLength: 1, maxLength: 30 }), (spec) => {
        const rows = [['ลำดับ', 'เลขที่โครงการ', 'ชื่อโครงการ', 'เลขคุมสัญญา']];
        spec.forEach(([len, thai], i) => {
          const n = `66${'7'.repeat(len - 2)}`;
          rows.push([String(i + 1), thai ? thaiDigits(n) : n, 'โครงการ', '123456789012']);
        });
        const found = egpFromTables([{ rows, truncated: false }], 2566);
        expect(found).toHaveLength(spec.length);
        const bad = found.filter((f) => !f.valid).map((f) => f.row);
        expect(bad).toEqual(spec.flatMap(([len], i) => (len === 11 ? [] : [i + 1])));
      }),
    );
  });
});

describe('item labels', () => {
  it.each([
    ['O1 โครงสร้าง', 1, 'o'],
    ['o12', 12, 'o'],
    ['OIT 24 รายงาน', 24, 'oit'],
    ['029 ข้อมูลเชิงสถิติ', 29, 'zero'],
    ['ข้อ ๑๒ แผน', 12, 'kho'],
    ['ข้อ o5', 5, 'kho'],
    ['O.3 อำนาจหน้าที่', 3, 'o'],
    ['MOIT1 การเปิดเผย', 1, 'moit'],
  ])('%s → %i', (text, n, style) => expect(parseItemLabel(text)).toMatchObject({ n, style }));
  it('ignores labels deep inside a sentence and ordinary words', () => {
    expect(parseItemLabel('ข้อมูลผู้บริหาร')).toBeUndefined();
    expect(parseItemLabel('รายงานประจำปีที่เผยแพร่บนเว็บไซต์ o1')).toBeUndefined();
  });
});

describe('Thai text normalisation', () => {
  it('joins the split SARA AM of PDF extraction and drops zero-width spaces', () => {
    expect(normaliseThai('ค\u0e4d\u0e32\u200bสั่ง')).toBe('คำสั่ง');
    expect(normaliseThai('น\u0e49\u0e4d\u0e32')).toBe('น้ำ');
  });
  it('matches phrases across the faults of Thai PDF fonts', () => {
    expect(compactKey('งบประมำณ')).toBe(compactKey('งบประมาณ'));
    expect(compactKey('เทศบาลตาบล')).toBe(compactKey('เทศบาลตำบล'));
    expect(compactKey('ขอกำหนดจริยธรรมเจาหนาที่')).toBe(compactKey('ข้อกำหนดจริยธรรมเจ้าหน้าที่'));
    expect(compactKey('ราย งาน ผล')).toBe(compactKey('รายงานผล'));
  });
});
