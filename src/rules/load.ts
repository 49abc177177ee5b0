// Loads a framework folder (framework, items, scoring), validates it with zod and cross-checks it. Wording of
// defects is not rule data: it lives in src/text per language, the same for every year.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CHECKS } from '../checks/registry.js';
import { compactKey } from '../derive/thai-text.js';
import { InputError, parseJsonText, parseOrThrow, zodProblems, type Problem } from '../model/input-error.js';
import { fiscalYearOfIso } from '../derive/fiscal.js';
import { FrameworkFile, ItemsFile, ScoringFile, type RuleSet } from '../model/rule-set.js';
import { GENERIC_WORDS } from './generic-words.js';

const GENERIC = new Set(GENERIC_WORDS.map(compactKey));

/** The rule sets shipped with the package. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

function readJson<S extends z.ZodType>(dir: string, name: string, schema: S): z.infer<S> {
  const file = join(dir, name);
  if (!existsSync(file)) throw new InputError(file, [{ path: '', message: 'file is missing (a framework folder needs framework.json, items.json and scoring.json)' }]);
  return parseOrThrow(schema, parseJsonText(readFileSync(file, 'utf8'), file), file);
}

/**
 * Cross-file problems the schemas alone cannot see. Each names the file and the JSON path. `previousItems`: the item
 * ids of the framework named by `previous`, when it could be read (else that it could not is the problem).
 */
