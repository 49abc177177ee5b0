// Every shipped framework is complete and consistent; an edited rule folder is rejected with file and JSON path.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/registry.js';
import { InputError } from '../src/model/input-error.js';
import { DEFECT_KINDS } from '../src/model/rule-set.js';
import { codesOf, defectText } from '../src/text/say.js';
import { BUILTIN_RULES_DIR, frameworkForDate, listFrameworks, loadRuleSet } from '../src/rules/load.js';
import { GENERIC_WORDS } from '../src/rules/generic-words.js';
import { compactKey } from '../src/derive/thai-text.js';

describe('shipped frameworks', () => {
  const ids = listFrameworks();
  it('ships ita-2565, ita-2566, ita-2568, ita-2569 and ita-2570', () => expect(ids).toEqual(['ita-2565', 'ita-2566', 'ita-2568', 'ita-2569', 'ita-2570']));

  // Completeness (unique ids, every item placed once, checks and options valid, messages) is the loader's job and is
  // proven by the edited-folder cases below; here each shipped folder must simply load.
  it.each(ids)('%s loads without a problem', (id) => expect(() => loadRuleSet(join(BUILTIN_RULES_DIR, id))).not.toThrow());

  it('list A and list B are different lists under the same ids (O21 differs)', () => {
    const a = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2565')).items.find((i) => i.id === 'O21')!;
    const b = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566')).items.find((i) => i.id === 'O21')!;
    expect(a.title).not.toBe(b.title);
    expect(loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2565')).items).toHaveLength(43);
    expect(loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566')).items).toHaveLength(43);
  });

  it('picks the framework of the assessment a date prepares for: from October N−1, ITA N', () => {
    expect(frameworkForDate('2026-12-01')).toMatchObject({ id: 'ita-2570', year: 2570, exact: true, provisional: true });
    expect(frameworkForDate('2026-09-30')).toMatchObject({ id: 'ita-2569', year: 2569 });
    expect(frameworkForDate('2026-10-01')).toMatchObject({ id: 'ita-2570', year: 2570 });
    expect(frameworkForDate('2023-05-15')).toMatchObject({ id: 'ita-2566', year: 2566, exact: true, provisional: false });
    expect(frameworkForDate('2022-01-10')).toMatchObject({ id: 'ita-2565', year: 2565 });
    // No 2567 framework: the newest one before it; after 2570 the newest shipped; before 2564 the oldest.
    expect(frameworkForDate('2024-03-01')).toMatchObject({ id: 'ita-2566', year: 2567, exact: false });
    expect(frameworkForDate('2029-01-01')).toMatchObject({ id: 'ita-2570', exact: false });
    expect(frameworkForDate('2019-01-01')).toMatchObject({ id: 'ita-2565', exact: false });
  });

  it('every provisional framework, item and grouping says why; every later framework says what each item continues', () => {
    for (const id of ids) {
      const rs = loadRuleSet(join(BUILTIN_RULES_DIR, id));
      if (rs.framework.provisional) expect(rs.framework.banner, id).toBeDefined();
      for (const i of rs.items) if (i.provisional) expect(i.provisionalReason, `${id} ${i.id}`).toBeTruthy();
      for (const sub of rs.scoring.indicators.flatMap((x) => x.subIndicators)) if (sub.provisional) expect(sub.provisionalReason, `${id} ${sub.id}`).toBeTruthy();
      if (rs.framework.previous) for (const i of rs.items) expect(i.continues, `${id} ${i.id}`).toBeDefined();
    }
  });
});

describe('a rule folder someone edited', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-rules-'));
    cpSync(join(BUILTIN_RULES_DIR, 'ita-2566'), dir, { recursive: true });
    return dir;
  };
  const edit = (dir: string, file: string, fn: (j: any) => void) => {
    const j = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    fn(j);
    writeFileSync(join(dir, file), JSON.stringify(j));
  };
  const problems = (dir: string) => {
    try {
      loadRuleSet(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as InputError).message;
    }
    throw new Error('expected the folder to be rejected');
  };

  it('names the file and JSON path of a bad field', () => {
    const dir = copy();
    edit(dir, 'items.json', (j) => (j.items[3].time = 'sometime'));
    expect(problems(dir)).toMatch(/items\.json[\s\S]*items\[3\]\.time/);
  });

  it('rejects an unknown check and bad check options', () => {
    const dir = copy();
    edit(dir, 'items.json', (j) => {
      j.items[0].checks.push({ check: 'no-such-check' });
      j.items[20].checks.find((c: any) => c.check === 'monthly-coverage').options.months = 99;
    });
    const msg = problems(dir);
    expect(msg).toContain('items[0].checks[');
    expect(msg).toContain('unknown check "no-such-check"');
    expect(msg).toMatch(/items\[20\]\.checks\[\d+\]\.options\.months/);
  });

  it('rejects an item placed in two sub-indicators and one placed nowhere', () => {
    const dir = copy();
    edit(dir, 'scoring.json', (j) => {
      j.indicators[0].subIndicators[0].items.push('O11');
      j.indicators[1].subIndicators[1].items = j.indicators[1].subIndicators[1].items.filter((x: string) => x !== 'O43');
    });
    const msg = problems(dir);
    expect(msg).toContain('item O11 is already in sub-indicator');
    expect(msg).toContain('item O43 is in no sub-indicator');
  });

  it('rejects an element phrase that can never match or proves nothing: too short, the item\'s own title, a generic word', () => {
    const dir = copy();
    edit(dir, 'items.json', (j) => {
      const o11 = j.items.findIndex((i: any) => i.id === 'O11');
      j.items[o11].elements[1].anyOf.push('บาท');
      j.items[o11].elements[0].anyOf.push(' โครงการ ');
      j.items[4].elements[2].anyOf.push('@');
      j.items[0].elements[0].anyOf.push(j.items[0].title);
      j.items[0].elements[1].anyOf.push('ก อ ง');
    });
    const msg = problems(dir);
    expect(msg).toMatch(/items\.json[\s\S]*items\[10\]\.elements\[1\]\.anyOf\[\d+\][\s\S]*"บาท"[\s\S]*generic word/);
    expect(msg).toMatch(/items\[10\]\.elements\[0\]\.anyOf\[\d+\][\s\S]*" โครงการ "[\s\S]*generic word/);
    expect(msg).toMatch(/items\[4\]\.elements\[2\]\.anyOf\[\d+\][\s\S]*"@"[\s\S]*shorter than 2 characters/);
    expect(msg).toMatch(/items\[0\]\.elements\[0\]\.anyOf\[\d+\][\s\S]*own title/);
    // Compared after normalisation: spaces, tone marks and Thai digits do not hide a generic word.
    expect(msg).toMatch(/items\[0\]\.elements\[1\]\.anyOf\[\d+\][\s\S]*"ก อ ง"[\s\S]*generic word/);
  });

  it('every generic word is one the judge compares by (non-empty once normalised)', () => {
    for (const w of GENERIC_WORDS) expect(compactKey(w).length, w).toBeGreaterThanOrEqual(2);
  });

  it('a folder still carrying a messages.json of the old layout loads (the file is ignored: wording is in src/text)', () => {
    const dir = copy();
    writeFileSync(join(dir, 'messages.json'), '{}');
    expect(() => loadRuleSet(dir)).not.toThrow();
  });

  it('rejects a provisional item without its reason, and a continued item the previous framework lacks', () => {
    const dir = copy();
    edit(dir, 'items.json', (j) => {
      j.items[2].provisional = true;
      j.items[5].continues = ['O77'];
      delete j.items[6].continues;
    });
    const msg = problems(dir);
    expect(msg).toMatch(/items\[2\]\.provisionalReason/);
    expect(msg).toMatch(/items\[5\]\.continues\[0\][\s\S]*O77 is not an item of ita-2565/);
    expect(msg).toMatch(/items\[6\]\.continues/);
  });

  it('rejects a provisional framework without a banner and bands out of order', () => {
    const dir = copy();
    edit(dir, 'framework.json', (j) => (j.provisional = true));
    edit(dir, 'scoring.json', (j) => j.bands.reverse());
    const msg = problems(dir);
    expect(msg).toMatch(/framework\.json[\s\S]*banner/);
    expect(msg).toContain('highest first');
  });

  it('rejects a file that is not JSON', () => {
    const dir = copy();
    writeFileSync(join(dir, 'scoring.json'), '{ not json');
    expect(problems(dir)).toMatch(/scoring\.json[\s\S]*not valid JSON/);
  });
});

