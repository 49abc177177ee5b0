// report.html: the committee's self-contained report (no CDN, fonts or scripts), Thai first, readable on a phone, and
// printable on A4 with page numbers, a running header, link URLs and a sign-off block (the browser and --format pdf alike).
import { formatInstant } from '../derive/thai-date.js';
import type { Lang } from '../lang.js';
import type { Defect, ItemResult, Result } from '../model/result.js';
import { formatChange, formatScore, rankedGains } from '../score.js';
import { itemReasons, outcomeWord, reasonFix, reasonKind, reasonText, type Reason } from '../text/reasons.js';
import { defectText, itemOf, say, ui } from '../text/say.js';
import { scoreChart } from './chart.js';
import { agencyOf, asOfText, frameworkBanner, hostOf, isOffSite, ownTitle, pathOf, ratingText, reasonsOf } from './common.js';
import { diffResults } from './diff.js';
import { escHtml, escWithUrls, safeHref } from './escape.js';

export interface ReportOptions {
  lang: Lang;
  previous?: Result;
  /** Screenshot file names (relative to the report) by item id, when the audit took them. */
  screenshots?: Record<string, string>;
}

/** No script may run, nothing may be fetched; images only from the report's own folder or inline. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/** Warnings that change how every verdict must be read: shown as a banner at the top of the report. */
const BANNER_CODES = new Set(['budget-hit', 'index-script-loaded', 'index-rows-unreadable']);

/** Unverifiable links listed in full up to this many (the rest are counted). */
const MAX_UNVERIFIABLE = 100;

const FONTS = '"Sarabun","Noto Sans Thai","Loma","Garuda","Tahoma","Leelawadee UI",sans-serif';

// Thai is never broken inside a word: text keeps the browser's dictionary line breaking (word-break: normal); only URLs
// (.url, a.u) may break anywhere. Tables become cards on a phone, with every column, evidence included, kept.
const STYLE = `
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--muted:#5f6368;--line:#ddd}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font-family:${FONTS};margin:0;color:#222;line-height:1.55;font-size:15px;word-break:normal;overflow-wrap:normal;line-break:auto}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.5em;margin:.1em 0 .3em;line-height:1.3}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:2px solid var(--line);padding-bottom:4px;break-after:avoid}h3{font-size:1em;margin:1em 0 .3em}
.kicker{color:var(--muted);font-size:.95em}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0;color:#333}.meta div{min-width:0}.meta dt{display:inline;color:var(--muted)}.meta dt::after{content:": "}.meta dd{display:inline;margin:0}
.score{display:flex;flex-wrap:wrap;gap:10px;align-items:stretch;margin:12px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;flex:1 1 200px;min-width:0}
.card .lab{color:var(--muted);font-size:.9em}
.big{font-size:2em;font-weight:700;line-height:1.2}
.small{font-size:.88em;color:var(--muted)}
.pass,.t-ok{color:var(--ok)}.fail,.t-bad{color:var(--bad)}.review,.t-warn{color:var(--warn)}.error{color:var(--bad)}
.note{background:#fff8e1;border-left:4px solid var(--warn);padding:8px 12px;margin:10px 0}
.banner{background:#fdecea;border:2px solid var(--bad);border-radius:8px;padding:10px 14px;margin:10px 0;font-weight:600}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px;vertical-align:top;text-align:left}
th{background:#f5f5f5;font-weight:600}
td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85em;color:#fff;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.b-pass{background:var(--ok)}.b-fail{background:var(--bad)}.b-review{background:var(--warn)}.b-error{background:#6a1b9a}
.defect{margin:2px 0 8px}.fix{color:#1b5e20}.kind{font-size:.8em;color:var(--muted)}
a{color:#0b57d0}
.url,a.u,span.u{overflow-wrap:anywhere;word-break:normal}
.url{font-size:.85em;color:var(--muted)}
.off{display:inline-block;font-size:.8em;color:var(--bad);font-weight:600}
ul.tight{margin:.2em 0;padding-left:1.2em}ul.tight li{margin:.15em 0}
img.shot{max-width:100%;width:260px;border:1px solid var(--line)}
.chart{margin:0;max-width:820px}
.bar{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,4fr) 3.6em;gap:4px 10px;align-items:center;font-size:14px;margin:3px 0}
.bar.l0{font-weight:700;margin-top:8px}.bar.l1 .bl{padding-left:1.2em}
.bt{display:block;width:100%;height:14px}.bt .bg{fill:#eee}
.bt{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.bf.t-ok{fill:var(--ok)}.bf.t-warn{fill:var(--warn)}.bf.t-bad{fill:var(--bad)}.bf.t-none{fill:#bbb}
.mk{stroke:#333;stroke-width:.6;stroke-dasharray:1.5 1;vector-effect:non-scaling-stroke}
.bv{text-align:right;font-variant-numeric:tabular-nums}
.bars-mark{font-size:12px;color:var(--muted);margin-top:4px}
.signoff{margin-top:24px;break-inside:avoid}.signoff table{table-layout:fixed}.signoff td{border:1px solid #999;padding:10px 8px;height:2.6em}.signoff th{border:1px solid #999;text-align:center}
footer{margin-top:24px;color:var(--muted);font-size:.9em}
@media (max-width:640px){
  body{font-size:15px}main{padding:10px}
  h1{font-size:1.3em}
  .card{flex-basis:100%}
  .bar{grid-template-columns:minmax(0,1fr) 3.6em;font-size:13px}.bar .bl{grid-column:1 / -1}.bar .bt{grid-column:1}.bar.l1 .bl{padding-left:.6em}
  table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
  table.stack thead,table.stack colgroup{display:none}
  table.stack tr{border:1px solid var(--line);border-radius:8px;margin:10px 0;padding:6px 10px}
  table.stack td{border:0;padding:3px 0}
  table.stack td[data-label]::before{content:attr(data-label);display:block;font-size:.8em;color:var(--muted)}
  table.stack td.head::before{display:none}
  table.stack td.head{display:inline;padding:0 8px 0 0;font-size:1.05em}
  table.stack td.head .kind{display:inline;margin-left:4px}
  table.stack td.head + td:not(.head){margin-top:6px}
}
@media print{
  body{font-size:10pt;line-height:1.45}
  main{max-width:none;padding:0}
  a{color:#000;text-decoration:none}
  a.x[href]::after{content:" <" attr(href) ">";font-size:8pt;color:#333;overflow-wrap:anywhere;word-break:normal}
  .path{display:none}
  .noprint{display:none}
  .card{break-inside:avoid;padding:6px 10px}.big{font-size:1.6em}
  .defect,.bar,table:not(.items) tr{break-inside:avoid}
  table.items{table-layout:fixed}
  .badge{white-space:normal}
  .bar{font-size:9pt;margin:1px 0}
  h2{margin-top:1em}
}
`;

