// Outcome and defect-kind words for the web pages, from the one wording in src/text (argument order of the pages).
import type { Lang } from '../lang.js';
import type { Outcome } from '../model/result.js';
import { outcomeWord as outcomeIn } from '../text/reasons.js';
import { say } from '../text/say.js';

export const outcomeWord = (o: Outcome, lang: Lang): string => outcomeIn(lang, o);
export const kindWord = (kind: string, lang: Lang): string => say(lang, { code: `kind.${kind}`, data: {} });
