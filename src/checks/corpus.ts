// Gathers the text an assessor would read for an item: the evidence page or file and the files it links to.
import { compactKey } from '../derive/thai-text.js';
import type { Item } from '../model/rule-set.js';
import type { CheckContext, EvidenceTarget } from './types.js';

export interface Corpus {
  /** Everything readable, joined. */
  text: string;
  /** compactKey of the content an element can be shown by: page body, document text and tables, pictures' names. */
  compact: string;
  /** compactKey of the labels around it (titles, headings, link texts, file names): the item's own names are cut out. */
  labels: string;
  /** URLs of documents that have pages but no text layer (scans). */
  scanned: string[];
  /** Links from the evidence to services that cannot be read automatically (Google Drive, Forms): the data may be there. */
  unreadableLinks: string[];
  /** The evidence page shows images in its content (an org chart or a poster may carry the data). */
  hasImages: boolean;
  /** Some evidence is a PDF or Word file: its pictures (photos, charts) are not read. */
  unreadPictures: boolean;
  /** Some evidence was actually read (a page or a file that opened); otherwise there is nothing to judge. */
  readable: boolean;
}

const DOC_TEXT_LIMIT = 60_000;

/** What the evidence says: the page's own text (its chrome taken out), documents, tables, and what its pictures are. */
function bodyText(t: EvidenceTarget, withChrome: boolean): string[] {
  const parts: string[] = [];
  if (t.page) {
    parts.push(t.page.text);
    // A picture's alt text and file name say what it is ("แผนภูมิโครงสร้าง…", org-chart-2566.png).
    for (const img of t.page.images) parts.push(img.alt, decodeName(img.src));
    // Link targets count as content: a Social Network or E-Service page proves itself by where it links.
    parts.push(t.page.links.map((l) => l.url).filter(Boolean).join(' '));
  }
  if (withChrome && t.chromeText) parts.push(t.chromeText);
  if (t.document) parts.push(t.document.text.slice(0, DOC_TEXT_LIMIT));
  for (const c of t.children) {
    if (c.document) parts.push(c.document.text.slice(0, DOC_TEXT_LIMIT));
    if (c.document?.tables.length) parts.push(c.document.tables.flatMap((tb) => tb.rows.map((r) => r.join(' '))).join('\n'));
  }
  return parts;
}

/** How the evidence is labelled: titles, headings, link texts and file names. The index's link text is left out: it is
 * the agency's claim about the evidence, not the evidence. */
function labelText(t: EvidenceTarget): string[] {
  const parts: string[] = [];
  if (t.page) parts.push(t.page.title, ...t.page.headings.map((h) => h.text));
  if (t.document) parts.push(t.document.meta.title ?? '', decodeName(t.document.url));
  for (const c of t.children) parts.push(c.anchor, decodeName(c.url));
  return parts;
}

/** The file name of a URL, percent-decoded: Thai file names often say what and which month a file is. */
export function decodeName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)).replace(/[_+]/g, ' ');
  } catch {
    return '';
  }
}

/** A title without the fiscal year it names ("… ประจำปีงบประมาณ พ.ศ. 2569"): pages are often titled without it. */
const YEAR_IN_TITLE = /\s*(ประจำ)?ปี(งบประมาณ)?\s*(พ\.ศ\.)?\s*25\d\d/g;

/** The item's title (with and without its year) and keywords as compact keys. */
export function ownNames(item: Item): string[] {
  return [...new Set([item.title, item.title.replace(YEAR_IN_TITLE, ''), ...item.hints.keywords].map(compactKey))].filter((k) => k.length >= 3);
}

/** How much of a compact line the item's own names cover (0–1): a line that is mostly the item's name only names it. */
function namedShare(line: string, names: readonly string[]): number {
  if (!line) return 0;
  const hit = new Uint8Array(line.length);
  for (const n of names) for (let j = line.indexOf(n); j >= 0; j = line.indexOf(n, j + 1)) hit.fill(1, j, j + n.length);
  return hit.reduce((a, b) => a + b, 0) / line.length;
}