/** A CSS string literal for hostile text (the agency's name from a website): quotes, backslashes and "<" escaped. */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ').replace(/</g, '\\3C ').replace(/>/g, '\\3E ')}"`;
}

/** A4 pages with a running header and page numbers, in a Thai font, for the browser's print and for --format pdf. */
function pageRules(r: Result, lang: Lang): string {
  const header = ui(lang, 'report.print-header', { agency: agencyOf(r), date: asOfText(r, lang), score: `OIT ${formatScore(r.score.oit)}` });
  const box = `font-family:${FONTS};font-size:8pt;color:#555`;
  return `@page{size:A4;margin:16mm 12mm 15mm 12mm;@top-left{content:${cssString(header)};${box}}@bottom-right{content:${cssString(`${ui(lang, 'report.print-page')} `)} counter(page) " / " counter(pages);${box}}@bottom-left{content:${cssString(agencyOf(r))};${box}}}`;
}

/** A link: the URL itself as its text breaks anywhere (class u); a link with words prints its URL after them (class x). */
function anchor(url: string | undefined, text?: string): string {
  const href = safeHref(url);
  const own = text === undefined || text === url;
  const label = escHtml(text ?? url ?? '');
  if (!href) return `<span class="url">${label}</span>`;
  return `<a class="${own ? 'u' : 'x'}" href="${escHtml(href)}" rel="noopener noreferrer nofollow">${label}</a>`;
}

function reasonHtml(lang: Lang, x: Reason, item: ItemResult | undefined): string {
  const fix = reasonFix(lang, x, item);
  return `<div class="defect"><span class="kind">[${escHtml(reasonKind(lang, x))}]</span> ${escWithUrls(reasonText(lang, x, item))}${
    fix ? `<div class="fix">${escHtml(ui(lang, 'report.how-to-fix'))}: ${escWithUrls(fix)}</div>` : ''
  }</div>`;
}

