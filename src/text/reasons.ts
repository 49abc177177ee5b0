// Why an item is where it is: the one list of reasons every format shows (report.html, summary, ITAS sheet, junit.xml,
// alerts), so no format can show a reason another leaves out.
import type { Lang } from '../lang.js';
import type { Notice } from '../model/notice.js';
import type { CheckResult, Defect, ItemResult } from '../model/result.js';
import { defectFix, defectText, say, ui, type ItemWording } from './say.js';

export type Reason = { defect: Defect } | { note: Notice };

type ItemLike = Pick<ItemResult, 'outcome' | 'defects'> & { checks?: ReadonlyArray<Pick<CheckResult, 'status' | 'note'>> };

/**
 * An item's defects; an item not passing without one is explained by the notes of the checks that did not pass
 * (a review item whose only word is "the activity is on a linked page"), and never by nothing.
 */
export function itemReasons(i: ItemLike): Reason[] {
  if (i.defects.length) return i.defects.map((defect) => ({ defect }));
  if (i.outcome === 'pass') return [];
  const seen = new Set<string>();
  const notes = (i.checks ?? [])
    .filter((c) => c.status !== 'pass' && c.note && c.note.code !== 'no-evidence')
    .map((c) => c.note!)
    .filter((n) => {
      const k = `${n.code}|${JSON.stringify(n.data ?? {})}`;
      return !seen.has(k) && Boolean(seen.add(k));
    });
  return notes.length ? notes.map((note) => ({ note })) : [{ note: { code: 'reason.none', data: {} } }];
}

export const reasonText = (lang: Lang, r: Reason, item?: ItemWording): string => ('defect' in r ? defectText(lang, r.defect, item) : say(lang, r.note));

export const reasonFix = (lang: Lang, r: Reason, item?: ItemWording): string => ('defect' in r ? defectFix(lang, r.defect, item) : '');

export const reasonKind = (lang: Lang, r: Reason): string => ('defect' in r ? say(lang, { code: `kind.${r.defect.kind}`, data: {} }) : ui(lang, 'kind.note'));

/** Outcome in a word, in the language. */
export const outcomeWord = (lang: Lang, o: ItemResult['outcome']): string => ui(lang, `outcome.${o}`);
