// Gathers the text an assessor would read for an item: the evidence page or file and the files it links to.
import { compactKey } from '../derive/thai-text.js';
import type { CheckContext, EvidenceTarget } from './types.js';

export interface Corpus {
  /** Everything readable, joined. */
  text: string;
  /** compactKey(text), for phrase matching. */
  compact: string;
  /** URLs of documents that have pages but no text layer (scans). */
  scanned: string[];
  /** The evidence page shows images in its content (an org chart or a poster may carry the data). */
  hasImages: boolean;
  /** Some evidence was actually read (a page or a file that opened); otherwise there is nothing to judge. */
  readable: boolean;
}

const DOC_TEXT_LIMIT = 60_000;

function targetText(t: EvidenceTarget): string[] {
  // The index's link text is the agency's claim about the evidence, not the evidence: it is left out here.
  const parts: string[] = [];
  // Link targets count as content: a Social Network or E-Service page proves itself by where it links.
  if (t.page) parts.push(t.page.title, ...t.page.headings.map((h) => h.text), t.page.text, t.page.links.map((l) => l.url).filter(Boolean).join(' '));
  if (t.document) parts.push(t.document.meta.title ?? '', t.document.text.slice(0, DOC_TEXT_LIMIT), decodeName(t.document.url));
  for (const c of t.children) {
    parts.push(c.anchor, decodeName(c.url));
    if (c.document) parts.push(c.document.text.slice(0, DOC_TEXT_LIMIT));
    if (c.document?.tables.length) parts.push(c.document.tables.flatMap((tb) => tb.rows.map((r) => r.join(' '))).join('\n'));
  }
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

export function buildCorpus(ctx: CheckContext): Corpus {
  const text = ctx.targets.flatMap(targetText).filter(Boolean).join('\n');
  const scanned: string[] = [];
  for (const t of ctx.targets) {
    // A page drawn with private font codes is as unreadable as a scan.
    if (t.page?.flags.includes('font-encoded')) scanned.push(t.page.url);
    for (const d of [t.document, ...t.children.map((c) => c.document)]) {
      if (d && d.hasTextLayer === false) scanned.push(d.url);
    }
  }
  const hasImages = ctx.targets.some((t) => (t.page?.images?.length ?? 0) > 0 || t.document?.kind === 'image' || t.children.some((c) => c.document?.kind === 'image'));
  const opened = (d: { status: number; error?: { code: string } } | undefined) => d !== undefined && d.status < 400 && !['corrupt', 'encrypted', 'zip-bomb'].includes(d.error?.code ?? '');
  const readable = ctx.targets.some((t) => (t.page && opened(t.page) && !t.page.soft404) || opened(t.document) || t.children.some((c) => opened(c.document)));
  return { text, compact: compactKey(text), scanned, hasImages, readable };
}

/** Short text that dates a target: labels, titles, headings, file names and the start of each document. */
export function datingText(t: EvidenceTarget, head = 4000): string {
  const parts = [t.evidence.label ?? '', t.evidence.text ?? ''];
  if (t.page) parts.push(t.page.title, ...t.page.headings.map((h) => h.text), t.page.text.slice(0, head));
  if (t.document) parts.push(t.document.meta.title ?? '', decodeName(t.document.url), t.document.text.slice(0, head));
  for (const c of t.children) {
    parts.push(c.anchor, decodeName(c.url));
    if (c.document) parts.push(c.document.text.slice(0, head));
  }
  return parts.filter(Boolean).join('\n');
}
