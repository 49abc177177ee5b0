// The fleet page: every agency's latest audit, filtered, searched and sorted by the query string (no script needed).
import type { QueueStatus } from '../../fleet/queue.js';
import { escHtml } from '../../render/escape.js';
import { formatChange, formatScore } from '../../score.js';
import { say } from '../../text/say.js';
import type { FleetRow, FleetView, SortKey } from '../data.js';
import { sparkline } from './charts.js';
import { layout } from './layout.js';
import { badge, ui, when, withQuery, type PageCtx, type T } from './ui.js';

function select(name: string, label: string, value: string, options: Array<[string, string]>, all: string): string {
  return `<label>${label}<select name="${name}" data-autosubmit>${[['', all] as [string, string], ...options]
    .map(([v, text]) => `<option value="${escHtml(v)}"${v === value ? ' selected' : ''}>${escHtml(text)}</option>`)
    .join('')}</select></label>`;
}

function sortLink(ctx: PageCtx, view: FleetView, key: SortKey, text: string): string {
  const active = view.query.sort === key;
  const dir = active && view.query.dir === 'asc' ? 'desc' : 'asc';
  const arrow = active ? (view.query.dir === 'asc' ? ' ▲' : ' ▼') : '';
  return `<a href="${escHtml(withQuery(ctx.path, { sort: key, dir, lang: undefined }))}"${active ? ' aria-current="true"' : ''}>${text}${arrow}</a>`;
}

/** The wording a row repeats, looked up once per page (500 rows: the lookups were a third of the page's time). */
function rowWords(t: T) {
  const codes = ['fleet.agency', 'fleet.score', 'fleet.rating', 'fleet.change', 'fleet.trend', 'fleet.defects', 'fleet.review', 'fleet.last', 'fleet.framework', 'fleet.open-audit', 'score.provisional', 'state.none', 'state.audited', 'state.budget-hit', 'state.unreachable', 'state.failed', 'state.running', 'state.interrupted', 'signoff.prepared', 'signoff.reviewed', 'signoff.approved'];
  const words = new Map(codes.map((c) => [c, t(c)]));
  return (code: string, data?: Record<string, unknown>) => (data ? t(code, data) : (words.get(code) ?? t(code)));
}

function row(r: FleetRow, ctx: PageCtx, t: T, trendLabel: string): string {
  const L = ctx.lang;
  const score = r.afterReview?.oit ?? r.asCrawled;
  const reviewedDiffers = r.afterReview && r.asCrawled !== null && r.afterReview.oit !== null && formatScore(r.afterReview.oit) !== formatScore(r.asCrawled);
  const rating = r.afterReview?.rating ? say(L, r.afterReview.rating) : '';
  const grade = r.afterReview ? (L === 'en' ? r.afterReview.gradeEn : r.afterReview.grade) : null;
  const search = `${r.id} ${r.name} ${r.url} ${r.province} ${r.type}`.toLowerCase();
  const pass = r.afterReview?.pass;
  return `<tr data-row data-search="${escHtml(search)}">
<td data-label="${t('fleet.agency')}"><a href="/agency/${encodeURIComponent(r.id)}">${escHtml(r.name)}</a><div class="m">${escHtml([r.type, r.province].filter(Boolean).join(' · '))}</div><div class="m url">${escHtml(r.url)}</div></td>
<td data-label="${t('fleet.score')}" class="num"><b class="${pass ? 'pass' : pass === false ? 'fail' : ''}">${formatScore(score)}</b>${reviewedDiffers ? `<div class="m">${t('fleet.crawled', { score: formatScore(r.asCrawled) })}</div>` : ''}${r.afterReview?.provisional ? ' <span class="m" title="' + t('score.provisional') + '">*</span>' : ''}</td>
<td data-label="${t('fleet.rating')}"><span title="${escHtml(rating)}">${escHtml(grade ?? '–')}</span></td>
<td data-label="${t('fleet.change')}" class="num ${r.change !== null && r.change < 0 ? 'fail' : ''}">${formatChange(r.change)}</td>
<td data-label="${t('fleet.trend')}">${sparkline(r.trend, trendLabel)}</td>
<td data-label="${t('fleet.defects')}" class="num">${r.openDefects}${r.waived ? `<div class="m">${t('fleet.waived', { count: r.waived })}</div>` : ''}</td>
<td data-label="${t('fleet.review')}" class="num">${r.awaitingReview ? `<b class="review">${r.awaitingReview}</b>` : '0'}</td>
<td data-label="${t('fleet.last')}">${r.lastRun !== null ? `${badge(r.state, t(`state.${r.state}`))}<div class="m">${when(r.lastAt, L)}</div>` : badge('none', t('state.none'))}${r.signoff !== 'none' ? `<div>${badge('signed', t(`signoff.${r.signoff}`))}</div>` : ''}${r.auditRun !== null ? `<div><a href="/audit/${encodeURIComponent(r.id)}/${r.auditRun}">${t('fleet.open-audit')}</a></div>` : ''}</td>
<td data-label="${t('fleet.framework')}" class="m">${escHtml(r.framework || '–')}</td>
</tr>`;
}

