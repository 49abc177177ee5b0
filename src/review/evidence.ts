// What a reviewer's decision or waiver was made on: an item's evidence, as a print that a later run can compare.
import type { Defect, ItemResult, Result } from '../model/result.js';

/**
 * The evidence print of an item: its evidence URLs and the files read for it (its defects' URLs that were read as
 * evidence), each with the first 16 hex digits of the file's SHA-256 when it was read. Same print, same evidence: a
 * decision or a waiver carries over; a URL that moved or a file that was replaced changes it.
 */
export function itemPrint(r: Pick<Result, 'evidenceFiles'>, item: Pick<ItemResult, 'evidence' | 'defects'>): string {
  const urls = new Set(item.evidence.map((e) => e.url));
  for (const d of item.defects) if (d.url && r.evidenceFiles[d.url]) urls.add(d.url);
  return [...urls]
    .sort()
    .map((u) => `${u}@${(r.evidenceFiles[u] ?? '').slice(0, 16)}`)
    .join('\n');
}

/** A site-level defect (no item) has no evidence beyond itself: its key already names its URL. */
export function defectPrint(r: Pick<Result, 'evidenceFiles' | 'items'>, d: Defect): string {
  const item = d.item ? r.items.find((i) => i.id === d.item) : undefined;
  return item ? itemPrint(r, item) : '';
}

export interface EvidenceChange {
  /** URLs in the new print that the old one did not have. */
  added: string[];
  removed: string[];
  /** Same URL, another file. */
  replaced: string[];
}

const parse = (print: string) => new Map(print.split('\n').filter(Boolean).map((l) => { const at = l.lastIndexOf('@'); return [l.slice(0, at), l.slice(at + 1)] as const; }));

/** How the evidence changed between two prints (all empty: the same). */
export function evidenceChange(before: string, after: string): EvidenceChange {
  const a = parse(before);
  const b = parse(after);
  return {
    added: [...b.keys()].filter((u) => !a.has(u)),
    removed: [...a.keys()].filter((u) => !b.has(u)),
    replaced: [...b].filter(([u, h]) => a.has(u) && a.get(u) !== h).map(([u]) => u),
  };
}