export function buildCorpus(ctx: CheckContext): Corpus {
  const withChrome = ctx.item.hints.siteChrome;
  const names = ownNames(ctx.item);
  // A line that is mostly the item's own name ("กฎหมายที่เกี่ยวข้อง" as a heading) names the evidence, it does not
  // show any element; "ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน" in a plan's body does.
  const body = ctx.targets
    .flatMap((t) => bodyText(t, withChrome))
    .filter(Boolean)
    .join('\n')
    .split('\n')
    .filter((line) => namedShare(compactKey(line), names) < 0.6)
    .join('\n');
  const labelParts = ctx.targets.flatMap(labelText).filter(Boolean);
  const labels = labelParts.join('\n');
  const scanned: string[] = [];
  for (const t of ctx.targets) {
    // A page drawn with private font codes is as unreadable as a scan.
    if (t.page?.flags.includes('font-encoded')) scanned.push(t.page.url);
    for (const d of [t.document, ...t.children.map((c) => c.document)]) {
      if (d && d.hasTextLayer === false) scanned.push(d.url);
    }
  }
  const unreadableLinks = [...new Set(ctx.targets.flatMap((t) => t.children.filter((c) => c.link?.state === 'unverifiable' && /google-drive|google-forms|login|flipbook|file-share/.test(c.link.reason ?? '')).map((c) => c.url)))];
  const hasImages = ctx.targets.some((t) => (t.page?.images?.length ?? 0) > 0 || t.document?.kind === 'image' || t.children.some((c) => c.document?.kind === 'image'));
  const unreadPictures = ctx.targets.some((t) => [t.document, ...t.children.map((c) => c.document)].some((d) => d && ['pdf', 'docx', 'doc'].includes(d.kind)));
  const opened = (d: { status: number; error?: { code: string } } | undefined) => d !== undefined && d.status < 400 && !['corrupt', 'encrypted', 'zip-bomb'].includes(d.error?.code ?? '');
  const readable = ctx.targets.some((t) => (t.page && opened(t.page) && !t.page.soft404) || opened(t.document) || t.children.some((c) => opened(c.document)));
  return { text: `${labels}\n${body}`, compact: compactKey(body),
    // Each label compacted on its own: a title ending "…สอบถาม" next to a heading "ข้อมูล…" does not spell "สอบถามข้อมูล".
    labels: labelParts.map(compactKey).join('|'), scanned, unreadableLinks, hasImages, unreadPictures, readable };
}

/**
 * Short text that dates a target: labels, titles, headings, file names and the start of each document. The index's
 * link text is left out when it only repeats the item's title (`title`, compared without its year): from ITA 2569
 * titles name the year ("… ประจำปีงบประมาณ พ.ศ. 2569"), so a copied title dates nothing the link leads to.
 */
export function datingText(t: EvidenceTarget, head = 4000, title?: string): string {
  const notClaim = claimFilter(title);
  // The index's link text is a claim; so are the title and headings of a page that only wraps the files it links
  // (a "2569" page holding the FY2568 plan is about 2568). A page that is the evidence itself is read whole.
  const wrapper = t.children.some((c) => c.document);
  const parts = [t.evidence.label ?? '', t.evidence.text ?? ''].filter(notClaim);
  if (t.page) parts.push(...[t.page.title, ...t.page.headings.map((h) => h.text)].filter((l) => !wrapper || notClaim(l)), t.page.text.slice(0, head).split('\n').filter((l) => !wrapper || notClaim(l)).join('\n'));
  if (t.document) parts.push(t.document.meta.title ?? '', decodeName(t.document.url), t.document.text.slice(0, head));
  for (const c of t.children) {
    parts.push(c.anchor, decodeName(c.url));
    if (c.document) parts.push(c.document.text.slice(0, head));
  }
  return parts.filter(Boolean).join('\n');
}

/** Titles and headings of a target: where an agency states which year a page or file is for (claims left out as in
 * datingText). */
export function headingText(t: EvidenceTarget, title?: string): string {
  const notClaim = claimFilter(title);
  const wrapper = t.children.some((c) => c.document);
  const parts: string[] = [];
  if (t.page) parts.push(...[t.page.title, ...t.page.headings.map((h) => h.text)].filter((l) => !wrapper || notClaim(l)));
  if (t.document) parts.push(t.document.meta.title ?? '', t.document.text.slice(0, 300));
  return parts.filter(Boolean).join('\n');
}

/** A line is a claim when it carries the item's own title (its year taken out): keep only the other lines. */
function claimFilter(title: string | undefined): (line: string) => boolean {
  const own = title ? compactKey(title.replace(YEAR_IN_TITLE, '')) : '';
  return (line) => !(own.length >= 8 && compactKey(line).includes(own));
}
