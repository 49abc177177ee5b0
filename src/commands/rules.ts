// `oit rules list | show <framework> <item> | check <folder> | diff <a> <b>`: browse, validate and compare rule sets.
import type { Defect } from '../model/result.js';
import type { RuleSet } from '../model/rule-set.js';
import { defectFix } from '../text/say.js';
import { join } from 'node:path';
import { composeEdges, movesOf, stepEdges, type ItemMove, type MoveKind } from '../rules/item-map.js';
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

/** A framework's status in words: confirmed, provisional (some of it unconfirmed), or unconfirmed throughout. */
function statusWord(rs: RuleSet, lang: Lang): string {
  if (!rs.framework.provisional) return tr(lang, 'ยืนยันแล้ว', 'confirmed');
  const all = rs.items.every((i) => i.provisional);
  return all ? tr(lang, 'ชั่วคราว: ยังไม่ยืนยันทุกข้อ', 'provisional: every item unconfirmed') : tr(lang, `ชั่วคราว: ยังไม่ยืนยัน ${rs.items.filter((i) => i.provisional).length} ข้อ`, `provisional: ${rs.items.filter((i) => i.provisional).length} items unconfirmed`);
}

/** The time rule in the framework's own years ("ต.ค. 2569 – มี.ค. 2570" for ITA 2570), for a one-year framework. */
function periodOf(time: string, rs: RuleSet, lang: Lang): string {
  const years = rs.framework.assessmentYears;
  if (years.length !== 1 || time === 'current') return '';
  const fy = years[0]!;
  const span: Record<string, [string, string]> = {
    'fiscal-year': [`ต.ค. ${fy - 1} – ก.ย. ${fy}`, `Oct ${fy - 1} – Sep ${fy}`],
    'previous-fiscal-year': [`ปีงบประมาณ ${fy - 1}: ต.ค. ${fy - 2} – ก.ย. ${fy - 1}`, `fiscal year ${fy - 1}: Oct ${fy - 2} – Sep ${fy - 1}`],
    'first-six-months': [`ต.ค. ${fy - 1} – มี.ค. ${fy}`, `Oct ${fy - 1} – Mar ${fy}`],
    monthly: [`ต.ค. ${fy - 1} – มี.ค. ${fy}`, `Oct ${fy - 1} – Mar ${fy}`],
    'covers-fiscal-year': [`ปีงบประมาณ ${fy}`, `fiscal year ${fy}`],
  };
  const s = span[time];
  return s ? ` (${tr(lang, ...s)})` : '';
}

export function rulesList(lang: Lang): string {
  return listFrameworks()
    .map((id) => {
      const rs = loadRuleSet(join(BUILTIN_RULES_DIR, id));
      return `${id}\tITA ${rs.framework.assessmentYears.join(', ')}\t${rs.items.length} ${tr(lang, 'ข้อ', 'items')}\t[${statusWord(rs, lang)}]\t${tr(lang, rs.framework.title, rs.framework.titleEn)}`;
    })
    .join('\n');
}

const banner = (rs: RuleSet, lang: Lang): string[] => (rs.framework.banner ? [`! ${tr(lang, rs.framework.banner.th, rs.framework.banner.en)}`] : []);

