// The agency page: score history, runs and their states, what changed between two runs, and "run now".
import { kindWord } from '../words.js';
import { escHtml, link } from '../../render/escape.js';
import { formatChange, formatScore } from '../../score.js';
import { say } from '../../text/say.js';
import type { AgencyData, DefectLine } from '../data.js';
import type { Job } from '../jobs.js';
import { historyChart } from './charts.js';
import { layout } from './layout.js';
import { badge, csrfField, day, ui, when, type PageCtx, type T } from './ui.js';

export function jobText(job: Job | undefined, ctx: PageCtx): string {
  const t = ui(ctx.lang);
  if (!job) return '';
  if (job.state === 'running') {
    const p = job.progress;
    return p ? t('job.progress', { pages: p.pages, documents: p.documents, queued: p.queued, seconds: Math.round(p.elapsedMs / 1000) }) : t('job.starting');
  }
  if (job.state === 'failed') return t('job.failed', { error: job.error ?? '' });
  return t('job.done', { run: job.runId ?? '', stage: say(ctx.lang, { code: `ui.stage.${job.stage ?? 'alerted'}`, data: {} }), score: formatScore(job.score ?? null) });
}

function defects(list: DefectLine[], ctx: PageCtx, t: T, title: string, cls: string): string {
  return `<section class="cmp ${cls}"><h3>${title} (${list.length})</h3>${
    list.length
      ? `<ul class="tight">${list.map((d) => `<li>${d.item ? `<b>${escHtml(d.item)}</b> ` : ''}<span class="kind">[${escHtml(kindWord(d.kind, ctx.lang))}]</span> ${ctx.lang === 'th' ? escHtml(d.message) : d.url ? link(d.url) : ''}</li>`).join('')}</ul>`
      : `<p class="m">${t('none')}</p>`
  }</section>`;
}

export function agencyPage(data: AgencyData, job: Job | undefined, ctx: PageCtx, rights: { run: boolean }): string {
  const t = ui(ctx.lang);
  const L = ctx.lang;
  const a = data.agency;
  const recorded = data.runs.filter((r) => r.state === 'audited' || r.state === 'budget-hit');
  const chartRuns = data.runs.filter((r) => r.state !== 'running' && r.state !== 'interrupted' && r.state !== 'failed').slice(-24);
  const chart = chartRuns.length
    ? historyChart(
        chartRuns.map((r) => ({ label: r.asOf ? r.asOf.slice(5) : `#${r.runId}`, crawled: r.oit, reviewed: r.reviewed, gap: r.state === 'unreachable' })),
        85,
        {
          title: say(L, { code: 'ui.agency.chart', data: {} }),
          crawled: say(L, { code: 'ui.score.as-crawled', data: {} }),
          reviewed: say(L, { code: 'ui.score.after-review', data: {} }),
          pass: say(L, { code: 'ui.agency.pass-mark', data: { mark: 85 } }),
          gap: say(L, { code: 'ui.state.unreachable', data: {} }),
        },
      )
    : `<p class="m">${t('agency.no-runs')}</p>`;
  const running = job?.state === 'running';
  const runPanel = `<section class="panel" id="run"${running ? ` data-job="/agency/${encodeURIComponent(a.id)}/job"` : ''}>
<h2>${t('agency.run-now')}</h2>
${job ? `<p data-progress role="status">${jobText(job, ctx)}</p>` : ''}
${data.activeRun !== undefined && !running ? `<p class="m">${t('agency.busy-elsewhere', { run: data.activeRun })}</p>` : ''}
${
  rights.run
    ? `<form method="post" action="/agency/${encodeURIComponent(a.id)}/run">${csrfField(ctx)}<button type="submit"${running || data.activeRun !== undefined ? ' disabled' : ''}>${t('agency.run-button')}</button> <span class="m">${t('agency.run-explain')}</span></form>`
    : `<p class="m">${t('agency.run-no-right')}</p>`
}
</section>`;
  const runsTable = `<table class="cards"><thead><tr><th>${t('agency.run')}</th><th>${t('agency.when')}</th><th>${t('fleet.state')}</th><th>${t('score.as-crawled')}</th><th>${t('score.after-review')}</th><th>${t('fleet.rating')}</th><th>${t('signoff.title')}</th></tr></thead><tbody>${[...data.runs]
    .reverse()
    .map(
      (r) => `<tr><td data-label="${t('agency.run')}">${r.state === 'audited' || r.state === 'budget-hit' ? `<a href="/audit/${encodeURIComponent(a.id)}/${r.runId}">#${r.runId}</a>` : `#${r.runId}`}</td>
<td data-label="${t('agency.when')}">${r.asOf ? day(r.asOf, L) : ''}<div class="m">${when(r.at, L)}</div></td>
<td data-label="${t('fleet.state')}">${badge(r.state, t(`state.${r.state}`))}${r.state === 'failed' && r.error ? `<div class="m">${escHtml(r.error.slice(0, 200))}</div>` : ''}</td>
<td data-label="${t('score.as-crawled')}" class="num">${formatScore(r.oit)}</td>
<td data-label="${t('score.after-review')}" class="num">${formatScore(r.reviewed)}</td>
<td data-label="${t('fleet.rating')}">${escHtml(r.grade ?? '–')}</td>
<td data-label="${t('signoff.title')}">${r.signoff === 'none' ? '–' : badge('signed', t(`signoff.${r.signoff}`))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const c = data.comparison;
  const opts = (sel: number) => recorded.map((r) => `<option value="${r.runId}"${r.runId === sel ? ' selected' : ''}>#${r.runId} · ${escHtml(r.asOf ?? '')}</option>`).join('');
  const compare = c
    ? `<section id="compare"><h2>${t('agency.compare')}</h2>
<form method="get" action="/agency/${encodeURIComponent(a.id)}#compare" class="filters"><label>${t('agency.from')}<select name="a">${opts(c.a)}</select></label><label>${t('agency.to')}<select name="b">${opts(c.b)}</select></label><button type="submit">${t('agency.compare-button')}</button></form>
<p>${t('agency.compare-summary', { a: c.a, b: c.b, change: formatChange(c.scoreChange) })}</p>
<div class="grid">${defects(c.added, ctx, t, t('agency.new'), 'new')}${defects(c.fixed, ctx, t, t('agency.fixed'), 'fixed')}${defects(c.flapping, ctx, t, t('agency.flapping'), 'flapping')}${defects(c.open, ctx, t, t('agency.open'), 'open')}</div>
<p class="m">${t('agency.flapping-explain')}</p></section>`
    : '';
  const body = `<p class="crumbs"><a href="/">${t('nav.fleet')}</a> ›</p>
<h1>${escHtml(a.name)}</h1>
<p class="m">${escHtml([a.type, a.province].filter(Boolean).join(' · '))} ${link(a.url)} · ${escHtml(a.rules ?? '')}</p>
${runPanel}
<section><h2>${t('agency.chart')}</h2>${chart}</section>
<section><h2>${t('agency.runs')}</h2>${data.runs.length ? runsTable : `<p class="m">${t('agency.no-runs')}</p>`}</section>
${compare}
<p><a href="/trail?agency=${encodeURIComponent(a.id)}">${t('agency.trail')}</a></p>`;
  return layout(ctx, a.name, body, running ? { noscriptRefresh: 5 } : {});
}
