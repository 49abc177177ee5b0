// summary.md and summary.txt: the short text for chat and e-mail (score, rating, the items to fix, worth most first).
// summary.txt is the same text without Markdown marks, for channels that show them raw (LINE); the CLI prints it too.
import type { Lang } from '../lang.js';
import type { Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { outcomeWord } from '../text/reasons.js';
import { say, ui } from '../text/say.js';
import { agencyOf, asOfText, frameworkBanner, gainText, itemsToFix, ratingText, reasonsOf } from './common.js';

export { frameworkBanner, gradeWord, ratingText } from './common.js';

export interface SummaryOptions {
  /** false leaves the banner out where the caller has said it already (the CLI says it once). */
  banner?: boolean;
  /** 'text': no Markdown marks (headings, bold, quotes), for LINE and plain e-mail. */
  format?: 'md' | 'text';
}

/** One line per item to fix: "O20 ประกาศ… — ไม่ผ่าน (+2.50): first reason; และอีก 1 ปัญหา". */
export function summaryItemLine(r: Result, id: string, lang: Lang): string {
  const i = r.items.find((x) => x.id === id)!;
  const reasons = reasonsOf(i, lang);
  const gain = gainText(r, i.id);
  const more = reasons.length > 1 ? `; ${ui(lang, 'summary.more', { count: reasons.length - 1 })}` : '';
  return `${i.id} ${lang === 'en' ? i.titleEn : i.title} — ${outcomeWord(lang, i.outcome)}${gain ? ` (${gain})` : ''}${reasons[0] ? `: ${reasons[0].text}${more}` : ''}`;
}

export function summaryText(r: Result, lang: Lang, opts: SummaryOptions = {}): string {
  const md = opts.format !== 'text';
  const s = r.score;
  const banner = opts.banner === false ? undefined : frameworkBanner(r, lang);
  const count = (o: string) => r.items.filter((i) => i.outcome === o).length;
  const h1 = (t: string) => (md ? `# ${t}` : t);
  const h2 = (t: string) => (md ? `## ${t}` : t);
  const bold = (t: string) => (md ? `**${t}**` : t);
  const best = s.bestCase && s.bestCase.oit !== null ? s.bestCase : undefined;
  const lines = [
    h1(ui(lang, 'summary.title', { agency: agencyOf(r) })),
    '',
    ...(banner ? [md ? `> **${ui(lang, 'summary.banner')}:** ${banner}` : `${ui(lang, 'summary.banner')}: ${banner}`, ''] : []),
    `- ${ui(lang, 'summary.framework', { framework: r.framework.id, provisional: r.framework.provisional, fiscalYear: r.fiscalYear, date: asOfText(r, lang) })}`,
    `- ${ui(lang, 'summary.score', { score: bold(formatScore(s.oit)), rating: ratingText(r, lang) })}`,
    ...(s.provisional ? [`- ${ui(lang, 'summary.provisional')}`] : []),
    ...(best ? [`- ${ui(lang, 'summary.best', { score: formatScore(best.oit) })}${best.rating ? ` · ${say(lang, best.rating)}` : ''}`] : []),
    `- ${ui(lang, 'summary.counts', { pass: count('pass'), fail: count('fail'), review: count('review'), error: count('error'), total: r.items.length })}`,
    `- ${ui(lang, 'summary.links', { checked: r.links.checked, broken: r.links.broken.length, unverifiable: r.links.unverifiable })}`,
  ];
  const toFix = itemsToFix(r);
  if (toFix.length) lines.push('', h2(ui(lang, 'summary.fix')), ...toFix.map((i) => `- ${summaryItemLine(r, i.id, lang)}`));
  if (r.warnings.length) lines.push('', h2(ui(lang, 'summary.notes')), ...r.warnings.map((w) => `- ${say(lang, w)}`));
  lines.push('', ui(lang, 'summary.full'));
  return `${lines.join('\n')}\n`;
}