export function rulesShow(framework: string | undefined, itemId: string | undefined, lang: Lang): string {
  if (!framework) throw new UsageError('usage: oit rules show <framework> [item]');
  const rs = resolveRuleSet(framework);
  if (!itemId)
    return [
      ...banner(rs, lang),
      ...rs.items.map((i) => `${i.id}\t${rs.subIndicatorOf[i.id]}\t${tr(lang, i.title, i.titleEn)}${i.provisional ? ' *' : ''}`),
      ...(rs.items.some((i) => i.provisional) ? [tr(lang, '* ยังไม่ยืนยันกับคู่มือ (oit rules show <กรอบ> <ข้อ> บอกเหตุผล)', '* not confirmed against the manual (oit rules show <framework> <item> says why)')] : []),
    ].join('\n');
  const id = itemId.toUpperCase();
  const item = rs.items.find((i) => i.id === id);
  if (!item) throw new UsageError(`item "${itemId}" is not in ${rs.id} (items: ${rs.items.map((i) => i.id).join(' ')})`);
  const sub = rs.scoring.indicators.flatMap((i) => i.subIndicators).find((x) => x.id === rs.subIndicatorOf[item.id]);
  const lines = [
    ...banner(rs, lang),
    `${item.id} ${item.title}`,
    `   ${item.titleEn}`,
    `${tr(lang, 'กรอบ', 'Framework')}: ${rs.id} · ${tr(lang, 'ตัวชี้วัดย่อย', 'sub-indicator')} ${rs.subIndicatorOf[item.id]}${item.provisional ? tr(lang, ' · ยังไม่ยืนยันกับคู่มือ', ' · not confirmed against the manual') : ''}`,
    ...(item.provisional && item.provisionalReason ? [`${tr(lang, 'เหตุที่ยังไม่ยืนยัน', 'Why unconfirmed')}: ${item.provisionalReason}`] : []),
    ...(sub?.provisional && sub.provisionalReason ? [`${tr(lang, 'การจัดกลุ่ม', 'Grouping')} ${sub.id}: ${sub.provisionalReason}`] : []),
    ...(item.continues ? [`${tr(lang, 'ต่อจากข้อของ', 'Continues from')} ${rs.framework.previous}: ${item.continues.length ? item.continues.join(', ') : tr(lang, '(ข้อใหม่)', '(new item)')}`] : []),
    `${tr(lang, 'ช่วงเวลา', 'Time rule')}: ${tr(lang, ...(TIME_TEXT[item.time] ?? [item.time, item.time]))}${periodOf(item.time, rs, lang)}`,
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

/** `oit rules check <folder>`; with no folder, every shipped framework. */
export function rulesCheck(folder: string | undefined, lang: Lang): string {
  const dirs = folder ? [folder] : listFrameworks().map((id) => join(BUILTIN_RULES_DIR, id));
  return dirs
    .map((dir) => {
      const rs = loadRuleSet(dir);
      return tr(lang, `ถูกต้อง: ${rs.id} มี ${rs.items.length} ข้อ`, `OK: ${rs.id}, ${rs.items.length} items`);
    })
    .join('\n');
}

/** The chain of `previous` links from `newer` back to `older` (both included), or undefined when there is none. */
function chain(older: RuleSet, newer: RuleSet): RuleSet[] | undefined {
  const out = [newer];
  let at = newer;
  while (at.id !== older.id) {
    if (!at.framework.previous || out.length > 20) return undefined;
    at = at.framework.previous === older.id ? older : resolveRuleSet(at.framework.previous);
    out.push(at);
  }
  return out.reverse();
}

const KIND_WORD: Record<MoveKind, [string, string]> = {
  same: ['เลขเดิม', 'same number'],
  renumbered: ['เปลี่ยนเลข', 'renumbered'],
  merged: ['รวมข้อ', 'merged'],
  split: ['แยกข้อ', 'split'],
  regrouped: ['จัดกลุ่มใหม่', 'regrouped'],
  new: ['ข้อใหม่', 'new'],
  dropped: ['ตัดออก', 'dropped'],
};

/** The moves between two frameworks, oldest first, along their chain of `previous` links (either order given). */
export function frameworkMoves(a: RuleSet, b: RuleSet): { from: RuleSet; to: RuleSet; moves: ItemMove[] } {
  const forward = chain(a, b);
  const backward = forward ? undefined : chain(b, a);
  const steps = forward ?? backward;
  if (!steps) throw new UsageError(`${a.id} and ${b.id} are not linked by "previous" in framework.json`);
  const [from, to] = forward ? [a, b] : [b, a];
  const edges = composeEdges(steps.slice(1).map(stepEdges));
  return { from, to, moves: movesOf(edges, from.items.map((i) => i.id), to.items.map((i) => i.id)) };
}

/** `oit rules diff <a> <b>`: how the items of one framework's list became those of another. */
export function rulesDiff(a: string | undefined, b: string | undefined, lang: Lang): string {
  if (!a || !b) throw new UsageError('usage: oit rules diff <framework> <framework>   e.g. oit rules diff ita-2569 ita-2570');
  const { from, to, moves } = frameworkMoves(resolveRuleSet(a), resolveRuleSet(b));
  const title = (rs: RuleSet, id: string) => {
    const i = rs.items.find((x) => x.id === id);
    return i ? tr(lang, i.title, i.titleEn) : '';
  };
  const lines = [
    tr(lang, `จาก ${from.id} ไป ${to.id}: ${from.items.length} ข้อ → ${to.items.length} ข้อ`, `From ${from.id} to ${to.id}: ${from.items.length} items → ${to.items.length} items`),
    ...[from, to].flatMap((rs) => banner(rs, lang)),
  ];
  for (const m of moves) {
    const left = m.from.length ? m.from.join(' + ') : '–';
    const right = m.to.length ? m.to.join(' + ') : '–';
    const name = m.to.length ? title(to, m.to[0]!) : title(from, m.from[0]!);
    lines.push(`${left.padEnd(12)} → ${right.padEnd(12)} ${tr(lang, ...KIND_WORD[m.kind]).padEnd(14)} ${name}`);
  }
  const count = (k: MoveKind) => moves.filter((m) => m.kind === k).length;
  lines.push(
    tr(
      lang,
      `สรุป: เลขเดิม ${count('same')} · เปลี่ยนเลข ${count('renumbered')} · รวมข้อ ${count('merged')} · แยกข้อ ${count('split')} · ข้อใหม่ ${count('new')} · ตัดออก ${count('dropped')}`,
      `Summary: same ${count('same')} · renumbered ${count('renumbered')} · merged ${count('merged')} · split ${count('split')} · new ${count('new')} · dropped ${count('dropped')}`,
    ),
  );
  return lines.join('\n');
}
