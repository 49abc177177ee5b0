// An inline SVG bar chart of indicator and sub-indicator scores (no scripts, no external files).
import type { Lang } from '../lang.js';
import type { Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { escXml } from './escape.js';

export function scoreChart(r: Result, lang: Lang): string {
  const rows: Array<{ label: string; value: number | null; level: 0 | 1 }> = [];
  for (const ind of r.framework.structure) {
    rows.push({ label: `${ind.id} ${lang === 'en' ? ind.titleEn : ind.title}`, value: r.score.indicators[ind.id] ?? null, level: 0 });
    for (const sub of ind.subIndicators) rows.push({ label: `${sub.id} ${lang === 'en' ? sub.titleEn : sub.title}`, value: r.score.subIndicators[sub.id] ?? null, level: 1 });
  }
  const rowH = 26;
  const labelW = 330;
  const barW = 300;
  const h = rows.length * rowH + 30;
  const pass = r.score.passMark;
  const bars = rows
    .map((row, i) => {
      const y = 10 + i * rowH;
      const v = row.value ?? 0;
      const w = Math.max(0, Math.min(100, v)) * (barW / 100);
      const color = row.value === null ? '#bbb' : v >= pass ? '#2e7d32' : v >= 50 ? '#ef6c00' : '#c62828';
      return `<text x="${row.level ? 16 : 4}" y="${y + 17}" font-size="${row.level ? 12 : 13}" font-weight="${row.level ? 400 : 700}">${escXml(row.label.length > 48 ? `${row.label.slice(0, 47)}…` : row.label)}</text>`
        + `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 10}" fill="${color}" rx="2"/>`
        + `<text x="${labelW + w + 6}" y="${y + 17}" font-size="12">${formatScore(row.value)}</text>`;
    })
    .join('');
  const passX = labelW + pass * (barW / 100);
  return `<svg class="chart" role="img" aria-label="${escXml(lang === 'en' ? 'Scores by indicator' : 'คะแนนรายตัวชี้วัด')}" viewBox="0 0 ${labelW + barW + 60} ${h}" xmlns="http://www.w3.org/2000/svg" font-family="inherit">`
    + `${bars}<line x1="${passX}" y1="6" x2="${passX}" y2="${h - 18}" stroke="#333" stroke-dasharray="4 3"/>`
    + `<text x="${passX - 20}" y="${h - 4}" font-size="11">${escXml(lang === 'en' ? `pass ${pass}` : `เกณฑ์ ${pass}`)}</text></svg>`;
}
