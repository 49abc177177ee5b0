// Finds the agency's ITA/OIT index pages (tables or accordions labelled O1…O43) and which year each one is for.
import type { Notice } from '../model/notice.js';
import type { Link, Page } from '../model/artifacts.js';
import { findYearMentions } from '../derive/thai-date.js';
import { parseItemLabel, type ItemLabel } from '../derive/labels.js';
import { listOf, type ListKind } from '../derive/lists.js';
import { matchKey } from '../derive/thai-text.js';

export interface LabelledLink {
  n: number;
  label: ItemLabel;
  link: Link;
}

export interface IndexPage {
  page: Page;
  /** BE year the page says it is for ("ITA 2566", "ปีงบประมาณ พ.ศ. 2566"), if any. */
  year?: number;
  /** Ministry of Public Health's MOIT list: not the NACC's. */
  moit: boolean;
  /** Whose list the page is: the NACC's, or a ministry's own with its own numbering (MOIT, OBEC, OVEC). */
  list: ListKind;
  links: LabelledLink[];
  distinctItems: number;
}

/** The label a link carries: in its own text, its table row or list item, or the heading above it. */
export function labelOf(link: Link): ItemLabel | undefined {
  return parseItemLabel(link.text) ?? (link.context ? parseItemLabel(link.context) : undefined) ?? (link.heading ? parseItemLabel(link.heading) : undefined);
}

function pageYear(page: Page): number | undefined {
  const text = [page.title, ...page.headings.slice(0, 6).map((h) => h.text), page.text.slice(0, 600)].join('\n');
  const counts = new Map<number, number>();
  for (const m of findYearMentions(text)) {
    if (m.kind === 'range' || m.year < 2560 || m.year > 2580) continue;
    counts.set(m.year, (counts.get(m.year) ?? 0) + (m.kind === 'fiscal' ? 2 : 1));
  }
  let best: number | undefined;
  let bestN = 0;
  for (const [y, n] of counts) if (n > bestN || (n === bestN && best !== undefined && y > best)) [best, bestN] = [y, n];
  return best;
}

/** Pages that label links with at least `minItems` distinct item numbers. */
export function findIndexPages(pages: readonly Page[], minItems = 6): IndexPage[] {
  const out: IndexPage[] = [];
  for (const page of pages) {
    if (page.soft404 || page.status >= 400) continue;
    const links: LabelledLink[] = [];
    for (const link of page.links) {
      if (link.tag === 'link') continue;
      const label = labelOf(link);
      if (label) links.push({ n: label.n, label, link });
    }
    const distinct = new Set(links.map((l) => l.n)).size;
    if (distinct < minItems) continue;
    const named = listOf(`${page.title}\n${page.headings.slice(0, 6).map((h) => h.text).join('\n')}\n${page.text.slice(0, 600)}`);
    const list: ListKind = links.filter((l) => l.label.style === 'moit').length > links.length / 2 ? 'moit' : named;
    const year = pageYear(page);
    out.push({ page, ...(year ? { year } : {}), moit: list === 'moit', list, links, distinctItems: distinct });
  }
  return out.sort((a, b) => b.distinctItems - a.distinctItems);
}

/**
 * The index pages to score this framework with: those for the assessed year, else those that name no year.
 * An index for another year is never used: its O-numbers belong to another list.
 */
export function chooseIndexPages(
  all: readonly IndexPage[],
  fiscalYear: number,
  frameworkYears: readonly number[],
  siteList: ListKind = 'nacc',
): { chosen: IndexPage[]; warnings: Notice[] } {
  const warnings: Notice[] = [];
  // A school's or college's ITA page numbers its own list (OBEC, OVEC), whatever its title says.
  const listOfPage = (p: IndexPage): ListKind => (p.list === 'nacc' ? siteList : p.list);
  const nacc = all.filter((p) => listOfPage(p) === 'nacc');
  for (const p of all.filter((p) => listOfPage(p) !== 'nacc'))
    warnings.push({ code: 'not-nacc-index-page', data: { url: p.page.url, list: listOfPage(p) } });
  let chosen = nacc.filter((p) => p.year === fiscalYear);
  if (!chosen.length) chosen = nacc.filter((p) => p.year !== undefined && frameworkYears.includes(p.year));
  if (!chosen.length) chosen = nacc.filter((p) => p.year === undefined);
  const others = nacc.filter((p) => !chosen.includes(p) && p.year !== undefined);
  if (others.length)
    warnings.push({ code: 'other-year-index', data: { years: [...new Set(others.map((p) => p.year))].join(', ') } });
  return { chosen, warnings };
}

