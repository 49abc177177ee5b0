// required-elements: every element the manual requires is present in the evidence (Thai-aware phrase matching).
import { z } from 'zod';
import { compactKey } from '../derive/thai-text.js';
import { buildCorpus, ownNames } from './corpus.js';
import type { Check } from './types.js';

export const requiredElements: Check<{ minimum?: number }> = {
  id: 'required-elements',
  description: "Each required element of the item (its rule data's `elements`) appears in the evidence or the files it links.",
  options: z.strictObject({ minimum: z.number().int().min(1).optional() }),
  defects: ['missing-element', 'scanned-document', 'unverifiable'],
  run(ctx, { minimum }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const corpus = buildCorpus(ctx);
    // A link that does not open is reported by link-works; it is not also "missing" every element.
    if (!corpus.readable) return { status: 'cant-tell', defects: [], note: { code: 'no-readable-evidence', data: {} } };
    const elements = ctx.item.elements.filter((e) => e.appliesTo === 'all' || ctx.agencyType === 'local-government');
    // The item's own names are not its content where they are labels: a page titled "อำนาจหน้าที่" has not shown the
    // duties. In the body they are words like any other ("ยุทธศาสตร์ที่ 1 …" on a development plan).
    const names = ownNames(ctx.item);
    const shown = (p: string) => corpus.compact.includes(compactKey(p)) || occursBeyond(corpus.labels, compactKey(p), names);
    const missing = elements.filter((e) => !(e.image && corpus.hasImages) && !e.anyOf.some(shown));
    const needed = minimum ?? elements.filter((e) => !e.inferred).length;
    const hard = missing.filter((e) => !e.inferred);
    if (elements.length - missing.length >= needed && (minimum !== undefined || hard.length === 0))
      return missing.length ? { status: 'pass', defects: [], note: { code: 'inferred-elements-missing', data: { elements: missing.map((e) => e.th).join(', ') } } } : { status: 'pass', defects: [] };
    // Ids for machines, the element's words for people (the wording picks the language).
    const named = { elements: missing.map((e) => e.id).join(', '), elementsTh: missing.map((e) => e.th).join(', '), elementsEn: missing.map((e) => e.en).join(', ') };
    const defects = missing.map((e) => ({ kind: 'missing-element' as const, data: { element: e.th, elementEn: e.en, id: e.id } }));
    // Text we could not read may hold the missing elements: a scan, or an org chart drawn as a picture.
    if (corpus.scanned.length) {
      return {
        status: 'cant-tell',
        defects: corpus.scanned.map((url) => ({ kind: 'scanned-document' as const, url })),
        note: { code: 'elements-not-found', data: named },
      };
    }
    // The rest may sit behind a link that cannot be opened without a browser session (Google Drive, a form).
    if (corpus.unreadableLinks.length) {
      return {
        status: 'cant-tell',
        defects: corpus.unreadableLinks.map((url) => ({ kind: 'unverifiable' as const, url, data: { reason: 'google-drive' } })),
        note: { code: 'elements-behind-link', data: named },
      };
    }
    // An org chart or a map drawn as a picture cannot be read; anything else missing is missing, pictures or not.
    if (corpus.hasImages && missing.every((e) => e.picture)) {
      return { status: 'cant-tell', defects, note: { code: 'mostly-images', data: {} } };
    }
    // A photo inside a PDF or Word file is not read: a person looks.
    if (corpus.unreadPictures && missing.every((e) => e.image)) {
      return { status: 'cant-tell', defects, note: { code: 'pictures-not-read', data: named } };
    }
    return { status: 'fail', defects };
  },
};


/** Whether `phrase` occurs in `text` at least once outside every occurrence of the item's own names. */
export function occursBeyond(text: string, phrase: string, names: readonly string[]): boolean {
  if (!phrase) return false;
  const covers: Array<[number, number]> = [];
  for (const n of names) {
    if (n.length < phrase.length || !n.includes(phrase)) continue;
    for (let j = text.indexOf(n); j >= 0; j = text.indexOf(n, j + 1)) covers.push([j, j + n.length]);
  }
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) {
    if (!covers.some(([a, b]) => a <= i && i + phrase.length <= b)) return true;
  }
  return false;
}