/** The fleet's job queue as `oit queue status` reads it, or why it could not be read. */
export type QueuePanel = { status: QueueStatus } | { error: string };

function queuePanel(panel: QueuePanel, ctx: PageCtx): string {
  const t = ui(ctx.lang);
  if ('error' in panel) return `<section class="queue"><p class="m">${t('queue.unreachable', { detail: panel.error })}</p></section>`;
  const s = panel.status;
  const date = (iso: string | undefined) => (iso ? escHtml(new Date(iso).toLocaleString(ctx.lang === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'Asia/Bangkok', dateStyle: 'medium', timeStyle: 'short' })) : '–');
  // Cards on a phone, like the fleet's rows: seven narrow columns would break Thai words.
  const cols = ['queue.waiting', 'queue.active', 'queue.done', 'queue.failed', 'queue.delayed'] as const;
  const rows = s.cycles
    .map((c) => `<tr><td data-label="${t('queue.cycle')}">${escHtml(c.cycle)}</td>${[c.waiting, c.active, c.done, c.failed, c.delayed].map((n, i) => `<td data-label="${t(cols[i]!)}" class="num">${n}</td>`).join('')}<td data-label="${t('queue.oldest')}">${date(c.oldestWaiting)}</td></tr>`)
    .join('\n');
  return `<section class="queue"><h2>${t('queue.title', { name: s.name })}</h2>
<p class="m">${t('queue.workers', { count: s.workers })}</p>
${s.cycles.length ? `<table class="cards"><thead><tr><th>${t('queue.cycle')}</th><th>${t('queue.waiting')}</th><th>${t('queue.active')}</th><th>${t('queue.done')}</th><th>${t('queue.failed')}</th><th>${t('queue.delayed')}</th><th>${t('queue.oldest')}</th></tr></thead><tbody>${rows}</tbody></table>` : `<p>${t('queue.empty')}</p>`}
</section>`;
}

export function fleetPage(view: FleetView, ctx: PageCtx, elapsedNote?: string, queue?: QueuePanel): string {
  const t = ui(ctx.lang);
  const words = rowWords(t);
  const trendLabel = say(ctx.lang, { code: 'ui.fleet.trend', data: {} });
  const q = view.query;
  const filters = `<form method="get" action="/" class="filters" role="search">
<label class="grow">${t('fleet.search')}<input type="search" name="q" value="${escHtml(q.q)}" data-live-filter placeholder="${t('fleet.search-hint')}"></label>
${select('type', t('fleet.type'), q.type, view.options.types.map((x) => [x, x]), t('fleet.all'))}
${select('province', t('fleet.province'), q.province, view.options.provinces.map((x) => [x, x]), t('fleet.all'))}
${select('framework', t('fleet.framework'), q.framework, view.options.frameworks.map((x) => [x, x]), t('fleet.all'))}
${select('state', t('fleet.state'), q.state, view.options.states.map((x) => [x, say(ctx.lang, { code: `ui.state.${x}`, data: {} })]), t('fleet.all'))}
<input type="hidden" name="sort" value="${escHtml(q.sort)}"><input type="hidden" name="dir" value="${escHtml(q.dir)}">
<button type="submit">${t('fleet.apply')}</button> <a href="/">${t('fleet.clear')}</a>
</form>`;
  const head = `<thead><tr><th>${sortLink(ctx, view, 'name', t('fleet.agency'))}</th><th>${sortLink(ctx, view, 'score', t('fleet.score'))}</th><th>${t('fleet.rating')}</th><th>${sortLink(ctx, view, 'change', t('fleet.change'))}</th><th>${t('fleet.trend')}</th><th>${sortLink(ctx, view, 'defects', t('fleet.defects'))}</th><th>${sortLink(ctx, view, 'review', t('fleet.review'))}</th><th>${sortLink(ctx, view, 'last', t('fleet.last'))}</th><th>${t('fleet.framework')}</th></tr></thead>`;
  const body = `<h1>${t('fleet.title')}</h1>
<p class="m">${t('fleet.count', { shown: view.rows.length, total: view.total })} · ${t('fleet.explain')}</p>
${filters}
${view.rows.length ? `<table class="cards fleet">${head}<tbody>${view.rows.map((r) => row(r, ctx, words, trendLabel)).join('\n')}</tbody></table>` : `<p>${t('fleet.none')}</p>`}
${queue ? queuePanel(queue, ctx) : ''}
${elapsedNote ? `<p class="m">${escHtml(elapsedNote)}</p>` : ''}`;
  return layout(ctx, say(ctx.lang, { code: 'ui.fleet.title', data: {} }), body);
}