export function conformanceProblems(rs: Omit<RuleSet, 'subIndicatorOf'>, previousItems?: ReadonlySet<string>): Array<Problem & { file: string }> {
  const out: Array<Problem & { file: string }> = [];
  const items = 'items.json';
  const scoring = 'scoring.json';
  const ids = new Map<string, number>();
  const fw = rs.framework;
  if (fw.provisional && !fw.banner) out.push({ file: 'framework.json', path: 'banner', message: 'a provisional framework needs a banner (th, en): every report shows it' });
  rs.items.forEach((item, i) => {
    if (ids.has(item.id)) out.push({ file: items, path: `items[${i}].id`, message: `duplicate item id ${item.id} (also items[${ids.get(item.id)}])` });
    ids.set(item.id, i);
    if (item.provisional && !item.provisionalReason) out.push({ file: items, path: `items[${i}].provisionalReason`, message: `${item.id} is provisional: say why (e.g. "title seen on one agency's page only")` });
    if (fw.previous && !item.continues) out.push({ file: items, path: `items[${i}].continues`, message: `${item.id}: say which items of ${fw.previous} it continues ([] for a new item)` });
    if (!fw.previous && item.continues) out.push({ file: items, path: `items[${i}].continues`, message: `${item.id} continues items of a previous framework, but framework.json names no "previous"` });
    item.continues?.forEach((id, k) => {
      if (previousItems && !previousItems.has(id)) out.push({ file: items, path: `items[${i}].continues[${k}]`, message: `${id} is not an item of ${fw.previous}` });
    });
    const elementIds = new Set<string>();
    const names = [item.title, ...item.hints.keywords].map(compactKey);
    const title = compactKey(item.title);
    item.elements.forEach((e, k) => {
      if (elementIds.has(e.id)) out.push({ file: items, path: `items[${i}].elements[${k}].id`, message: `duplicate element id ${e.id}` });
      elementIds.add(e.id);
      // The check cuts the item's own title and keywords out of the text first, so a phrase inside them proves nothing.
      // A phrase that can never match, or proves nothing on its own: required-elements passes an element on any one phrase.
      e.anyOf.forEach((p, m) => {
        const key = compactKey(p);
        const path = `items[${i}].elements[${k}].anyOf[${m}]`;
        if (key.length < 2) out.push({ file: items, path, message: `phrase "${p}" of element "${e.id}" is shorter than 2 characters once normalised, so it matches nearly anything (or nothing)` });
        else if (key === title) out.push({ file: items, path, message: `phrase "${p}" of element "${e.id}" is the item's own title: it names the evidence, it does not show the element` });
        else if (GENERIC.has(key)) out.push({ file: items, path, message: `phrase "${p}" of element "${e.id}" is a generic word (src/rules/generic-words.ts): it occurs on pages about anything` });
      });
      if (e.anyOf.every((p) => names.some((n) => n.includes(compactKey(p)))))
        out.push({ file: items, path: `items[${i}].elements[${k}].anyOf`, message: `every phrase of element "${e.id}" is part of the item's own title or keywords, so it can never be shown apart from them` });
    });
    item.hints.urlPatterns.forEach((p, k) => {
      try {
        new RegExp(p, 'iu');
      } catch (err) {
        out.push({ file: items, path: `items[${i}].hints.urlPatterns[${k}]`, message: `not a valid regular expression: ${(err as Error).message}` });
      }
    });
    item.checks.forEach((ref, k) => {
      const check = CHECKS[ref.check];
      if (!check) {
        out.push({ file: items, path: `items[${i}].checks[${k}].check`, message: `unknown check "${ref.check}" (known: ${Object.keys(CHECKS).join(', ')})` });
        return;
      }
      const parsed = check.options.safeParse(ref.options ?? {});
      if (!parsed.success)
        for (const p of zodProblems(parsed.error))
          out.push({ file: items, path: `items[${i}].checks[${k}].options${p.path ? `.${p.path}` : ''}`, message: p.message });
      if (ref.check === 'period' && (item.time === 'current' || item.time === 'monthly'))
        out.push({ file: items, path: `items[${i}].checks[${k}]`, message: `period checks the item's time rule, but ${item.id}'s time is "${item.time}" (no period to check; monthly items use monthly-coverage)` });
      if (ref.check === 'required-elements' && item.elements.length === 0)
        out.push({ file: items, path: `items[${i}].elements`, message: 'required-elements is listed but the item has no elements' });
    });
  });

  const placed = new Map<string, string>();
  const subIds = new Set<string>();
  rs.scoring.indicators.forEach((ind, a) => {
    ind.subIndicators.forEach((sub, b) => {
      if (subIds.has(sub.id)) out.push({ file: scoring, path: `indicators[${a}].subIndicators[${b}].id`, message: `duplicate sub-indicator id ${sub.id}` });
      if (sub.provisional && !sub.provisionalReason)
        out.push({ file: scoring, path: `indicators[${a}].subIndicators[${b}].provisionalReason`, message: `sub-indicator ${sub.id} is provisional: say why (e.g. "one of several groupings that fit, not identified")` });
      subIds.add(sub.id);
      if (!sub.id.startsWith(`${ind.id}.`)) out.push({ file: scoring, path: `indicators[${a}].subIndicators[${b}].id`, message: `sub-indicator ${sub.id} does not belong to indicator ${ind.id}` });
      sub.items.forEach((id, c) => {
        const path = `indicators[${a}].subIndicators[${b}].items[${c}]`;
        if (!ids.has(id)) out.push({ file: scoring, path, message: `item ${id} is not defined in items.json` });
        if (placed.has(id)) out.push({ file: scoring, path, message: `item ${id} is already in sub-indicator ${placed.get(id)}` });
        else placed.set(id, sub.id);
      });
    });
  });
  rs.items.forEach((item, i) => {
    if (!placed.has(item.id)) out.push({ file: items, path: `items[${i}].id`, message: `item ${item.id} is in no sub-indicator of scoring.json` });
  });
  const indicatorIds = new Set(rs.scoring.indicators.map((x) => x.id));
  rs.scoring.oitIndicators.forEach((id, k) => {
    if (!indicatorIds.has(id)) out.push({ file: scoring, path: `oitIndicators[${k}]`, message: `indicator ${id} is not defined` });
  });
  if (!rs.scoring.bands.some((b) => b.min === 0 && b.each === undefined)) out.push({ file: scoring, path: 'bands', message: 'the lowest band must start at 0 (with no per-tool threshold) so every score gets a label' });
  rs.scoring.bands.forEach((b, k) => {
    const before = rs.scoring.bands[k - 1];
    if (before && (before.min < b.min || (before.min === b.min && (before.each ?? 0) <= (b.each ?? 0))))
      out.push({ file: scoring, path: `bands[${k}]`, message: 'bands are listed highest first' });
  });
  return out;
}

/**
 * The item ids and assessment years of the framework `id`, looked for beside `dir` and then among the shipped ones;
 * undefined if absent or unreadable (the folder that names it is then rejected).
 */