function evidenceHtml(r: Result, i: ItemResult, lang: Lang, shots: Record<string, string> | undefined): string {
  const shot = shots?.[i.id] ? `<div><img class="shot" src="${escHtml(shots[i.id])}" alt="${escHtml(i.id)}"></div>` : '';
  if (!i.evidence.length) return `<span class="small">${escHtml(ui(lang, 'report.no-evidence'))}</span>${shot}`;
  const list = i.evidence
    .map((e) => {
      const title = ownTitle(e.title, r) || (e.text ?? '').trim();
      const off = isOffSite(e.url, r.site) ? `<div class="off">${escHtml(ui(lang, 'report.off-site', { host: hostOf(e.url) }))}</div>` : '';
      return `<li>${title ? `${anchor(e.url, title)}<div class="url path">${escHtml(pathOf(e.url))}</div>` : anchor(e.url)}${off}</li>`;
    })
    .join('');
  return `<ul class="tight">${list}</ul>${shot}`;
}

function itemRow(r: Result, i: ItemResult, lang: Lang, shots: Record<string, string> | undefined): string {
  const reasons = itemReasons(i);
  const cols = {
    item: escHtml(ui(lang, 'report.item')),
    evidence: escHtml(ui(lang, 'report.evidence')),
    defects: escHtml(ui(lang, 'report.defects')),
  };
  return `<tr id="${escHtml(i.id)}" class="o-${i.outcome}"><td class="head" data-label="${cols.item}"><b>${escHtml(i.id)}</b></td><td class="head" data-label="">${escHtml(lang === 'en' ? i.titleEn : i.title)}<div class="kind">${escHtml(i.subIndicator)}</div></td><td class="head" data-label=""><span class="badge b-${i.outcome}">${escHtml(outcomeWord(lang, i.outcome))}</span></td><td data-label="${cols.evidence}">${evidenceHtml(r, i, lang, shots)}</td><td data-label="${cols.defects}">${
    reasons.map((x) => reasonHtml(lang, x, i)).join('') || `<span class="small">${escHtml(ui(lang, 'report.no-defects'))}</span>`
  }</td></tr>`;
}

