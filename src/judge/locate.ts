// Locates an item's evidence the way an assessor would: the ITA index first, then menus and links, headings, URLs.
import type { Link, Page } from '../model/artifacts.js';
import type { Evidence } from '../model/result.js';
import type { Item } from '../model/rule-set.js';
import { compactKey } from '../derive/thai-text.js';
import { isDocumentUrl, unverifiableReason } from '../derive/classify.js';
import { activityLinks } from '../checks/activity-text.js';
import type { ChildTarget, EvidenceTarget } from '../checks/types.js';
import type { ArtifactIndex } from './artifact-index.js';
import { indexUrls, labelOf, type IndexPage } from './index-pages.js';

export interface Located {
  targets: EvidenceTarget[];
  /** The index has a row for the item whose link is a placeholder ("#", javascript:). */
  placeholder?: { page: string; text: string };
}

const MAX_TARGETS = 4;
const MAX_CHILDREN = 40;
const MAX_ACTIVITY_PAGES = 6;

/** Keywords as compact keys, longest first, so the most specific phrase wins. */
function keywordKeys(item: Item): string[] {
  return [...new Set([item.title, ...item.hints.keywords].map(compactKey).filter((k) => k.length >= 2))].sort((a, b) => b.length - a.length);
}

function keywordScore(text: string, keys: string[], title: string): number {
  const t = compactKey(text);
  if (!t) return 0;
  if (t.includes(title)) return 0.75;
  const hit = keys.find((k) => t.includes(k));
  if (!hit) return 0;
  // A long, specific phrase is strong evidence; a short one ("ข่าว") only when it is most of the link text.
  return hit.length >= 8 ? 0.65 : hit.length / t.length > 0.5 ? 0.55 : 0;
}

function childrenOf(page: Page | undefined, idx: ArtifactIndex): ChildTarget[] {
  if (!page) return [];
  const out: ChildTarget[] = [];
  const seen = new Set<string>();
  for (const l of page.links) {
    if (!l.url || seen.has(l.url) || l.tag === 'link') continue;
    const doc = idx.document(l.url);
    if (!doc && !isDocumentUrl(l.url) && !unverifiableReason(l.url)) continue;
    seen.add(l.url);
    const link = idx.link(l.url);
    out.push({ url: l.url, anchor: l.text, ...(link ? { link } : {}), ...(doc ? { document: doc } : {}) });
    if (out.length >= MAX_CHILDREN) break;
  }
  return out;
}

/** Same-site pages the evidence page links to that tell of one activity (an item that must show its activities). */
function activityPages(page: Page | undefined, idx: ArtifactIndex): ChildTarget[] {
  if (!page) return [];
  const out: ChildTarget[] = [];
  for (const url of activityLinks(page).slice(0, MAX_ACTIVITY_PAGES)) {
    const p = idx.page(url);
    if (!p || p.soft404 || p.status >= 400) continue;
    const link = idx.link(url);
    out.push({ url, anchor: page.links.find((l) => l.url === url)?.text ?? '', ...(link ? { link } : {}), page: idx.chrome.main(p) });
  }
  return out;
}

export function toTarget(evidence: Evidence, idx: ArtifactIndex, withActivityPages = false): EvidenceTarget {
  const link = idx.link(evidence.url);
  const final = link?.finalUrl ?? evidence.url;
  const whole = idx.page(evidence.url) ?? idx.page(final);
  const page = whole ? idx.chrome.main(whole) : undefined;
  const chromeText = whole ? idx.chrome.chromeText(whole) : '';
  const document = idx.document(evidence.url) ?? idx.document(final);
  const children = [...childrenOf(page, idx), ...(withActivityPages ? activityPages(page, idx) : [])];
  return { evidence, ...(link ? { link } : {}), ...(page ? { page } : {}), ...(chromeText ? { chromeText } : {}), ...(document ? { document } : {}), children };
}

/**
 * `notEvidence`: every index page of the site (any year, and those whose rows could not be read). An index is the
 * agency's claim: by no route are it, its headings or links to it evidence for an item.
 */
