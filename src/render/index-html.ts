// index.html for several agencies: a sortable table (agency, score, grade, defects, change) linking each report.
import { createHash } from 'node:crypto';
import type { Lang } from '../lang.js';
import type { Result } from '../model/result.js';
import { formatChange, formatScore } from '../score.js';
import { ui } from '../text/say.js';
import { agencyOf, asOfText, gradeWord } from './common.js';
import { diffResults } from './diff.js';
import { escHtml } from './escape.js';

export interface IndexEntry {
  result: Result;
  previous?: Result;
  /** Relative path of that agency's report.html. */
  href: string;
}

// Sorting is the one script: allowed by its hash in the CSP, so nothing else (e.g. an injected title) can run.
const SORT_SCRIPT = `document.querySelectorAll('th[data-k]').forEach(function(th,c){th.addEventListener('click',function(){var tb=th.closest('table').tBodies[0];var rows=Array.prototype.slice.call(tb.rows);var asc=th.dataset.o!=='a';th.dataset.o=asc?'a':'d';rows.sort(function(x,y){var a=x.cells[c].dataset.v,b=y.cells[c].dataset.v;var na=parseFloat(a),nb=parseFloat(b);var r=(!isNaN(na)&&!isNaN(nb))?na-nb:a.localeCompare(b,'th');return asc?r:-r;});rows.forEach(function(r){tb.appendChild(r);});});});`;
const SCRIPT_HASH = createHash('sha256').update(SORT_SCRIPT).digest('base64');
export const INDEX_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;

function safeRelative(href: string): string | undefined {
  // Only plain relative paths to a report: no scheme, no protocol-relative URL.
  return /^[\w\-./%]+$/.test(href) && !href.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(href) ? href : undefined;
}

export function renderIndexHtml(entries: IndexEntry[], lang: Lang, title?: string): string {
  const L = lang;
  const rows = entries
    .map((e) => {
      const r = e.result;
      const fails = r.items.filter((i) => i.outcome === 'fail').length;
      const change = e.previous ? diffResults(r, e.previous).scoreChange : null;
      const href = safeRelative(e.href);
      const name = escHtml(agencyOf(r));
      return `<tr><td data-v="${name}">${href ? `<a href="${escHtml(href)}">${name}</a>` : name}<div class="m">${escHtml(r.site)}</div></td><td data-v="${r.score.oit ?? -1}">${formatScore(r.score.oit)}${r.score.provisional ? ' *' : ''}</td><td data-v="${escHtml(r.score.grade ?? '')}" class="${r.score.pass ? 'ok' : 'bad'}">${escHtml(gradeWord(r, L))}</td><td data-v="${fails}">${fails}</td><td data-v="${r.defects.length}">${r.defects.length}</td><td data-v="${r.links.broken.length}">${r.links.broken.length}</td><td data-v="${change ?? 0}">${formatChange(change)}</td><td data-v="${escHtml(r.asOf)}">${escHtml(asOfText(r, L))}</td></tr>`;
    })
    .join('\n');
  const heads = (['index.agency', 'index.score', 'index.result', 'index.failing', 'index.defects', 'index.broken', 'index.change', 'index.as-of'] as const).map((c) => ui(L, c));
  return `<!DOCTYPE html>
<html lang="${L}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${INDEX_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escHtml(title ?? ui(L, 'index.title'))}</title>
<style>body{font-family:"Sarabun","Noto Sans Thai","Loma","Garuda","Tahoma",sans-serif;margin:16px;color:#222}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:6px;text-align:left}th{background:#f5f5f5;cursor:pointer}.m{color:#666;font-size:.85em;overflow-wrap:anywhere}.ok{color:#2e7d32;font-weight:700}.bad{color:#c62828;font-weight:700}</style>
</head><body>
<h1>${escHtml(title ?? ui(L, 'index.title'))}</h1>
<p>${escHtml(ui(L, 'index.intro', { count: entries.length }))}</p>
<table><thead><tr>${heads.map((h) => `<th data-k="1">${escHtml(h)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}
