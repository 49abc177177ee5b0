// Thai text normalisation on strings as PDF extraction really gives them: positional glyphs in the Private Use Area,
// SARA AM split or spaced, SARA E typed twice for SARA AE, invisible characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, compactKey, containsAny, foldedPattern, matchKey, normaliseThai } from '../../src/derive/thai-text.js';

// Every Windows (U+F700–U+F71A) and Mac (U+F884–U+F89E) shifted form and the character it draws, as listed in
// HarfBuzz's thai_pua_shape() (src/hb-ot-shaper-thai.cc): SD = shifted down, SDL = down-left, SL = left,
// RD = consonant without its descender.
const SHIFTED: Array<[number, number, string]> = [
  [0xf700, 0x0e10, 'THO THAN, RD'], [0xf701, 0x0e34, 'SARA I, SL'], [0xf702, 0x0e35, 'SARA II, SL'],
  [0xf703, 0x0e36, 'SARA UE, SL'], [0xf704, 0x0e37, 'SARA UEE, SL'], [0xf705, 0x0e48, 'MAI EK, SDL'],
  [0xf706, 0x0e49, 'MAI THO, SDL'], [0xf707, 0x0e4a, 'MAI TRI, SDL'], [0xf708, 0x0e4b, 'MAI CHATTAWA, SDL'],
  [0xf709, 0x0e4c, 'THANTHAKHAT, SDL'], [0xf70a, 0x0e48, 'MAI EK, SD'], [0xf70b, 0x0e49, 'MAI THO, SD'],
  [0xf70c, 0x0e4a, 'MAI TRI, SD'], [0xf70d, 0x0e4b, 'MAI CHATTAWA, SD'], [0xf70e, 0x0e4c, 'THANTHAKHAT, SD'],
  [0xf70f, 0x0e0d, 'YO YING, RD'], [0xf710, 0x0e31, 'MAI HAN-AKAT, SL'], [0xf711, 0x0e4d, 'NIKHAHIT, SL'],
  [0xf712, 0x0e47, 'MAITAIKHU, SL'], [0xf713, 0x0e48, 'MAI EK, SL'], [0xf714, 0x0e49, 'MAI THO, SL'],
  [0xf715, 0x0e4a, 'MAI TRI, SL'], [0xf716, 0x0e4b, 'MAI CHATTAWA, SL'], [0xf717, 0x0e4c, 'THANTHAKHAT, SL'],
  [0xf718, 0x0e38, 'SARA U, SD'], [0xf719, 0x0e39, 'SARA UU, SD'], [0xf71a, 0x0e3a, 'PHINTHU, SD'],
  [0xf884, 0x0e31, 'MAI HAN-AKAT, SL (Mac)'], [0xf885, 0x0e34, 'SARA I, SL (Mac)'], [0xf886, 0x0e35, 'SARA II, SL (Mac)'],
  [0xf887, 0x0e36, 'SARA UE, SL (Mac)'], [0xf888, 0x0e37, 'SARA UEE, SL (Mac)'], [0xf889, 0x0e47, 'MAITAIKHU, SL (Mac)'],
  [0xf88a, 0x0e48, 'MAI EK, SL (Mac)'], [0xf88b, 0x0e48, 'MAI EK, SD (Mac)'], [0xf88c, 0x0e48, 'MAI EK, SDL (Mac)'],
  [0xf88d, 0x0e49, 'MAI THO, SL (Mac)'], [0xf88e, 0x0e49, 'MAI THO, SD (Mac)'], [0xf88f, 0x0e49, 'MAI THO, SDL (Mac)'],
  [0xf890, 0x0e4a, 'MAI TRI, SL (Mac)'], [0xf891, 0x0e4a, 'MAI TRI, SD (Mac)'], [0xf892, 0x0e4a, 'MAI TRI, SDL (Mac)'],
  [0xf893, 0x0e4b, 'MAI CHATTAWA, SL (Mac)'], [0xf894, 0x0e4b, 'MAI CHATTAWA, SD (Mac)'], [0xf895, 0x0e4b, 'MAI CHATTAWA, SDL (Mac)'],
  [0xf896, 0x0e4c, 'THANTHAKHAT, SL (Mac)'], [0xf897, 0x0e4c, 'THANTHAKHAT, SD (Mac)'], [0xf898, 0x0e4c, 'THANTHAKHAT, SDL (Mac)'],
  [0xf899, 0x0e4d, 'NIKHAHIT, SL (Mac)'], [0xf89a, 0x0e0d, 'YO YING, RD (Mac)'], [0xf89b, 0x0e38, 'SARA U, SD (Mac)'],
  [0xf89c, 0x0e39, 'SARA UU, SD (Mac)'], [0xf89d, 0x0e3a, 'PHINTHU, SD (Mac)'], [0xf89e, 0x0e10, 'THO THAN, RD (Mac)'],
];

