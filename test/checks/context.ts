// A CheckContext for one item from hand-made targets: check tests state exactly what the evidence says.
import type { CheckContext, ChildTarget, EvidenceTarget } from '../../src/checks/types.js';
import type { Document, Page } from '../../src/model/artifacts.js';
import type { Item } from '../../src/model/rule-set.js';
import { check, doc, page, SITE } from '../fixtures/artifacts.js';

/** An item with no rule data beyond its names: checks under test get their options from the test. */
export function item(extra: Partial<Item> = {}): Item {
  return { id: 'O1', title: 'ทดสอบ', titleEn: 'test', time: 'current', provisional: false, elements: [], hints: { keywords: ['ทดสอบ'], urlPatterns: [], siteChrome: false }, checks: [{ check: 'evidence-found' }], fix: {}, ...extra };
}

export function pageTarget(text: string, opts: { title?: string; children?: ChildTarget[]; extra?: Partial<Page> } = {}): EvidenceTarget {
  const p = page('/evidence.html', opts.title ?? 'หน้าหลักฐาน', text, [], opts.extra);
  return { evidence: { url: p.url, via: 'index', confidence: 0.95 }, link: check(p.url), page: p, children: opts.children ?? [] };
}

export function docTarget(path: string, text: string, extra: Partial<Document> = {}): EvidenceTarget {
  const d = doc(path, text, extra);
  return { evidence: { url: d.url, via: 'index', confidence: 0.95 }, link: check(d.url), document: d, children: [] };
}

export function childDoc(path: string, text: string, extra: Partial<Document> = {}): ChildTarget {
  const d = doc(path, text, extra);
  return { url: d.url, anchor: 'ดาวน์โหลด', link: check(d.url), document: d };
}

export function ctx(targets: EvidenceTarget[], extra: Partial<CheckContext> = {}): CheckContext {
  return { item: item(), site: SITE, fiscalYear: 2566, asOf: '2023-05-15', agencyType: 'local-government', targets, ...extra };
}
