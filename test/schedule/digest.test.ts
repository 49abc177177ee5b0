// The alert's words: a file replaced during the assessment, and a grade drop said with the reports' rating sentence.
import { describe, expect, it } from 'vitest';
import { buildDigest, digestText } from '../../src/schedule/digest.js';
import { computeScore } from '../../src/score.js';
import { resolveRuleSet } from '../../src/rules/load.js';
import { goldenResult } from '../fixtures/hostile-result.js';

describe('alert digest', () => {
  const previous = goldenResult();

  it('names an evidence file changed inside the assessment window, with the assessors\' rule', () => {
    const current = structuredClone(previous);
    const o21 = current.items.find((i) => i.id === 'O21')!;
    o21.defects.push({ kind: 'evidence-changed', item: 'O21', url: 'http://demo.oit.test/files/skr1-mar-2566.xlsx', data: { previousAsOf: '2023-05-01' } });
    const d = buildDigest('demo', 2, current, previous)!;
    expect(d.changedEvidence).toEqual([{ id: 'O21', url: 'http://demo.oit.test/files/skr1-mar-2566.xlsx' }]);
    expect(digestText(d, 'อบต.ทดสอบ', 'th')).toContain('อัปเดตไฟล์หลักฐานระหว่างการประเมินต้องมีหนังสือชี้แจง');
  });

  it('a grade drop is said with the same rating sentence the reports use', () => {
    const current = structuredClone(previous);
    current.score = computeScore({ scoring: resolveRuleSet('ita-2566').scoring, oit: 70 });
    const d = buildDigest('demo', 2, current, previous)!;
    expect(d.gradeDrop).toEqual({ from: 'ผ่านดี', to: 'ผ่าน' });
    expect(digestText(d, 'Test', 'en')).toContain('OIT 70.00: "ผ่าน" (Pass) is still possible; "ผ่านดี" (Good) needs OIT ≥ 85');
  });
});
