// The audit page: the report's content, interactive — filter by outcome, open evidence and screenshots, each defect
// with its fix, review verdicts and waivers (with why they carry over or lapsed), the two scores, sign-off, trail.
import type { Lang } from '../../lang.js';
import type { Defect, ItemResult, Outcome, Result, Score } from '../../model/result.js';
import { scoreChart } from '../../render/chart.js';
import { escHtml, link } from '../../render/escape.js';
import { kindWord, outcomeWord } from '../words.js';
import type { DecisionState, Reviewed, WaiverState } from '../../review/apply.js';
import type { EvidenceChange } from '../../review/evidence.js';
import type { SignoffState } from '../data.js';
import { formatScore } from '../../score.js';
import { defectFix, defectText, say } from '../../text/say.js';
import type { AuditData } from '../data.js';
import { layout } from './layout.js';
import { trailTable } from './trail.js';
import { badge, csrfField, day, dayText, hidden, ui, when, withQuery, type PageCtx, type T } from './ui.js';

export interface AuditRights {
  review: boolean;
  sign: boolean;
  approve: boolean;
}

export const FILTERS = ['all', 'fail', 'review', 'pass', 'error', 'changed'] as const;
export type Filter = (typeof FILTERS)[number];

type ReviewedItem = Reviewed['items'][number];
type ReviewedDefect = Reviewed['defects'][number];

const base = (d: AuditData) => `/audit/${encodeURIComponent(d.agency.id)}/${d.row.run_id}`;

function changeText(c: EvidenceChange, t: T): string {
  const parts: string[] = [];
  if (c.replaced.length) parts.push(t('review.change-replaced', { urls: c.replaced.join(', ') }));
  if (c.added.length) parts.push(t('review.change-added', { urls: c.added.join(', ') }));
  if (c.removed.length) parts.push(t('review.change-removed', { urls: c.removed.join(', ') }));
  return parts.join(' · ');
}

function scoreCard(title: string, s: Score, L: Lang, t: T, cls: string): string {
  return `<div class="card ${cls}"><div>${title}</div><div class="big ${s.pass ? 'pass' : 'fail'}">${formatScore(s.oit)}</div><div>${escHtml(s.rating ? say(L, s.rating) : '')}</div><div class="m">${s.pass === null ? '' : s.pass ? t('score.passes', { mark: s.passMark }) : t('score.below', { mark: s.passMark })}${s.provisional ? ` · ${t('score.provisional')}` : ''}</div></div>`;
}

function decisionBlock(i: ReviewedItem, d: AuditData, ctx: PageCtx, t: T, canEdit: boolean): string {
  const L = ctx.lang;
  const s: DecisionState = i.decision;
  let state = '';
  if (s.state === 'applied')
    state = `<p class="decided">${t('review.decided', { verdict: outcomeWord(s.decision.verdict!, L), by: s.decision.by })} · ${when(s.decision.at, L)}${s.decision.run_id !== d.row.run_id ? ` · ${t('review.carried', { run: s.decision.run_id })}` : ''}<br><q>${escHtml(s.decision.note)}</q></p>`;
  else if (s.state === 'lapsed')
    state = `<p class="lapsed" role="note">${t('review.decision-lapsed', { verdict: outcomeWord(s.decision.verdict!, L), by: s.decision.by, run: s.decision.run_id })} ${when(s.decision.at, L)}: ${changeText(s.change, t)}</p>`;
  const form = canEdit
    ? `<details class="act"><summary>${t(s.state === 'applied' ? 'review.change-verdict' : 'review.record-verdict')}</summary><form method="post" action="${base(d)}/decision" class="stack">${csrfField(ctx)}${hidden('item', i.id)}
<fieldset><legend>${t('review.verdict')}</legend><label><input type="radio" name="verdict" value="pass" required> ${escHtml(outcomeWord('pass', L))}</label> <label><input type="radio" name="verdict" value="fail"> ${escHtml(outcomeWord('fail', L))}</label>${s.state === 'applied' ? ` <label><input type="radio" name="verdict" value="withdraw"> ${t('review.withdraw')}</label>` : ''}</fieldset>
<label>${t('review.note')}<textarea name="note" required maxlength="2000" rows="2"></textarea></label>
<button type="submit">${t('review.save-verdict')}</button></form></details>`
    : '';
  return `<div class="review-box"><h4>${t('review.title')}</h4>${state || `<p class="m">${t('review.no-verdict')}</p>`}${form}</div>`;
}

