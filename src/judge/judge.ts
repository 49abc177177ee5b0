// Judges every item of a framework over saved artifacts: pure, synchronous, no network, no clock.
import { documentProblem } from '../checks/link-works.js';
import { CHECKS } from '../checks/registry.js';
import type { CheckContext, CheckOutput, DefectDraft, EvidenceTarget } from '../checks/types.js';
import { fiscalYearOfIso } from '../derive/fiscal.js';
import { documentSource, egpDefectData, egpFromSource, pageSource } from '../derive/egp.js';
import type { Artifacts } from '../model/artifacts.js';
import { RESULT_SCHEMA_VERSION, type Defect, type ItemResult, type Outcome, type Result } from '../model/result.js';
import type { RuleSet } from '../model/rule-set.js';
import { siteListOf } from '../derive/lists.js';
import type { Notice } from '../model/notice.js';
import { mapFromPrevious, relabels } from '../rules/item-map.js';
import { computeScore } from '../score.js';
import { TOOL } from '../version.js';
import { indexArtifacts } from './artifact-index.js';
import { chooseIndexPages, findIndexPages, indexUrls, unreadableIndexes } from './index-pages.js';
import { agencyNameOf } from './agency-name.js';
import { locateEvidence } from './locate.js';
import { buildDefect } from './messages.js';

export interface JudgeOptions {
  /** Assessment date YYYY-MM-DD (the caller decides "today"). */
  asOf: string;
  /** BE fiscal year assessed; default: the one containing asOf. */
  fiscalYear?: number;
  agency?: string;
  /**
   * The agency's previous audit (its date, fiscal year and evidence file hashes): a file that changed between two
   * audits inside the framework's assessment window is flagged (a replaced file needs a written explanation).
   */
  previous?: { asOf: string; fiscalYear: number; evidenceFiles: Record<string, string> };
}

const LOCAL_GOVERNMENT = /(องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาล|อบต\.|อบจ\.|\bอบต\b|\bอบจ\b)/;

/** Who the agency says it is: its home page's title, headings and first lines. */
function homeText(a: Artifacts): string {
  const home = a.pages.find((p) => p.depth === 0) ?? a.pages[0];
  return `${home?.title ?? ''} ${home?.headings.map((h) => h.text).join(' ') ?? ''} ${home?.text.slice(0, 2000) ?? ''}`;
}

function agencyTypeOf(a: Artifacts): CheckContext['agencyType'] {
  return LOCAL_GOVERNMENT.test(homeText(a)) ? 'local-government' : 'other';
}

/** The files read as an item's evidence, with their hashes: the evidence itself and the files its page links. */
function evidenceFiles(targets: readonly EvidenceTarget[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const t of targets) for (const d of [t.document, ...t.children.map((c) => c.document)]) if (d?.sha256) out.push([d.url, d.sha256]);
  return out;
}

/** Whether an ISO date falls inside the framework's assessment window of the fiscal year (MM-DD in CE year FY−543). */
function inWindow(asOf: string, fiscalYear: number, window: { from: string; to: string }): boolean {
  const year = fiscalYear - 543;
  return asOf >= `${year}-${window.from}` && asOf <= `${year}-${window.to}`;
}

/** Checks that read the evidence's content: when one passed, the evidence itself was read and is sufficient. */
const CONTENT_CHECKS = new Set(['required-elements', 'monthly-coverage', 'egp-numbers', 'activity-date']);

function combine(outputs: Array<CheckOutput | 'error'>, ids: readonly string[]): Outcome {
  const contentPassed = outputs.some((o, i) => o !== 'error' && o.status === 'pass' && CONTENT_CHECKS.has(ids[i]!));
  // An extra link (a form beside a complete manual, an old plan's dead link beside the current plan) does not undo
  // content that already passed; the broken link is still reported on the site's list.
  const counts = (o: CheckOutput | 'error') => o !== 'error' && !(o.extrasOnly && contentPassed);
  if (outputs.some((o) => o !== 'error' && o.status === 'fail' && counts(o))) return 'fail';
  if (outputs.includes('error')) return 'error';
  if (outputs.some((o) => o !== 'error' && o.status === 'cant-tell' && counts(o))) return 'review';
  return 'pass';
}

