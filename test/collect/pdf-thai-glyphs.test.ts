// End to end on a fixture PDF made from Word with a Thai font whose tone marks and upper vowels come out as the
// "shifted" glyphs of the Private Use Area (U+F70A, U+F70B, U+F710, ...): extraction must give real Thai text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/collect/documents.js';
import { compactKey, containsAny } from '../../src/derive/thai-text.js';

const pdf = fileURLToPath(new URL('../fixtures/sites/abt-2566/site/files/report/annual-report-2565.pdf', import.meta.url));

describe('PDF with Thai positional glyphs', () => {
  it('extracts annual-report-2565.pdf as real Thai, with no Private Use Area characters left', async () => {
    const x = await extractDocument(readFileSync(pdf), 'https://abt.example.go.th/files/report/annual-report-2565.pdf', 'application/pdf');
    expect(x.error).toBeUndefined();
    expect(x.hasTextLayer).toBe(true);
    expect(x.text).not.toMatch(/[\uE000-\uF8FF]/);
    for (const phrase of ['ส่วนที่ 4 ข้อเสนอแนะ', 'ส่วนที่ 3 ปัญหาและอุปสรรคในการดำเนินงาน', 'ให้ผู้บริหารท้องถิ่น', 'รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2565', 'องค์การบริหารส่วนตำบลบ้านหนองบัว', 'คิดเป็นร้อยละ 81.25'])
      expect(x.text).toContain(phrase);
    expect(containsAny(compactKey(x.text), ['ข้อเสนอแนะ'])).toBe('ข้อเสนอแนะ');
    expect(containsAny(compactKey(x.text), ['ปัญหาและอุปสรรค'])).toBe('ปัญหาและอุปสรรค');
  });
});
