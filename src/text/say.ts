// Applies the wording of one language to a notice ({code, data}): the only place text meets data.
import type { Lang } from '../lang.js';
import type { Notice } from '../model/notice.js';
import { EN } from './en.js';
import { TH } from './th.js';

export type Wording = (data: Record<string, unknown>) => string;
export type Phrasebook = Record<string, Wording>;

const BOOKS: Record<Lang, Phrasebook> = { th: TH, en: EN };

/** The notice in the language; an unknown code is shown as itself with its data, never dropped. */
export function say(lang: Lang, n: Notice): string {
  const w = BOOKS[lang][n.code] ?? BOOKS.en[n.code];
  return w ? w(n.data ?? {}) : `${n.code} ${JSON.stringify(n.data ?? {})}`;
}

/** Every code either language knows (the conformance test demands both for each). */
export const codesOf = (lang: Lang): string[] => Object.keys(BOOKS[lang]);
