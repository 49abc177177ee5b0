// Indicator and sub-indicator scores as bars made of HTML: the labels are text at the page's size on any screen
// (an SVG scaled to a phone shrank them to ~5 px), no scripts, no external files.
import type { Lang } from '../lang.js';
import type { Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { ui } from '../text/say.js';
import { escHtml } from './escape.js';

export function scoreChart(r: Result, lang: Lang): string {
  const rows: Array<{ label: string; value: number | null; level: 0 | 1 }> = [];
  for (const ind of r.framework.structure) {
    rows.push({ label: `${ind.id} ${lang === 'en' ? ind.titleEn : ind.title}`, value: r.score.indicators[ind.id] ?? null, level: 0 });
    for (const sub of ind.subIndicators) rows.push({ label: `${sub.id} ${lang === 'en' ? sub.titleEn : sub.title}`, value: r.score.subIndicators[sub.id] ?? null, level: 1 });
  }
  const mark = r.score.passMark;
  const bars = rows
    .map((row) => {
      const v = row.value ?? 0;
      const w = Math.max(0, Math.min(100, v));
      const tone = row.value === null ? 'none' : v >= mark ? 'ok' : v >= 50 ? 'warn' : 'bad';
      // The bar is a tiny SVG: widths as attributes, not inline styles, so pages with a strict style-src (oit serve)
      // show it too.
      return `<div class="bar l${row.level}"><span class="bl">${escHtml(row.label)}</span><svg class="bt" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="bg" width="100" height="10"/><rect class="bf t-${tone}" width="${w.toFixed(1)}" height="10"/><line class="mk" x1="${mark}" x2="${mark}" y1="0" y2="10"/></svg><span class="bv">${formatScore(row.value)}</span></div>`;
    })
    .join('');
  return `<figure class="chart" aria-label="${escHtml(ui(lang, 'report.chart'))}">${bars}<figcaption class="bars-mark">${escHtml(ui(lang, 'report.chart-mark', { mark }))}</figcaption></figure>`;
}
