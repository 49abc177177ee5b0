// `oit rules list | show <framework> <item> | check <folder>`: browse and validate rule sets.
import type { Defect } from '../model/result.js';
import { defectFix } from '../text/say.js';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, listFrameworks, loadRuleSet, resolveRuleSet } from '../rules/load.js';
import { tr, type Lang } from '../lang.js';
import { UsageError } from './errors.js';

const TIME_TEXT: Record<string, [string, string]> = {
  current: ['ข้อมูลปัจจุบัน', 'current'],
  'fiscal-year': ['ภายในปีงบประมาณที่ประเมิน', 'within the assessed fiscal year'],
  'previous-fiscal-year': ['ผลของปีงบประมาณก่อนหน้า', 'results of the previous fiscal year'],
  'first-six-months': ['รอบ 6 เดือนแรกของปีงบประมาณ (ต.ค.–มี.ค.)', 'first six months of the fiscal year (Oct–Mar)'],
  'covers-fiscal-year': ['แผนที่ครอบคลุมปีงบประมาณที่ประเมิน', 'a plan covering the assessed fiscal year'],
  monthly: ['รายเดือน ครบทุกเดือน (ต.ค.–มี.ค.)', 'one per month (Oct–Mar)'],
};

export function rulesList(lang: Lang): string {
  return listFrameworks()
    .map((id) => {
      const rs = loadRuleSet(join(BUILTIN_RULES_DIR, id));
      const flag = rs.framework.provisional ? tr(lang, ' [ชั่วคราว]', ' [provisional]') : '';
      return `${id}\t${rs.items.length} ${tr(lang, 'ข้อ', 'items')}\t${tr(lang, rs.framework.title, rs.framework.titleEn)}${flag}`;
    })
    .join('\n');
}

export function rulesShow(framework: string | undefined, itemId: string | undefined, lang: Lang): string {
  if (!framework) throw new UsageError('usage: oit rules show <framework> [item]');
  const rs = resolveRuleSet(framework);
  if (!itemId) return rs.items.map((i) => `${i.id}\t${rs.subIndicatorOf[i.id]}\t${tr(lang, i.title, i.titleEn)}${i.provisional ? ' *' : ''}`).join('\n');
  const id = itemId.toUpperCase();
  const item = rs.items.find((i) => i.id === id);
  if (!item) throw new UsageError(`item "${itemId}" is not in ${rs.id} (items: ${rs.items.map((i) => i.id).join(' ')})`);
  const lines = [
    `${item.id} ${item.title}`,
    `   ${item.titleEn}`,
    `${tr(lang, 'กรอบ', 'Framework')}: ${rs.id} · ${tr(lang, 'ตัวชี้วัดย่อย', 'sub-indicator')} ${rs.subIndicatorOf[item.id]}${item.provisional ? tr(lang, ' · ยังไม่ยืนยันกับคู่มือ', ' · not confirmed against the manual') : ''}`,
    `${tr(lang, 'ช่วงเวลา', 'Time rule')}: ${tr(lang, ...(TIME_TEXT[item.time] ?? [item.time, item.time]))}`,
    tr(lang, 'องค์ประกอบที่ต้องมี:', 'Required elements:'),
    ...(item.elements.length ? item.elements.map((e) => `  - ${tr(lang, e.th, e.en)}${e.appliesTo === 'local-government' ? tr(lang, ' (อปท.)', ' (local government)') : ''}`) : [tr(lang, '  (ไม่ระบุ)', '  (none listed)')]),
    `${tr(lang, 'คำค้น', 'Keywords')}: ${item.hints.keywords.join(', ')}`,
    `${tr(lang, 'การตรวจ', 'Checks')}: ${item.checks.map((c) => c.check).join(', ')}`,
    tr(lang, 'วิธีแก้เมื่อพบปัญหา:', 'How to fix:'),
  ];
  const kinds = new Set<string>(['not-found', ...(item.elements.length ? ['missing-element'] : []), ...(item.time !== 'current' && item.time !== 'monthly' ? ['out-of-period'] : []), ...(item.time === 'monthly' ? ['month-missing'] : [])]);
  for (const kind of kinds) {
    const text = defectFix(lang, { kind: kind as Defect['kind'], item: item.id, data: {} }, { ...item, fixes: item.fix });
    lines.push(`  [${kind}] ${text}`);
  }
  if (item.note) lines.push(item.note);
  return lines.join('\n');
}

export function rulesCheck(folder: string | undefined, lang: Lang): string {
  if (!folder) throw new UsageError('usage: oit rules check <folder>');
  const rs = loadRuleSet(folder);
  return tr(lang, `ถูกต้อง: ${rs.id} มี ${rs.items.length} ข้อ`, `OK: ${rs.id}, ${rs.items.length} items`);
}