export function locateEvidence(item: Item, n: number, indexes: readonly IndexPage[], idx: ArtifactIndex, notEvidence: ReadonlySet<string> = indexUrls(indexes)): Located {
  // An item that must show dated activities is read one click deeper: the activity pages its evidence links to.
  const activities = item.checks.some((c) => c.check === 'activity-date');
  const found = new Map<string, Evidence>();
  const isIndex = (url: string) => notEvidence.has(url) || notEvidence.has(idx.link(url)?.finalUrl ?? '');
  const add = (e: Evidence) => {
    // Whatever the route: an index's own headings ("การประชาสัมพันธ์"), a menu link to it, a URL pattern it matches.
    if (isIndex(e.url)) return;
    const prev = found.get(e.url);
    if (!prev || prev.confidence < e.confidence) found.set(e.url, e);
  };
  let placeholder: Located['placeholder'];

  // 1. The ITA/OIT index of the assessed year: what the agency itself says is the evidence.
  for (const ip of indexes) {
    for (const l of ip.links) {
      if (l.n !== n) continue;
      // "#", javascript:, empty, or a link back to an index: the row is there but leads to nothing.
      if (!l.link.url || isIndex(l.link.url)) {
        placeholder ??= { page: ip.page.url, text: l.link.text || l.link.href || l.link.context || '' };
        continue;
      }
      add({ url: l.link.url, via: 'index', confidence: 0.95, label: l.label.raw, text: l.link.text, from: ip.page.url });
    }
  }
  if (found.size) return { targets: [...found.values()].slice(0, MAX_TARGETS).map((e) => toTarget(e, idx, activities)), ...(placeholder ? { placeholder } : {}) };

  // 2–4. Menus and links, page titles and headings, URL patterns.
  const keys = keywordKeys(item);
  const title = compactKey(item.title);
  const chosenUrls = indexUrls(indexes);
  for (const page of idx.artifacts.pages) {
    if (page.soft404) continue;
    for (const l of page.links as Link[]) {
      if (!l.url || l.tag === 'link' || l.tag === 'form') continue;
      // On an index page, a link labelled for another item is that item's evidence, whatever its words.
      if (chosenUrls.has(page.url) && labelOf(l)) continue;
      const s = keywordScore(l.text, keys, title);
      if (s > 0) add({ url: l.url, via: 'link', confidence: s, text: l.text, from: page.url });
    }
    const headingText = [page.title, ...page.headings.slice(0, 3).map((h) => h.text)];
    const hs = Math.max(0, ...headingText.map((t) => keywordScore(t, keys, title)));
    if (hs > 0) add({ url: page.url, via: 'heading', confidence: Math.min(0.6, hs), text: page.title });
  }
  // A one-document audit (a committee member pasted a file's URL): the file is located by what it says it is.
  if (!idx.artifacts.pages.length) {
    for (const d of idx.artifacts.documents) {
      const heads = [d.meta.title ?? '', decodeURIComponent(d.url.slice(d.url.lastIndexOf('/') + 1)), ...d.text.slice(0, 600).split('\n').slice(0, 6)];
      const ds = Math.max(0, ...heads.map((t) => keywordScore(t, keys, title)));
      if (ds > 0) add({ url: d.url, via: 'heading', confidence: Math.min(0.6, ds), text: d.meta.title ?? '' });
    }
  }
  const patterns = item.hints.urlPatterns.map((p) => new RegExp(p, 'iu'));
  if (patterns.length) {
    for (const l of idx.artifacts.links) {
      if (!l.sameSite) continue;
      let path: string;
      try {
        path = decodeURIComponent(new URL(l.url).pathname);
      } catch {
        continue;
      }
      if (patterns.some((re) => re.test(path))) add({ url: l.url, via: 'url', confidence: 0.35 });
    }
  }
  const ranked = [...found.values()].sort((a, b) => b.confidence - a.confidence || a.url.localeCompare(b.url));
  // Weak URL-only guesses are not evidence on their own when anything better exists.
  const best = ranked[0]?.confidence ?? 0;
  const kept = ranked.filter((e) => e.confidence >= Math.min(0.5, best)).slice(0, MAX_TARGETS);
  return { targets: kept.map((e) => toTarget(e, idx, activities)), ...(placeholder ? { placeholder } : {}) };
}
