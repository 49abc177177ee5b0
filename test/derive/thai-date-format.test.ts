// Dates as every report writes them: Thai BE with Thai month abbreviations, times in Asia/Bangkok.
import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant } from '../../src/derive/thai-date.js';

describe('formatDate', () => {
  it('writes an ISO date the Thai way, BE year and abbreviated month', () => {
    expect(formatDate('2023-05-15', 'th')).toBe('15 พ.ค. 2566');
    expect(formatDate('2022-10-01', 'th')).toBe('1 ต.ค. 2565');
    expect(formatDate('2026-12-31', 'th')).toBe('31 ธ.ค. 2569');
    expect(formatDate('2023-05-15', 'en')).toBe('15 May 2023');
  });
  it('leaves what is not a date as it is', () => {
    expect(formatDate('', 'th')).toBe('');
    expect(formatDate('soon', 'th')).toBe('soon');
  });
});

describe('formatInstant', () => {
  it('shows a UTC timestamp as Bangkok wall time (UTC+7), crossing midnight into the next day', () => {
    expect(formatInstant('2023-05-15T01:01:00.000Z', 'th')).toBe('15 พ.ค. 2566 เวลา 08:01 น.');
    expect(formatInstant('2023-05-15T20:30:00Z', 'th')).toBe('16 พ.ค. 2566 เวลา 03:30 น.');
    expect(formatInstant('2022-12-31T17:00:00Z', 'th')).toBe('1 ม.ค. 2566 เวลา 00:00 น.');
    expect(formatInstant('2023-05-15T01:01:00.000Z', 'en')).toBe('15 May 2023, 08:01 (Bangkok time)');
  });
  it('returns what is not a timestamp unchanged', () => {
    expect(formatInstant('', 'th')).toBe('');
  });
});