function previousFramework(id: string, dir: string): { ids: Set<string>; years: number[] } | undefined {
  for (const root of [dirname(dir), BUILTIN_RULES_DIR]) {
    const folder = join(root, id);
    if (!existsSync(join(folder, 'items.json')) || !existsSync(join(folder, 'framework.json'))) continue;
    try {
      const items = ItemsFile.safeParse(JSON.parse(readFileSync(join(folder, 'items.json'), 'utf8')));
      const fw = FrameworkFile.safeParse(JSON.parse(readFileSync(join(folder, 'framework.json'), 'utf8')));
      if (items.success && fw.success) return { ids: new Set(items.data.items.map((i) => i.id)), years: fw.data.assessmentYears };
    } catch {
      /* not JSON: treated as absent */
    }
  }
  return undefined;
}

/** Load and validate one framework folder; throws InputError listing every problem with file and JSON path. */
export function loadRuleSet(dir: string): RuleSet {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new InputError(abs, [{ path: '', message: 'not a framework folder' }]);
  const framework = readJson(abs, 'framework.json', FrameworkFile);
  const { items } = readJson(abs, 'items.json', ItemsFile);
  const scoring = readJson(abs, 'scoring.json', ScoringFile);
  const base = { id: framework.id, dir: abs, framework, items, scoring };
  const previous = framework.previous ? previousFramework(framework.previous, abs) : undefined;
  const problems = conformanceProblems(base, previous?.ids);
  if (framework.previous && !previous) problems.push({ file: 'framework.json', path: 'previous', message: `framework "${framework.previous}" was not found beside this folder nor among the shipped ones` });
  if (problems.length) throw new InputError(abs, problems.map((p) => ({ path: `${p.file}: ${p.path}`, message: p.message })));
  const subIndicatorOf: Record<string, string> = {};
  for (const ind of scoring.indicators) for (const sub of ind.subIndicators) for (const id of sub.items) subIndicatorOf[id] = sub.id;
  return { ...base, subIndicatorOf, ...(previous ? { previousYears: previous.years } : {}) };
}

export function listFrameworks(rulesDir = BUILTIN_RULES_DIR): string[] {
  if (!existsSync(rulesDir)) return [];
  return readdirSync(rulesDir)
    .filter((name) => existsSync(join(rulesDir, name, 'framework.json')))
    .sort();
}

/** A framework id of the shipped rules, or a path to a folder someone edited. */
export function resolveRuleSet(idOrPath: string, rulesDir = BUILTIN_RULES_DIR): RuleSet {
  const builtin = join(rulesDir, idOrPath);
  if (/^[a-z0-9-]+$/.test(idOrPath) && existsSync(join(builtin, 'framework.json'))) return loadRuleSet(builtin);
  if (existsSync(idOrPath)) return loadRuleSet(idOrPath);
  throw new InputError('--rules', [{ path: '', message: `unknown framework "${idOrPath}" (known: ${listFrameworks(rulesDir).join(', ')})` }]);
}

/** The framework chosen for a date, the assessment year it prepares for, and whether a framework is for that very year. */
export interface DatedFramework {
  id: string;
  /** BE year of the ITA assessment the date prepares for. */
  year: number;
  exact: boolean;
  provisional: boolean;
}

/**
 * The default framework for an assessment date: that of the assessment the date prepares for. From October of year
 * N−1 (the start of fiscal year N) an agency prepares its website for ITA N, so a date in December 2569 picks ITA
 * 2570. With no framework for that year: the newest one before it, else the oldest shipped.
 */
export function frameworkForDate(asOf: string, rulesDir = BUILTIN_RULES_DIR): DatedFramework {
  const year = fiscalYearOfIso(asOf);
  const all = listFrameworks(rulesDir).map((id) => loadRuleSet(join(rulesDir, id)).framework);
  if (!all.length) throw new InputError(rulesDir, [{ path: '', message: 'no framework found' }]);
  const newest = (fs: typeof all) => [...fs].sort((a, b) => Math.max(...b.assessmentYears) - Math.max(...a.assessmentYears))[0];
  const exact = all.filter((f) => f.assessmentYears.includes(year));
  const pick = newest(exact) ?? newest(all.filter((f) => Math.max(...f.assessmentYears) < year)) ?? [...all].sort((a, b) => Math.min(...a.assessmentYears) - Math.min(...b.assessmentYears))[0]!;
  return { id: pick!.id, year, exact: exact.length > 0, provisional: pick!.provisional };
}
