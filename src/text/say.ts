// Applies the wording of one language to a notice ({code, data}): the only place text meets data. The CLI, every
// report, the alerts and the web pages render through here, so every format says the same thing.
import type { Lang } from '../lang.js';
import type { Notice } from '../model/notice.js';
import type { Defect, Result } from '../model/result.js';
import { EN } from './en.js';
import { TH } from './th.js';
import type { UiCode } from './th-ui.js';

/** A template with {placeholders}, or a function of the data where the wording depends on it. */
export type Wording = string | ((data: Record<string, unknown>) => string);
export type Phrasebook = Record<string, Wording>;

const BOOKS: Record<Lang, Phrasebook> = { th: TH, en: EN };

/** Fills {name} from data; an absent value leaves nothing behind (no "()" or double spaces). */
export function fill(template: string, data: Record<string, unknown>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = data[k];
      return v === undefined || v === null ? '' : String(v);
    })
    .replace(/\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const apply = (w: Wording, data: Record<string, unknown>) => (typeof w === 'string' ? fill(w, data) : w(data));

/** The notice in the language; an unknown code is shown as itself with its data, never dropped. */
export function say(lang: Lang, n: Notice): string {
  const w = BOOKS[lang][n.code] ?? BOOKS.en[n.code];
  return w ? apply(w, n.data ?? {}) : `${n.code} ${JSON.stringify(n.data ?? {})}`;
}

/** A report's own words (a heading, a column, a sentence of the answer sheet) in the language. */
export const ui = (lang: Lang, code: UiCode, data: Record<string, unknown> = {}): string => say(lang, { code, data });

/** Every code a language knows (the conformance test demands the same codes in both). */
export const codesOf = (lang: Lang): string[] => Object.keys(BOOKS[lang]);

/** What an item contributes to its defects' wording: its id and titles, and its own how-to-fix per kind. */
export interface ItemWording {
  id: string;
  title: string;
  titleEn: string;
  fixes?: Record<string, { th: string; en: string }>;
}

function defectData(d: Defect, item?: ItemWording): Record<string, unknown> {
  return { item: item?.id ?? d.item ?? '', title: item?.title ?? '', titleEn: item?.titleEn ?? '', url: d.url ?? '', status: '', reason: '', ...d.data };
}

/** The item a result defect belongs to, for its wording. */
export const itemOf = (r: Pick<Result, 'items'>, d: Defect): ItemWording | undefined => (d.item ? r.items.find((i) => i.id === d.item) : undefined);

/** "What is wrong", in the language. */
export const defectText = (lang: Lang, d: Defect, item?: ItemWording): string => say(lang, { code: `defect.${d.kind}`, data: defectData(d, item) });

/** "How to fix it": the item's own advice for this kind when the rule set has one, else the kind's. */
export function defectFix(lang: Lang, d: Defect, item?: ItemWording): string {
  const own = item?.fixes?.[d.kind];
  if (own) return fill(lang === 'en' ? own.en : own.th, defectData(d, item));
  return say(lang, { code: `fix.${d.kind}`, data: defectData(d, item) });
}
