// Finds the agency's ITA/OIT index pages (tables or accordions labelled O1…O43) and which year each one is for.
import type { Notice } from '../model/notice.js';
import type { Link, Page } from '../model/artifacts.js';
import { findYearMentions } from '../derive/thai-date.js';
import { parseItemLabel, type ItemLabel } from '../derive/labels.js';

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
    const moit = links.filter((l) => l.label.style === 'moit').length > links.length / 2 || /\bmoit\b/i.test(`${page.title} ${page.headings.map((h) => h.text).join(' ')}`);
    const year = pageYear(page);
    out.push({ page, ...(year ? { year } : {}), moit, links, distinctItems: distinct });
  }
  return out.sort((a, b) => b.distinctItems - a.distinctItems);
}

/**
 * The index pages to score this framework with: those for the assessed year, else those that name no year.
 * An index for another year is never used: its O-numbers belong to another list.
 */
export function chooseIndexPages(all: readonly IndexPage[], fiscalYear: number, frameworkYears: readonly number[]): { chosen: IndexPage[]; warnings: Notice[] } {
  const warnings: Notice[] = [];
  const nacc = all.filter((p) => !p.moit);
  for (const p of all.filter((p) => p.moit))
    warnings.push({ code: 'moit-index-page', data: { url: p.page.url } });
  let chosen = nacc.filter((p) => p.year === fiscalYear);
  if (!chosen.length) chosen = nacc.filter((p) => p.year !== undefined && frameworkYears.includes(p.year));
  if (!chosen.length) chosen = nacc.filter((p) => p.year === undefined);
  const others = nacc.filter((p) => !chosen.includes(p) && p.year !== undefined);
  if (others.length)
    warnings.push({ code: 'other-year-index', data: { years: [...new Set(others.map((p) => p.year))].join(', ') } });
  return { chosen, warnings };
}