describe('wording (src/text)', () => {
  it('Thai and English know the same codes, and every defect kind has a message and a fix in both', () => {
    expect([...codesOf('th')].sort()).toEqual([...codesOf('en')].sort());
    for (const kind of DEFECT_KINDS) {
      expect(codesOf('th'), kind).toContain(`defect.${kind}`);
      expect(codesOf('th'), kind).toContain(`fix.${kind}`);
      // The reports name each kind in a word or two (badges, junit, the answer sheet).
      expect(codesOf('th'), kind).toContain(`kind.${kind}`);
    }
    for (const check of Object.values(CHECKS)) for (const kind of check.defects) expect(codesOf('en'), `${check.id} ${kind}`).toContain(`defect.${kind}`);
  });

  it('an English rendering of a defect has no Thai in it, and a Thai one is Thai', () => {
    const d = { kind: 'egp-invalid' as const, url: 'http://x.go.th/a.pdf', data: { value: '6601234567', normalized: '6601234567', row: 19, problem: 'length' } };
    expect(defectText('en', d)).not.toMatch(/[\u0E00-\u0E7F]/);
    expect(defectText('en', d)).toContain('10 digits');
    expect(defectText('th', d)).toContain('แถวที่ 19');
    const prefix = { ...d, data: { value: '64012345678', normalized: '64012345678', row: 3, problem: 'year-prefix' } };
    expect(defectText('th', prefix)).not.toContain('ไม่ใช่ตัวเลข 11 หลัก');
  });
});
