// Year to year: the item map between frameworks (rules diff, an index page that still uses last year's numbering), a
// file replaced inside the assessment window, and a year that expects a spreadsheet beside the PDF.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatsOffered } from '../../src/checks/formats-offered.js';
import { frameworkMoves } from '../../src/commands/rules.js';
import { judge } from '../../src/judge/judge.js';
import { BUILTIN_RULES_DIR, loadRuleSet, resolveRuleSet } from '../../src/rules/load.js';
import { say } from '../../src/text/say.js';
import { ctx, childDoc, pageTarget } from '../checks/context.js';
import { artifacts, doc, page, SITE } from '../fixtures/artifacts.js';

const rs = (id: string) => loadRuleSet(join(BUILTIN_RULES_DIR, id));
const home = { ...page('/', 'องค์การบริหารส่วนตำบลทดสอบ', 'ยินดีต้อนรับ', [{ url: `${SITE}/ita/`, text: 'ITA' }]), depth: 0 };

describe('the year-to-year item map (rule data: each item says what it continues)', () => {
  it('ita-2569 → ita-2570: every item keeps its number', () => {
    const { moves } = frameworkMoves(rs('ita-2569'), rs('ita-2570'));
    expect(moves).toHaveLength(26);
    expect(moves.every((m) => m.kind === 'same')).toBe(true);
  });

  it('ita-2568 → ita-2569: statistics merged into E-Service, No Gift merged, the measures split, the rest renumbered', () => {
    const { moves } = frameworkMoves(rs('ita-2568'), rs('ita-2569'));
    expect(moves).toContainEqual({ kind: 'merged', from: ['O10', 'O11'], to: ['O10'] });
    expect(moves).toContainEqual({ kind: 'renumbered', from: ['O12'], to: ['O11'] });
    expect(moves).toContainEqual({ kind: 'merged', from: ['O21', 'O22'], to: ['O20'] });
    expect(moves).toContainEqual({ kind: 'split', from: ['O27'], to: ['O25', 'O26'] });
    expect(moves.filter((m) => m.kind === 'new' || m.kind === 'dropped')).toEqual([]);
  });

  it('any pair, either order, composed along the chain: 2566 → 2570 shows dropped items, and 2570 → 2566 the same map turned round', () => {
    const forward = frameworkMoves(rs('ita-2566'), rs('ita-2570'));
    expect(forward.from.id).toBe('ita-2566');
    // The PDPA item (2566 O10) and the Q&A item (O8) have no continuation; Q&A returns inside 2569 O3 only as an element.
    expect(forward.moves).toContainEqual({ kind: 'dropped', from: ['O10'], to: [] });
    expect(forward.moves).toContainEqual({ kind: 'merged', from: ['O1', 'O3'], to: ['O1'] });
    const backward = frameworkMoves(rs('ita-2570'), rs('ita-2566'));
    expect(backward.moves).toEqual(forward.moves);
    // ita-2565 → ita-2566 (list A → list B): PDPA is new.
    expect(frameworkMoves(rs('ita-2565'), rs('ita-2566')).moves).toContainEqual({ kind: 'new', from: [], to: ['O10'] });
  });

  it('an ITA 2568 index page judged for ITA 2569 says which new numbers its items move to', () => {
    const old = page('/ita2568/', 'ITA 2568 การเปิดเผยข้อมูลสาธารณะ ปีงบประมาณ พ.ศ. 2568', 'ตาราง', rs('ita-2568').items.map((i) => ({ url: `${SITE}/old/${i.id}.html`, text: i.title, context: `${i.id} ${i.title}` })));
    const r = judge(artifacts([home, old]), rs('ita-2569'), { asOf: '2026-01-10' });
    const w = r.warnings.find((x) => x.code === 'index-old-numbering')!;
    expect(w.data).toMatchObject({ url: `${SITE}/ita2568/`, year: 2568, previous: 'ita-2568', framework: 'ita-2569' });
    expect(w.data.moves).toContainEqual({ from: ['O12'], to: ['O11'] });
    expect(w.data.moves).not.toContainEqual({ from: ['O1'], to: ['O1'] });
    expect(say('th', w)).toContain('O12 → O11');
    expect(say('en', w)).toContain('O21 + O22 → O20');
    expect(say('en', w)).toContain('O27 → O25 / O26');
    // Never used as this year's index.
    expect(r.items.every((i) => i.evidence.every((e) => e.via !== 'index'))).toBe(true);
  });

  it('an ITA 2569 index judged for ITA 2570 (same numbers) says the numbers carry over', () => {
    const old = page('/ita2569/', 'ITA 2569 ปีงบประมาณ พ.ศ. 2569', 'ตาราง', rs('ita-2569').items.map((i) => ({ url: `${SITE}/old/${i.id}.html`, text: i.title, context: `${i.id} ${i.title}` })));
    const r = judge(artifacts([home, old]), rs('ita-2570'), { asOf: '2026-12-01' });
    const w = r.warnings.find((x) => x.code === 'index-old-numbering')!;
    expect(w.data.moves).toEqual([]);
    expect(say('en', w)).toContain('every item keeps its number');
  });
});