function waiverText(w: WaiverState, d: AuditData, ctx: PageCtx, t: T): string {
  const L = ctx.lang;
  if (w.state === 'none') return '';
  const who = `${t(`waiver.reason.${w.waiver.reason}`)} · ${t('waiver.by', { by: w.waiver.by })} ${when(w.waiver.at, L)}${w.waiver.expires ? ` · ${t('waiver.expires', { date: dayText(w.waiver.expires, L) })}` : ''}`;
  if (w.state === 'applied')
    return `<p class="waived">${t('waiver.applied')}${w.waiver.run_id !== d.row.run_id ? ` (${t('review.carried', { run: w.waiver.run_id })})` : ''}: ${who}<br><q>${escHtml(w.waiver.note)}</q></p>`;
  if (w.state === 'expired') return `<p class="lapsed" role="note">${t('waiver.expired', { date: dayText(w.waiver.expires, L) })}: ${who}</p>`;
  return `<p class="lapsed" role="note">${t(w.why === 'moved' ? 'waiver.lapsed-moved' : 'waiver.lapsed-evidence', { run: w.waiver.run_id })}: ${changeText(w.change, t)} — ${who}</p>`;
}

function defectBlock(def: Defect, rd: ReviewedDefect, item: ItemResult | undefined, d: AuditData, ctx: PageCtx, t: T, canEdit: boolean): string {
  const L = ctx.lang;
  const fix = defectFix(L, def, item);
  const w = rd.waiver;
  const waivedNow = w.state === 'applied';
  const form = !canEdit
    ? ''
    : waivedNow
      ? `<form method="post" action="${base(d)}/waiver" class="inline">${csrfField(ctx)}${hidden('key', rd.key)}${hidden('revoke', '1')}<label><span class="sr">${t('review.note')}</span><input name="note" required maxlength="1000" placeholder="${t('waiver.revoke-why')}"></label> <button type="submit" class="secondary">${t('waiver.revoke')}</button></form>`
      : `<details class="act"><summary>${t('waiver.waive')}</summary><form method="post" action="${base(d)}/waiver" class="stack">${csrfField(ctx)}${hidden('key', rd.key)}
<label>${t('waiver.reason')}<select name="reason" required><option value="false-alarm">${t('waiver.reason.false-alarm')}</option><option value="accepted-risk">${t('waiver.reason.accepted-risk')}</option></select></label>
<label>${t('review.note')}<textarea name="note" required maxlength="1000" rows="2"></textarea></label>
<label>${t('waiver.expires-label')}<input type="date" name="expires"></label>
<button type="submit">${t('waiver.save')}</button></form></details>`;
  return `<div class="defect${waivedNow ? ' is-waived' : ''}" data-key="${escHtml(rd.key)}"><span class="kind">[${escHtml(kindWord(def.kind, L))}]</span> ${escHtml(defectText(L, def, item))}${
    fix ? `<div class="fix">${t('defect.fix')} ${escHtml(fix)}</div>` : ''
  }${waiverText(w, d, ctx, t)}${form}</div>`;
}

function itemBlock(i: ItemResult, ri: ReviewedItem, defects: Array<[Defect, ReviewedDefect]>, d: AuditData, ctx: PageCtx, t: T, canEdit: boolean, hide: boolean): string {
  const L = ctx.lang;
  const changed = ri.reviewed !== i.outcome;
  const ev = i.evidence.length
    ? `<ul class="tight">${i.evidence
        .map((e) => `<li>${link(e.url, e.title || e.text || e.label || e.url)}${e.text && e.text !== e.title ? `<div class="m">${t('evidence.link-text')} “${escHtml(e.text)}”</div>` : ''}<div class="m">${t(`evidence.via.${e.via}`)} · ${t('evidence.confidence', { pct: Math.round(e.confidence * 100) })}</div></li>`)
        .join('')}</ul>`
    : `<p class="m">${t('evidence.none')}</p>`;
  const shot = d.shots.has(i.id)
    ? `<a class="shot" href="${base(d)}/shot/${encodeURIComponent(i.id)}.png" target="_blank" rel="noopener"><img src="${base(d)}/shot/${encodeURIComponent(i.id)}.png" alt="${t('evidence.shot', { item: i.id })}" loading="lazy" width="320"></a>`
    : '';
  const checks = i.checks.filter((c) => c.note || c.status !== 'pass');
  const notes = checks.length ? `<ul class="tight m">${checks.map((c) => `<li>${escHtml(c.check)}: ${t(`check.${c.status}`)}${c.note ? ` — ${escHtml(say(L, c.note))}` : ''}</li>`).join('')}</ul>` : '';
  const open = i.outcome !== 'pass' || changed ? ' open' : '';
  return `<details class="item o-${i.outcome}" id="${escHtml(i.id)}" data-outcome="${i.outcome}" data-changed="${changed ? 1 : 0}"${open}${hide ? ' hidden' : ''}>
<summary><b>${escHtml(i.id)}</b> ${escHtml(L === 'en' ? i.titleEn : i.title)} ${badge(i.outcome, escHtml(outcomeWord(i.outcome, L)))}${changed ? ` → ${badge(ri.reviewed, escHtml(outcomeWord(ri.reviewed, L)))}` : ''}${ri.decision.state === 'lapsed' ? ` ${badge('lapsed', t('review.lapsed-short'))}` : ''}${defects.length ? ` <span class="m">${t('item.defects', { count: defects.length })}</span>` : ''}</summary>
<div class="body"><div class="cols"><div><h4>${t('evidence.title')}</h4>${ev}${notes}</div>${shot ? `<div>${shot}</div>` : ''}</div>
${defects.length ? `<h4>${t('defect.title')}</h4>${defects.map(([def, rd]) => defectBlock(def, rd, i, d, ctx, t, canEdit)).join('')}` : ''}
${decisionBlock(ri, d, ctx, t, canEdit)}</div></details>`;
}