/** Every e-GP problem once (an item's and the site's): number | file | row | problem. */
function egpTable(r: Result, lang: Lang): string {
  const seen = new Set<string>();
  const rows = r.defects.filter((d) => d.kind === 'egp-invalid').filter((d) => {
    const k = `${d.url}|${String(d.data.value)}|${String(d.data.row)}`;
    return !seen.has(k) && Boolean(seen.add(k));
  });
  if (!rows.length) return '';
  const problem = (d: Defect) => {
    const data = d.data;
    if (data.problem === 'year-prefix') return ui(lang, 'report.egp-year-prefix', { prefix: String(data.normalized ?? data.value ?? '').slice(0, 2), fiscalYear: data.fiscalYear });
    if (data.problem === 'not-digits') return ui(lang, 'report.egp-not-digits');
    return ui(lang, 'report.egp-length', { digits: data.digits ?? String(data.normalized ?? data.value ?? '').replace(/\D/g, '').length });
  };
  const L = (c: Parameters<typeof ui>[1]) => escHtml(ui(lang, c));
  const body = rows
    .map(
      (d) =>
        `<tr><td class="head" data-label="${L('report.egp-number')}"><b>${escHtml(d.data.value)}</b>${d.item ? ` <a href="#${escHtml(d.item)}">${escHtml(d.item)}</a>` : ''}</td><td data-label="${L('report.egp-file')}">${anchor(d.url)}</td><td class="num" data-label="${L('report.egp-row')}">${escHtml(d.data.sheetRow ?? d.data.row ?? '')}</td><td data-label="${L('report.problem')}">${escHtml(problem(d))}</td></tr>`,
    )
    .join('');
  return `<h2>${L('report.egp')} (${rows.length})</h2><table class="stack"><thead><tr><th>${L('report.egp-number')}</th><th>${L('report.egp-file')}</th><th>${L('report.egp-row')}</th><th>${L('report.problem')}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function foundOnHtml(r: Result, lang: Lang, foundOn: string[], pages: number | undefined): string {
  const first = foundOn[0];
  if (!first) return escHtml(ui(lang, 'report.start-page'));
  const n = Math.max(pages ?? 0, foundOn.length);
  return `${escHtml(ui(lang, 'report.found-on-pages', { pages: n }))} ${anchor(first, pathOf(first))}`;
}

function brokenTable(r: Result, lang: Lang): string {
  const L = (c: Parameters<typeof ui>[1]) => escHtml(ui(lang, c));
  const title = `<h2>${L('report.broken')} (${r.links.broken.length})</h2>`;
  if (!r.links.broken.length) return `${title}<p>${L('report.no-broken')}</p>`;
  const body = [...r.links.broken]
    .sort((a, b) => Number(isOffSite(a.url, r.site)) - Number(isOffSite(b.url, r.site)) || (b.pages ?? 0) - (a.pages ?? 0))
    .map((b) => {
      const off = isOffSite(b.url, r.site) ? `<div class="off">${escHtml(ui(lang, 'report.other-site', { host: hostOf(b.url) }))}</div>` : '';
      return `<tr><td class="head" data-label="${L('report.link')}">${anchor(b.url)}${off}</td><td data-label="${L('report.link-text')}">${escHtml(b.text ?? '')}</td><td data-label="${L('report.problem')}">${escHtml(say(lang, { code: 'link.problem', data: { status: b.status, error: b.error ?? '' } }))}</td><td data-label="${L('report.found-on')}">${foundOnHtml(r, lang, b.foundOn, b.pages)}</td></tr>`;
    })
    .join('');
  return `${title}<p class="small">${L('report.broken-intro')}</p><table class="stack"><thead><tr><th>${L('report.link')}</th><th>${L('report.link-text')}</th><th>${L('report.problem')}</th><th>${L('report.found-on')}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function unverifiableTable(r: Result, lang: Lang): string {
  const list = r.links.unverifiableLinks;
  if (!r.links.unverifiable) return '';
  const L = (c: Parameters<typeof ui>[1]) => escHtml(ui(lang, c));
  const shown = list.slice(0, MAX_UNVERIFIABLE);
  const body = shown
    .map(
      (u) =>
        `<tr><td class="head" data-label="${L('report.link')}">${anchor(u.url)}</td><td data-label="${L('report.link-text')}">${escHtml(u.text ?? '')}</td><td data-label="${L('report.reason')}">${escHtml(say(lang, { code: 'link.unverifiable', data: { reason: u.reason } }))}</td><td data-label="${L('report.found-on')}">${foundOnHtml(r, lang, u.foundOn, u.pages)}</td></tr>`,
    )
    .join('');
  const more = r.links.unverifiable > shown.length ? `<p class="small">${escHtml(ui(lang, 'report.shown-of', { shown: shown.length, count: r.links.unverifiable }))}</p>` : '';
  return `<h2>${L('report.unverifiable')} (${r.links.unverifiable})</h2><p class="small">${L('report.unverifiable-intro')}</p>${
    shown.length ? `<table class="stack"><thead><tr><th>${L('report.link')}</th><th>${L('report.link-text')}</th><th>${L('report.reason')}</th><th>${L('report.found-on')}</th></tr></thead><tbody>${body}</tbody></table>` : ''
  }${more}`;
}

function fixesTable(r: Result, lang: Lang): string {
  const ranked = rankedGains(r.score, r.items.map((i) => i.id));
  if (!ranked.length) return '';
  const L = (c: Parameters<typeof ui>[1]) => escHtml(ui(lang, c));
  const body = ranked
    .map(({ item, points }) => {
      const i = r.items.find((x) => x.id === item);
      if (!i) return '';
      const reasons = reasonsOf(i, lang);
      const more = reasons.length > 1 ? `; ${escHtml(ui(lang, 'summary.more', { count: reasons.length - 1 }))}` : '';
      return `<tr><td class="head" data-label=""><a href="#${escHtml(i.id)}"><b>${escHtml(i.id)}</b></a> → <b>+${formatScore(points)}</b></td><td class="head" data-label="${L('report.title-col')}">${escHtml(lang === 'en' ? i.titleEn : i.title)}</td><td class="head" data-label="${L('report.outcome')}"><span class="badge b-${i.outcome}">${escHtml(outcomeWord(lang, i.outcome))}</span></td><td data-label="${L('report.problem')}">${escWithUrls(reasons[0]?.text ?? '')}${more}</td></tr>`;
    })
    .join('');
  return `<h2>${L('report.fixes')}</h2><p class="small">${L('report.fixes-intro')}</p><table class="stack"><thead><tr><th>${L('report.item')} → ${L('report.points')}</th><th>${L('report.title-col')}</th><th>${L('report.outcome')}</th><th>${L('report.problem')}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function signoff(lang: Lang): string {
  const L = (c: Parameters<typeof ui>[1]) => escHtml(ui(lang, c));
  const roles = [L('report.prepared'), L('report.checked'), L('report.approved')];
  const line = (label: string) => `<tr>${roles.map(() => `<td>${label}</td>`).join('')}</tr>`;
  return `<section class="signoff"><h2>${L('report.signoff')}</h2><table><thead><tr>${roles.map((x) => `<th>${x}</th>`).join('')}</tr></thead><tbody>${line(`${L('report.sign')} ..............................`)}${line(`${L('report.name')} ..............................`)}${line(`${L('report.position')} ..............................`)}${line(`${L('report.date')} ......../......../........`)}</tbody></table></section>`;
}

/** Site-level defects the tables above do not already show: broken links and e-GP numbers are listed there once. */
function otherSiteDefects(r: Result): Defect[] {
  const broken = new Set(r.links.broken.map((b) => b.url));
  return r.defects.filter((d) => !d.item && d.kind !== 'egp-invalid' && !(['broken-link', 'redirect-loop', 'timeout', 'tls-error'].includes(d.kind) && d.url && broken.has(d.url)));
}

export function renderReportHtml(r: Result, opts: ReportOptions): string {
  const L = opts.lang;
  const T = (c: Parameters<typeof ui>[1], data?: Record<string, unknown>) => escHtml(ui(L, c, data));
  const s = r.score;
  const count = (o: string) => r.items.filter((i) => i.outcome === o).length;
  const review = r.items.filter((i) => i.outcome === 'review' || i.outcome === 'error');
  const diff = opts.previous ? diffResults(r, opts.previous) : undefined;
  const agency = agencyOf(r);
  const date = asOfText(r, L);

  const parts: string[] = [];
  const index = r.indexPages.length
    ? r.indexPages.map((p) => `${anchor(p.url, ownTitle(p.title, r) || pathOf(p.url))} <span class="url path">${escHtml(pathOf(p.url))}</span>`).join(' · ')
    : `<span class="small">${T('report.no-index')}</span>`;
  parts.push(`<header><div class="kicker">${T('report.title')}</div><h1>${escHtml(agency)}</h1>${r.agencySource === 'host' || !r.agency ? `<div class="small">${T('report.agency-from-host')}</div>` : ''}
<dl class="meta"><div><dt>${T('report.site')}</dt><dd>${anchor(r.site)}</dd></div><div><dt>${T('report.framework')}</dt><dd>${escHtml(L === 'en' ? r.framework.titleEn || r.framework.title : r.framework.title)}${r.framework.provisional ? ` (${T('report.framework-provisional')})` : ''}</dd></div><div><dt>${T('report.fiscal-year')}</dt><dd>${r.fiscalYear}</dd></div><div><dt>${T('report.as-of')}</dt><dd>${escHtml(date)}</dd></div><div><dt>${T('report.index-used')}</dt><dd>${index}</dd></div></dl></header>`);
  const banner = frameworkBanner(r, L);
  if (banner) parts.push(`<div class="banner" role="note">${T('report.banner-provisional')}: ${escHtml(banner)}</div>`);
  // What makes the whole audit partial is said first, above the score: the reader must not take a cut crawl for a site.
  for (const w of r.warnings.filter((x) => BANNER_CODES.has(x.code))) parts.push(`<div class="note banner" role="alert">${escWithUrls(say(L, w))}</div>`);

  const ceiling = s.rating?.code === 'rating-ceiling';
  const tone = s.oit === null ? '' : s.pass ? 'pass' : 'fail';
  const best = s.bestCase && s.bestCase.oit !== null ? s.bestCase : undefined;
  parts.push(`<section class="score">
<div class="card"><div class="lab">${T('report.score')}</div><div class="big ${tone}">${formatScore(s.oit)}</div><div class="small">${T('report.score-what')}</div></div>
<div class="card"><div class="lab">${ceiling ? T('report.rating-ceiling') : T('report.rating')}</div><div class="big ${tone}">${escHtml((L === 'en' ? s.gradeEn : s.grade) ?? '–')}</div><div>${escHtml(ratingText(r, L))}</div></div>
${best ? `<div class="card"><div class="lab">${T('report.best')}</div><div class="big review">${formatScore(best.oit)}</div><div>${escHtml(best.rating ? say(L, best.rating) : '')}</div><div class="small">${T('report.best-items', { count: best.items.length, items: best.items.join(', ') })} · ${T('report.settled', { fails: count('fail') })}</div></div>` : ''}
<div class="card"><div class="lab">${T('report.items')}</div><div><span class="pass">${count('pass')} ${escHtml(outcomeWord(L, 'pass'))}</span> · <span class="fail">${count('fail')} ${escHtml(outcomeWord(L, 'fail'))}</span> · <span class="review">${count('review')} ${escHtml(outcomeWord(L, 'review'))}</span>${count('error') ? ` · <span class="error">${count('error')} ${escHtml(outcomeWord(L, 'error'))}</span>` : ''}</div><div class="lab" style="margin-top:6px">${T('report.links')}</div><div>${T('report.links-line', { checked: r.links.checked, broken: r.links.broken.length, unverifiable: r.links.unverifiable })}</div></div>
</section>`);
  if (s.provisional) parts.push(`<div class="note">${T('report.provisional', { count: review.length, framework: r.framework.provisional })}</div>`);
  parts.push(fixesTable(r, L));
  parts.push(`<h2>${T('report.chart')}</h2>${scoreChart(r, L)}`);
  if (diff) {
    const list = (ds: Defect[], from: Result) => (ds.length ? `<ul class="tight">${ds.map((d) => `<li>${d.item ? `<b>${escHtml(d.item)}</b> ` : ''}${escWithUrls(defectText(L, d, itemOf(from, d)))}</li>`).join('')}</ul>` : `<p>–</p>`);
    parts.push(`<h2>${T('report.since', { date: asOfText(opts.previous!, L) })}</h2>
<p>${T('report.score-change')}: ${formatChange(diff.scoreChange)}</p>
<h3>${T('report.new')} (${diff.added.length})</h3>${list(diff.added, r)}
<h3>${T('report.fixed')} (${diff.fixed.length})</h3>${list(diff.fixed, opts.previous!)}
<h3>${T('report.open')} (${diff.open.length})</h3>${list(diff.open, r)}`);
  }
  if (review.length)
    parts.push(`<h2>${T('report.review')} (${review.length})</h2><ul>${review
      .map((i) => `<li><a href="#${escHtml(i.id)}">${escHtml(i.id)}</a> ${escHtml(L === 'en' ? i.titleEn : i.title)}: ${escWithUrls(reasonsOf(i, L).map((x) => x.text).join(' · '))}</li>`)
      .join('')}</ul>`);
  parts.push(`<section class="items"><h2>${T('report.items-title', { count: r.items.length })}</h2><table class="items stack"><colgroup><col style="width:6%"><col style="width:19%"><col style="width:12%"><col style="width:26%"><col style="width:37%"></colgroup><thead><tr><th>${T('report.item')}</th><th>${T('report.title-col')}</th><th>${T('report.outcome')}</th><th>${T('report.evidence')}</th><th>${T('report.defects')}</th></tr></thead><tbody>${r.items.map((i) => itemRow(r, i, L, opts.screenshots)).join('')}</tbody></table></section>`);
  parts.push(egpTable(r, L));
  parts.push(brokenTable(r, L));
  parts.push(unverifiableTable(r, L));
  const other = otherSiteDefects(r);
  if (other.length) parts.push(`<h2>${T('report.site-defects')} (${other.length})</h2>${other.map((d) => reasonHtml(L, { defect: d }, undefined)).join('')}`);
  if (r.warnings.length) parts.push(`<h2>${T('report.notes')}</h2><ul>${r.warnings.map((w) => `<li>${escWithUrls(say(L, w))}</li>`).join('')}</ul>`);
  parts.push(signoff(L));
  parts.push(`<footer><p>${T('report.footer', { tool: `${r.tool.name} ${r.tool.version}`, crawled: r.crawledAt ? formatInstant(r.crawledAt, L) : '–' })}</p></footer>`);

  return `<!DOCTYPE html>
<html lang="${L}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${T('report.doc-title', { agency, date })}</title>
<style>${STYLE}${pageRules(r, L)}</style></head>
<body><main>
${parts.filter(Boolean).join('\n')}
</main></body></html>
`;
}