function dedupe(defects: Defect[]): Defect[] {
  const seen = new Set<string>();
  return defects.filter((d) => {
    const key = `${d.item}|${d.kind}|${d.url}|${JSON.stringify(d.data ?? {})}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function judge(artifacts: Artifacts, rs: RuleSet, opts: JudgeOptions): Result {
  const fiscalYear = opts.fiscalYear ?? fiscalYearOfIso(opts.asOf);
  const idx = indexArtifacts(artifacts);
  const allIndexes = findIndexPages(artifacts.pages);
  // A school or a college publishes its ministry's own list (OBEC, OVEC): numbered differently from the NACC's.
  const siteList = siteListOf(homeText(artifacts));
  const { chosen, warnings } = chooseIndexPages(allIndexes, fiscalYear, rs.framework.assessmentYears, siteList);
  if (siteList !== 'nacc') warnings.unshift({ code: 'not-nacc-site', data: { list: siteList } });
  warnings.push(...oldNumbering(allIndexes.filter((p) => !chosen.includes(p) && p.list === 'nacc' && siteList === 'nacc'), rs));
  const window = rs.framework.assessmentWindow;
  const prev = opts.previous;
  const compareFiles = Boolean(window && prev && prev.fiscalYear === fiscalYear && inWindow(prev.asOf, fiscalYear, window) && inWindow(opts.asOf, fiscalYear, window));
  const files: Record<string, string> = {};
  const unreadable = unreadableIndexes(artifacts.pages, allIndexes, chosen);
  warnings.push(...unreadable.warnings);
  const notEvidence = new Set([...indexUrls(allIndexes), ...unreadable.urls]);
  const agencyType = agencyTypeOf(artifacts);
  const items: ItemResult[] = [];
  const incomplete = incompleteView(artifacts, unreadable, chosen);

  for (const item of rs.items) {
    const n = Number(item.id.slice(1));
    const located = locateEvidence(item, n, chosen, idx, notEvidence);
    const ctx: CheckContext = { item, site: artifacts.site, fiscalYear, asOf: opts.asOf, agencyType, targets: located.targets, ...(incomplete ? { incomplete } : {}) };
    const outputs: Array<CheckOutput | 'error'> = [];
    const checks: ItemResult['checks'] = [];
    const drafts: DefectDraft[] = [];
    for (const ref of item.checks) {
      const check = CHECKS[ref.check]!;
      try {
        const out = check.run(ctx, check.options.parse(ref.options ?? {}));
        outputs.push(out);
        checks.push({ check: ref.check, status: out.status, ...(out.note ? { note: out.note } : {}) });
        drafts.push(...out.defects);
      } catch (err) {
        // A check that throws ends its item in error; the other items are still judged.
        outputs.push('error');
        checks.push({ check: ref.check, status: 'error', note: { code: 'check-threw', data: { message: (err as Error).message } } });
      }
    }
    for (const [url, hash] of evidenceFiles(located.targets)) {
      files[url] = hash;
      const before = prev?.evidenceFiles[url];
      if (compareFiles && before && before !== hash) drafts.push({ kind: 'evidence-changed', url, data: { previousAsOf: prev!.asOf } });
    }
    if (located.placeholder && located.targets.length === 0) {
      for (const d of drafts) if (d.kind === 'not-found') d.data = { ...d.data, placeholder: located.placeholder.text, page: located.placeholder.page };
    }
    items.push({
      id: item.id,
      title: item.title,
      titleEn: item.titleEn,
      subIndicator: rs.subIndicatorOf[item.id]!,
      outcome: combine(outputs, item.checks.map((c) => c.check)),
      evidence: located.targets.map((t) => {
        const title = t.page?.title || t.document?.meta.title;
        return title ? { ...t.evidence, title } : t.evidence;
      }),
      defects: dedupe(drafts.map((d) => buildDefect(d, item))),
      checks,
      fixes: Object.fromEntries(Object.entries(item.fix).filter(([kind]) => drafts.some((d) => d.kind === kind))),
    });
  }

  // e-GP numbers already reported under an item are not reported again for the site.
  const reported = new Set(items.flatMap((i) => i.defects.filter((d) => d.kind === 'egp-invalid').map((d) => `${d.url}|${String(d.data?.value)}`)));
  const siteDefects = dedupe(siteLevelDefects(artifacts, fiscalYear, reported));
  const broken = artifacts.links.filter((l) => l.state === 'broken');
  const linkedFrom = linkSeen(artifacts);
  const seen = (url: string, foundOn: readonly string[]) => {
    const s = linkedFrom.get(url);
    return { ...(s?.text ? { text: s.text } : {}), pages: Math.max(s?.pages.size ?? 0, foundOn.length) };
  };
  const agency = opts.agency ? { name: opts.agency, source: 'config' as const } : agencyNameOf(artifacts);
  const outcomes = Object.fromEntries(items.map((i) => [i.id, i.outcome]));
  const score = computeScore({ scoring: rs.scoring, outcomes });
  if (rs.framework.provisional) {
    score.provisional = true;
    score.provisionalReasons.unshift({ code: 'framework-provisional', data: { framework: rs.id } });
  }
  if (!artifacts.pages.length) warnings.push({ code: 'no-page-read', data: {} });
  const shells = artifacts.pages.filter((p) => p.flags.includes('app-shell') && !p.flags.includes('rendered'));
  if (shells.length)
    warnings.push({ code: 'app-shell-pages', data: { count: shells.length, example: shells[0]!.url } });
  if (!chosen.length && siteList === 'nacc' && artifacts.pages.some((p) => /\bMOIT\b/i.test(`${p.title} ${p.headings.map((h) => h.text).join(' ')} ${p.text.slice(0, 1000)}`)))
    warnings.push({ code: 'not-nacc-site', data: { list: 'moit' } });
  const budget = artifacts.stats?.budgetHit;
  if (budget && budget !== 'aborted') warnings.push({ code: 'budget-hit', data: { limit: budget, pages: artifacts.stats?.pages ?? 0, notFollowed: artifacts.links.filter((l) => l.sameSite && l.reason === 'budget').length } });
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: TOOL,
    framework: {
      id: rs.id,
      title: rs.framework.title,
      titleEn: rs.framework.titleEn,
      provisional: rs.framework.provisional,
      ...(rs.framework.banner ? { banner: rs.framework.banner } : {}),
      structure: rs.scoring.indicators.map((i) => ({ id: i.id, title: i.title, titleEn: i.titleEn, subIndicators: i.subIndicators.map((s) => ({ id: s.id, title: s.title, titleEn: s.titleEn })) })),
    },
    site: artifacts.site,
    agency: agency.name,
    agencySource: agency.source,
    indexPages: chosen.map((c) => ({ url: c.page.url, title: c.page.title, ...(c.year !== undefined ? { year: c.year } : {}) })),
    asOf: opts.asOf,
    fiscalYear,
    crawledAt: artifacts.finishedAt,
    items,
    score,
    links: {
      checked: artifacts.links.filter((l) => l.state !== 'skipped').length,
      broken: broken.map((l) => ({ url: l.url, status: l.status, foundOn: l.foundOn, ...(l.error ? { error: l.error.code } : {}), ...seen(l.url, l.foundOn) })),
      unverifiable: artifacts.links.filter((l) => l.state === 'unverifiable').length,
      unverifiableLinks: artifacts.links
        .filter((l) => l.state === 'unverifiable')
        .slice(0, MAX_LISTED)
        .map((l) => ({ url: l.url, reason: l.reason ?? 'unverifiable', foundOn: l.foundOn.slice(0, 3), ...seen(l.url, l.foundOn) })),
    },
    evidenceFiles: files,
    defects: [...items.flatMap((i) => i.defects), ...siteDefects],
    warnings,
  };
}

/** Links listed in result.json with their place (the unverifiable ones can be many: every Facebook button). */
const MAX_LISTED = 300;

/** Each linked URL's words (on the first page that has it) and the pages that link it: "found on N pages". */
function linkSeen(a: Artifacts): Map<string, { text: string; pages: Set<string> }> {
  const out = new Map<string, { text: string; pages: Set<string> }>();
  for (const p of a.pages)
    for (const l of p.links) {
      if (!l.url) continue;
      let e = out.get(l.url);
      if (!e) out.set(l.url, (e = { text: '', pages: new Set() }));
      e.pages.add(p.url);
      if (!e.text && l.text.trim()) e.text = l.text.trim().slice(0, 200);
    }
  return out;
}

/**
 * Index pages of the year before that use the previous framework's numbering: which new numbers their items move to,
 * so a web admin can relabel last year's page (from the rule data's `continues`).
 */
function oldNumbering(pages: ReadonlyArray<{ page: { url: string }; year?: number }>, rs: RuleSet): Notice[] {
  if (!rs.framework.previous || !rs.previousYears) return [];
  const moves = relabels(mapFromPrevious(rs)).map((m) => ({ from: m.from, to: m.to }));
  const seen = new Set<string>();
  return pages
    .filter((p) => p.year !== undefined && rs.previousYears!.includes(p.year) && !rs.framework.assessmentYears.includes(p.year) && !seen.has(p.page.url) && seen.add(p.page.url))
    .map((p) => ({ code: 'index-old-numbering', data: { url: p.page.url, year: p.year, previous: rs.framework.previous, framework: rs.id, moves } }));
}

/** Why this audit saw only part of the site, if it did: a crawl limit, or an ITA index only a script could fill. */
function incompleteView(a: Artifacts, unreadable: { urls: Set<string> }, chosen: readonly { links: unknown[] }[]): Notice | undefined {
  const limit = a.stats?.budgetHit;
  if (limit && limit !== 'aborted') return { code: 'budget-hit', data: { limit, pages: a.stats?.pages ?? 0, notFollowed: a.links.filter((l) => l.sameSite && l.reason === 'budget').length } };
  const readableIndex = chosen.some((c) => c.links.length > 0);
  if (unreadable.urls.size && !readableIndex) return { code: 'index-script-loaded', data: { url: [...unreadable.urls][0] } };
  return undefined;
}

/**
 * Defects not tied to one item: broken links anywhere on the site, TLS, files that do not open, empty pages, pages cut
 * at the size cap, e-GP numbers no item reported. Every problem the crawler met is said once, on the site's list.
 */
function siteLevelDefects(a: Artifacts, fiscalYear: number, reported: Set<string>): Defect[] {
  const out: Defect[] = [];
  for (const d of a.documents) {
    const problem = documentProblem(d) ?? (d.error?.code === 'body-too-large' || d.error?.code === 'unreadable' ? { problem: d.error.code, reason: d.error.message } : undefined);
    if (problem) out.push(buildDefect({ kind: 'missing-file', url: d.url, data: { ...problem } }));
  }
  for (const p of a.pages) {
    if (p.status >= 400 || p.soft404) continue;
    if (p.error?.code === 'body-too-large') out.push(buildDefect({ kind: 'unverifiable', url: p.url, data: { reason: p.error.message } }));
    else if (!p.text.trim() && !p.links.length && !p.images.length) out.push(buildDefect({ kind: 'missing-file', url: p.url, data: { problem: 'empty-page', reason: 'หน้าว่าง ไม่มีเนื้อหา / an empty page' } }));
  }
  for (const l of a.links) {
    if (l.state !== 'broken') continue;
    const code = l.error?.code;
    const kind = code === 'redirect-loop' || code === 'too-many-redirects' ? 'redirect-loop' : code === 'timeout' ? 'timeout' : code === 'tls' ? 'tls-error' : 'broken-link';
    // A redirect problem carries its chain, so the fix can name the hop that loops.
    const chain = kind === 'redirect-loop' ? { chain: l.redirects.map((h) => `${h.status} ${h.url}`).slice(0, 15) } : {};
    out.push(buildDefect({ kind, url: l.url, data: { status: l.status, reason: l.error?.message ?? '', ...(code ? { error: code } : {}), foundOn: l.foundOn.slice(0, 5), ...chain } }));
  }
  const tls = a.links.find((l) => l.sameSite && l.state === 'ok' && l.error?.code === 'tls');
  if (tls) out.push(buildDefect({ kind: 'tls-error', url: tls.url, data: { reason: tls.error!.message } }));
  // Only the malformed (length, not digits): an odd year prefix is a warning for an item, not a site defect.
  for (const [url, src] of [...a.pages.map((p) => [p.url, pageSource(p)] as const), ...a.documents.map((d) => [d.url, documentSource(d)] as const)]) {
    for (const f of egpFromSource(src, fiscalYear)) if (!f.valid && !reported.has(`${url}|${f.value}`)) out.push(buildDefect({ kind: 'egp-invalid', url, data: egpDefectData(f) }));
  }
  return out;
}