describe('positional glyphs in the Private Use Area', () => {
  it('maps all of U+F700–U+F71A and U+F884–U+F89E (the table below lists each once)', () => {
    const pua = SHIFTED.map(([p]) => p);
    expect(new Set(pua).size).toBe(pua.length);
    expect(pua.filter((p) => p <= 0xf71a)).toHaveLength(0x1b);
    expect(pua.filter((p) => p >= 0xf884)).toHaveLength(0x1b);
    expect(normaliseThai(String.fromCharCode(...pua))).not.toMatch(/[\uE000-\uF8FF]/);
  });

  const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  it.each(SHIFTED.map(([pua, real, name]) => [`${hex(pua)} → ${hex(real)} (${name})`, pua, real] as const))('%s', (_, pua, real) => {
    // After a consonant, as they come in text; the RD consonant forms on their own.
    const base = real === 0x0e10 || real === 0x0e0d ? '' : 'ก';
    expect(normaliseThai(base + String.fromCharCode(pua))).toBe(base + String.fromCharCode(real));
  });

  // Lines pdf.js extracts from the fixture PDFs (Word documents set in a Thai font with shifted glyphs).
  it.each([
    ['ส\uF70Aวนที่ 4 ข\uF70Bอเสนอแนะ', 'ส่วนที่ 4 ข้อเสนอแนะ'],
    ['ส\uF70Aวนที่ 3 ป\uF710ญหาและอุปสรรคในการดำเนินงาน', 'ส่วนที่ 3 ปัญหาและอุปสรรคในการดำเนินงาน'],
    ['กำหนดให\uF70Bผู\uF70Bบริหารท\uF70Bองถิ่น', 'กำหนดให้ผู้บริหารท้องถิ่น'],
    ['ขั้นตอนที่ 6 รายงานผลต\uF70Aอผู\uF70Bบริหาร', 'ขั้นตอนที่ 6 รายงานผลต่อผู้บริหาร'],
    ['รายงานการกำกับติดตามการดำเนินงานและการใช\uF70Bจ\uF70Aายงบประมาณ', 'รายงานการกำกับติดตามการดำเนินงานและการใช้จ่ายงบประมาณ'],
    ['ไม\uF70Aใช\uF70Bงบ', 'ไม่ใช้งบ'],
    ['ประจำป\uF702งบประมาณ พ.ศ. 2566', 'ประจำปีงบประมาณ พ.ศ. 2566'],
    ['ระยะเวลาเป\uF701ดให\uF70Bบริการ: วันจันทร\uF70E ถึง วันศุกร\uF70E', 'ระยะเวลาเปิดให้บริการ: วันจันทร์ ถึง วันศุกร์'],
    ['ป\uF706องกันอุบัติเหตุช\uF70Aวงป\uF702ใหม\uF70A', 'ป้องกันอุบัติเหตุช่วงปีใหม่'],
    ['คิดเป\uF712นร\uF70Bอยละ 81.25', 'คิดเป็นร้อยละ 81.25'],
    ['โครงการฝ\uF703กอบรมส\uF70Aงเสริมอาชีพการทำปุ\uF708ยหมัก', 'โครงการฝึกอบรมส่งเสริมอาชีพการทำปุ๋ยหมัก'],
    ['จัดซื้อจัดจ\uF70Bาง', 'จัดซื้อจัดจ้าง'],
  ])('%s', (raw, want) => {
    expect(normaliseThai(raw)).toBe(want);
    expect(cleanText(raw)).toBe(want);
  });

  it('unshifts before NFC, so marks end in canonical order (tone mark drawn low before SARA U)', () => {
    expect(normaliseThai('ท\uF70A\u0E38ง')).toBe('ทุ่ง');
    expect(normaliseThai('ท\u0E38\uF70Aง')).toBe('ทุ่ง');
    expect(normaliseThai('กตัญ\uF70F\u0E39')).toBe('กตัญญู');
  });

  it('the judge matches phrases in text saved unnormalised by an older collector', () => {
    const saved = 'ส\uF70Aวนที่ 3 ป\uF710ญหาและอุปสรรคในการดำเนินงาน\nส\uF70Aวนที่ 4 ข\uF70Bอเสนอแนะ\nขั้นตอนที่ 6 รายงานผลต\uF70Aอผู\uF70Bบริหาร\nงบประมาณที่ใช\uF70Bไป 13,917,760 บาท';
    const compact = compactKey(saved);
    for (const phrase of ['ข้อเสนอแนะ', 'ปัญหาและอุปสรรค', 'ผู้บริหาร', 'ขั้นตอน', 'งบประมาณที่ใช้']) {
      expect(containsAny(compact, [phrase]), phrase).toBe(phrase);
      expect(foldedPattern([phrase]).test(compact), phrase).toBe(true);
    }
    expect(matchKey('ป\uF710ญหาและอุปสรรค')).toBe(matchKey('ปัญหาและอุปสรรค'));
  });
});