describe('a published file changed between two audits inside the assessment window', () => {
  const hash = (c: string) => c.repeat(64);
  const build = (sha: string) => {
    const index = page('/ita/', 'ITA 2569 ปีงบประมาณ พ.ศ. 2569', 'ตาราง', rs('ita-2569').items.map((i) => ({ url: i.id === 'O23' ? `${SITE}/files/plan.pdf` : `${SITE}/oit/${i.id}.html`, text: i.title, context: `${i.id} ${i.title}` })));
    const plan = doc('/files/plan.pdf', 'แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569\nโครงการ | งบประมาณ | ระยะเวลา\nอบรมคุณธรรม | 15,000 บาท | ก.พ. 2569', { sha256: sha });
    return artifacts([home, index], [plan]);
  };
  const first = judge(build(hash('a')), rs('ita-2569'), { asOf: '2026-03-10' });

  it('keeps a hash of each evidence file in the result', () => expect(first.evidenceFiles[`${SITE}/files/plan.pdf`]).toBe(hash('a')));

  it('flags the file on its item, as a warning (the outcome stands), with the words assessors use', () => {
    const r = judge(build(hash('b')), rs('ita-2569'), { asOf: '2026-03-25', previous: first });
    const o23 = r.items.find((i) => i.id === 'O23')!;
    const d = o23.defects.find((x) => x.kind === 'evidence-changed')!;
    expect(d).toMatchObject({ url: `${SITE}/files/plan.pdf`, data: { previousAsOf: '2026-03-10' } });
    expect(o23.outcome).toBe(judge(build(hash('a')), rs('ita-2569'), { asOf: '2026-03-25', previous: first }).items.find((i) => i.id === 'O23')!.outcome);
    expect(say('th', { code: 'fix.evidence-changed', data: {} })).toContain('อัปเดตไฟล์หลักฐานระหว่างการประเมินต้องมีหนังสือชี้แจง');
  });

  it('says nothing outside the window, across fiscal years, or when the file is unchanged', () => {
    const kinds = (asOf: string, prev = first, sha = hash('b')) => judge(build(sha), rs('ita-2569'), { asOf, previous: prev }).defects.map((d) => d.kind);
    expect(kinds('2026-08-01')).not.toContain('evidence-changed');
    expect(kinds('2026-03-25', { ...first, asOf: '2026-02-01' })).not.toContain('evidence-changed');
    expect(kinds('2026-03-25', first, hash('a'))).not.toContain('evidence-changed');
  });
});

describe('formats-offered: a spreadsheet beside the PDF where the year expects both', () => {
  const item = resolveRuleSet('ita-2569').items.find((i) => i.id === 'O11')!;
  const opts = formatsOffered.options.parse({ expect: ['pdf', 'spreadsheet'] });
  it('a PDF alone is a warning, never a fail', () => {
    const out = formatsOffered.run(ctx([pageTarget('สขร.1', { children: [childDoc('/files/skr1-oct.pdf', 'สรุปผล')] })], { item }), opts);
    expect(out.status).toBe('pass');
    expect(out.defects).toEqual([expect.objectContaining({ kind: 'format-missing', data: expect.objectContaining({ expectedEn: 'spreadsheet (XLSX/XLS/CSV)' }) })]);
  });
  it('PDF and XLSX together, or neither (an HTML table), raise nothing', () => {
    const both = [childDoc('/files/skr1-oct.pdf', 'สรุปผล'), { url: `${SITE}/files/skr1-oct.xlsx`, anchor: 'XLSX' }];
    expect(formatsOffered.run(ctx([pageTarget('สขร.1', { children: both })], { item }), opts).defects).toEqual([]);
    expect(formatsOffered.run(ctx([pageTarget('ตาราง สขร.1')], { item }), opts).defects).toEqual([]);
  });
  it('ITA 2569 and 2570 expect both for the monthly procurement summary and the complaint statistics', () => {
    for (const fw of ['ita-2569', 'ita-2570'])
      expect(rs(fw).items.filter((i) => i.checks.some((c) => c.check === 'formats-offered')).map((i) => i.id), fw).toEqual(['O11', 'O18']);
  });
});