const NEXT: Record<SignoffState['step'], 'prepared' | 'reviewed' | 'approved' | undefined> = { none: 'prepared', prepared: 'reviewed', reviewed: 'approved', approved: undefined };

function signoffBlock(d: AuditData, ctx: PageCtx, t: T, rights: AuditRights): string {
  const L = ctx.lang;
  const s = d.signoff;
  const next = NEXT[s.step];
  const may = next === 'approved' ? rights.approve : rights.sign;
  const steps = s.steps.length
    ? `<table class="cards"><thead><tr><th>${t('signoff.step')}</th><th>${t('signoff.name')}</th><th>${t('signoff.when')}</th><th>${t('signoff.comment')}</th></tr></thead><tbody>${s.steps
        .map((r) => `<tr><td data-label="${t('signoff.step')}">${t(`signoff.${r.step}`)}</td><td data-label="${t('signoff.name')}">${escHtml(r.by)}</td><td data-label="${t('signoff.when')}">${when(r.at, L)}</td><td data-label="${t('signoff.comment')}">${escHtml(r.comment)}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p class="m">${t('signoff.none')}</p>`;
  const form =
    next && may
      ? `<form method="post" action="${base(d)}/signoff" class="stack">${csrfField(ctx)}${hidden('step', next)}<label>${t('signoff.comment')}<textarea name="comment" required maxlength="2000" rows="2"></textarea></label><button type="submit">${t(`signoff.do-${next}`)}</button><span class="m">${t(`signoff.explain-${next}`)}</span></form>`
      : next
        ? `<p class="m">${t(next === 'approved' ? 'signoff.needs-approver' : 'signoff.needs-reviewer')}</p>`
        : '';
  const reopen =
    s.locked && !s.frozen && rights.sign
      ? `<form method="post" action="${base(d)}/signoff" class="inline">${csrfField(ctx)}${hidden('step', 'reopened')}<label><span class="sr">${t('signoff.comment')}</span><input name="comment" required maxlength="2000" placeholder="${t('signoff.reopen-why')}"></label> <button type="submit" class="secondary">${t('signoff.do-reopened')}</button></form>`
      : '';
  const exports = `<p class="exports">${t('export.title')}: <a href="${base(d)}/itas.xlsx">ITAS (XLSX)</a> · <a href="${base(d)}/itas.csv">ITAS (CSV)</a> · <a href="${base(d)}/report.pdf">PDF</a> · <a href="${base(d)}/final.html">${t('export.printable')}</a>${s.frozen ? '' : ` <span class="m">${t('export.draft')}</span>`}</p>`;
  return `<section id="signoff" class="panel"><h2>${t('signoff.title')}</h2>${s.frozen ? `<p class="frozen" role="note">${t('signoff.frozen')}</p>` : s.locked ? `<p class="note" role="note">${t('signoff.locked')}</p>` : ''}${steps}${form}${reopen}${exports}</section>`;
}

export function auditPage(d: AuditData, ctx: PageCtx, rights: AuditRights, filter: Filter): string {
  const t = ui(ctx.lang);
  const L = ctx.lang;
  const a = d.agency;
  const head = `<p class="crumbs"><a href="/">${t('nav.fleet')}</a> › <a href="/agency/${encodeURIComponent(a.id)}">${escHtml(a.name)}</a> ›</p>
<h1>${t('audit.title', { run: d.row.run_id })} ${badge(d.state, t(`state.${d.state}`))}</h1>`;
  const r: Result | undefined = d.result;
  if (!r || !d.reviewed || !d.asCrawled || !d.afterReview) {
    const reason = d.row.error ? escHtml(d.row.stage === 'unreachable' ? say(L, parseNotice(d.row.error)) : d.row.error) : '';
    return layout(ctx, a.name, `${head}<p>${t('audit.no-result')}</p>${reason ? `<p class="note">${reason}</p>` : ''}`);
  }
  const canEdit = rights.review && !d.signoff.locked;
  const reviewed = d.reviewed;
  const byId = new Map(reviewed.items.map((i) => [i.id, i]));
  const pairs = r.defects.map((def, k) => [def, reviewed.defects[k]!] as [Defect, ReviewedDefect]);
  const count = (f: Filter) =>
    f === 'all' ? r.items.length : f === 'changed' ? r.items.filter((i) => byId.get(i.id)!.reviewed !== i.outcome).length : r.items.filter((i) => i.outcome === f).length;
  const matches = (i: ItemResult) => filter === 'all' || (filter === 'changed' ? byId.get(i.id)!.reviewed !== i.outcome : i.outcome === filter);
  const filterBar = `<nav class="filterbar" aria-label="${t('audit.filter')}">${FILTERS.map(
    (f) => `<a href="${escHtml(withQuery(ctx.path, { show: f === 'all' ? undefined : f, lang: undefined }))}#items" data-filter="${f}"${f === filter ? ' aria-current="true"' : ''}>${t(`filter.${f}`)} (${count(f)})</a>`,
  ).join('')}</nav>`;
  const siteDefects = pairs.filter(([def]) => !def.item);
  const outcomesAfter = (o: Outcome) => Object.values(reviewed.outcomes).filter((x) => x === o).length;
  const body = `${head}
<p class="m">${escHtml(r.agency ?? a.name)} · ${link(r.site)} · ${escHtml(L === 'en' ? r.framework.titleEn || r.framework.title : r.framework.title)} · ${t('audit.as-of', { date: day(r.asOf, L) })} · ${t('audit.crawled-at')} ${when(r.crawledAt, L)}</p>
${r.framework.banner ? `<p class="banner" role="note">${escHtml(L === 'en' ? r.framework.banner.en : r.framework.banner.th)}</p>` : ''}
${r.warnings.filter((w) => w.code === 'budget-hit').map((w) => `<p class="banner" role="alert">${escHtml(say(L, w))}</p>`).join('')}
${d.signoff.frozen ? `<p class="frozen" role="note">${t('signoff.frozen')}</p>` : ''}
<div class="score">${scoreCard(t('score.as-crawled'), d.asCrawled, L, t, 'crawled')}${scoreCard(t('score.after-review'), d.afterReview, L, t, 'reviewed')}
<div class="card"><div>${t('audit.items-after')}</div><div><span class="pass">${outcomesAfter('pass')} ${escHtml(outcomeWord('pass', L))}</span> · <span class="fail">${outcomesAfter('fail')} ${escHtml(outcomeWord('fail', L))}</span> · <span class="review">${outcomesAfter('review')} ${escHtml(outcomeWord('review', L))}</span></div><div class="m">${t('audit.defects-open', { open: pairs.length - reviewed.waived.size, waived: reviewed.waived.size })}</div></div></div>
<p class="m">${t('score.explain')}</p>
<details><summary>${t('audit.by-indicator')}</summary>${scoreChart(r, L)}</details>
<section id="items"><h2>${t('audit.items')}</h2>${filterBar}
${r.items.map((i) => itemBlock(i, byId.get(i.id)!, pairs.filter(([def]) => def.item === i.id), d, ctx, t, canEdit, !matches(i))).join('\n')}</section>
${siteDefects.length ? `<section id="site-defects"><h2>${t('audit.site-defects', { count: siteDefects.length })}</h2>${siteDefects.map(([def, rd]) => defectBlock(def, rd, undefined, d, ctx, t, canEdit)).join('')}</section>` : ''}
${reviewed.unmatched.length ? `<section><h2>${t('waiver.unmatched-title')}</h2><ul>${reviewed.unmatched.map((w) => `<li>${escHtml(w.item ?? '')} [${escHtml(kindWord(w.kind, L))}] ${w.url ? link(w.url) : ''} — ${t('waiver.unmatched', { run: w.run_id, by: w.by })}</li>`).join('')}</ul></section>` : ''}
${signoffBlock(d, ctx, t, rights)}
<section id="trail"><h2>${t('trail.for-audit')}</h2>${trailTable(d.trail, ctx, false)}</section>`;
  return layout(ctx, `${a.name} #${d.row.run_id}`, body);
}

function parseNotice(text: string): { code: string; data: Record<string, unknown> } {
  try {
    const n = JSON.parse(text) as { code?: unknown; data?: unknown };
    if (typeof n.code === 'string') return { code: n.code, data: (n.data as Record<string, unknown>) ?? {} };
  } catch {
    /* plain text */
  }
  return { code: 'legacy-text', data: { text } };
}