describe('SARA E typed twice for SARA AE', () => {
  it.each([
    ['เเผนการดำเนินงาน', 'แผนการดำเนินงาน'],
    ['ประกาศใช้เเผนพัฒนาท้องถิ่น เเละ', 'ประกาศใช้แผนพัฒนาท้องถิ่น และ'],
    ['เ\u200Bเผนการจัดซื้อจัดจ้าง', 'แผนการจัดซื้อจัดจ้าง'],
    ['เเก\uF70Bไขเพิ่มเติม', 'แก้ไขเพิ่มเติม'],
  ])('%s', (raw, want) => expect(normaliseThai(raw)).toBe(want));

  it('matches "แผน" phrases', () => {
    expect(compactKey('เเผนการดำเนินงาน')).toBe(compactKey('แผนการดำเนินงาน'));
    expect(containsAny(compactKey('ประกาศใช้เเผนการดำเนินงาน ประจำปีงบประมาณ 2566'), ['แผนการดำเนินงาน'])).toBe('แผนการดำเนินงาน');
  });
});

describe('split SARA AM', () => {
  it.each([
    ['ค\u0E4D \u0E32สั่ง', 'คำสั่ง'],
    ['ส านักปลัด', 'สำนักปลัด'],
    ['ค าสั่ง', 'คำสั่ง'],
    ['จ านวน 64 โครงการ ด าเนินการแล้ว', 'จำนวน 64 โครงการ ดำเนินการแล้ว'],
    ['น\u0E49 \u0E32', 'น้ำ'],
    ['ป\uF711\u0E32', 'ปำ'],
  ])('%s', (raw, want) => expect(normaliseThai(raw)).toBe(want));

  it('takes a space between a consonant and SARA AA for the NIKHAHIT PDF extraction lost, and only there', () => {
    expect(compactKey('ส านักปลัด')).toBe(compactKey('สำนักปลัด'));
    expect(matchKey('ค าสั่ง อบต.')).toBe(matchKey('คำสั่ง อบต.'));
    expect(normaliseThai('1. า')).toBe('1. า');
  });
});

describe('normaliseThai properties', () => {
  const thaiish = fc.string({ unit: fc.constantFrom(...'กขปญฐนเแาำะ \u0E31\u0E34\u0E38\u0E48\u0E49\u0E4C\u0E4D\u200B\u00A0\u2060\t\uF700\uF702\uF70A\uF70B\uF70F\uF710\uF711\uF718\uF88E'), maxLength: 24 });
  it('leaves no positional glyph or doubled SARA E, and is idempotent', () => {
    fc.assert(
      fc.property(thaiish, (s) => {
        const n = normaliseThai(s);
        expect(n).not.toMatch(/[\uF700-\uF71A\uF884-\uF89E]|\u0E40\u0E40/);
        expect(normaliseThai(n)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});