/** Every URL of these index pages (as linked and as finally reached): an index is the agency's claim, never evidence. */
export function indexUrls(pages: ReadonlyArray<IndexPage | Page>): Set<string> {
  const out = new Set<string>();
  for (const p of pages) {
    const page = 'page' in p ? p.page : p;
    out.add(page.url);
    out.add(page.finalUrl);
  }
  return out;
}

// What an ITA/OIT index page calls itself in its title or top headings ("MOIT" is not "OIT").
const INDEX_WORDS = /(?<![a-z])(ita|oit)(?![a-z])|การเปิดเผยข้อมูลสาธารณะ|การประเมินคุณธรรมและความโปร่งใส/i;
const LOADING = /กำลังโหลด|(?<![a-z])loading(?![a-z])|โปรดรอสักครู่|กรุณารอสักครู่/i;

function looksLikeIndex(page: Page, titleOnly = false): boolean {
  // A home page carries "ITA" in its menus and banners: for it, only its own title says it is the index.
  const texts = titleOnly ? [page.title] : [page.title, ...page.headings.slice(0, 3).map((h) => h.text)];
  return texts.some((t) => INDEX_WORDS.test(matchKey(t)));
}

/** The page still waits for its data: it says "loading", or its only tables have a header and no body. */
function stillLoading(page: Page): boolean {
  if (LOADING.test(matchKey(page.text.slice(0, 5000)))) return true;
  const empty = (row: string[]) => row.every((c) => !c.trim()) || LOADING.test(matchKey(row.join(' ')));
  return page.tables.length > 0 && page.tables.every((t) => t.rows.slice(1).every(empty));
}

export interface UnreadableIndexes {
  /** Pages that present themselves as the ITA index but give no readable row: never evidence either. */
  urls: Set<string>;
  warnings: Notice[];
}

/**
 * Index pages that give the audit nothing to follow, said as warnings rather than left as 43 silent "not found"s:
 * - an index of the assessed year whose rows are all placeholders ("#", javascript:, empty, or the index itself);
 * - a page whose title or headings say ITA/OIT but whose table is built by a script and still says "loading" (or
 *   has no body), rendered or not;
 * - when no index gives a usable row: a page that says ITA/OIT but has no item row that could be read.
 */
export function unreadableIndexes(pages: readonly Page[], all: readonly IndexPage[], chosen: readonly IndexPage[]): UnreadableIndexes {
  const warnings: Notice[] = [];
  const urls = new Set<string>();
  const notEvidence = indexUrls(all);
  let usable = 0;
  for (const ip of chosen) {
    const rows = ip.links.filter((l) => l.link.url && !notEvidence.has(l.link.url)).length;
    usable += rows;
    if (!rows) warnings.push({ code: 'index-rows-unreadable', data: { url: ip.page.url, items: ip.distinctItems, placeholders: ip.links.length } });
  }
  const known = new Set(all.map((ip) => ip.page.url));
  for (const page of pages) {
    // The start page counts too when it is itself the index (a committee member pastes the ITA page's URL).
    if (known.has(page.url) || (page.depth === 0 && !looksLikeIndex(page, true)) || page.soft404 || page.status >= 400 || !looksLikeIndex(page)) continue;
    if (page.links.some((l) => l.tag !== 'link' && l.url && labelOf(l))) continue;
    if (stillLoading(page)) {
      urls.add(page.url).add(page.finalUrl);
      warnings.push({ code: 'index-script-loaded', data: { url: page.url, rendered: page.flags.includes('rendered') } });
    } else if (!usable) {
      warnings.push({ code: 'index-rows-unreadable', data: { url: page.url, items: 0 } });
    }
  }
  return { urls, warnings };
}
