// The audit trail page: every decision, waiver, sign-off and administrative act, newest first, read-only.
import type { Lang } from '../../lang.js';
import type { Outcome } from '../../model/result.js';
import { escHtml } from '../../render/escape.js';
import { kindWord, outcomeWord } from '../words.js';
import { say } from '../../text/say.js';
import type { TrailRow } from '../data.js';
import { layout } from './layout.js';
import { dayText, ui, when, type PageCtx, type T } from './ui.js';

/** What a trail entry recorded, in words: the verdict, the reason, the expiry, the note or comment, a user's role. */
function detailText(detail: string, lang: Lang, t: T): string {
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return escHtml(detail);
  }
  const parts: string[] = [];
  if (typeof d.verdict === 'string') parts.push(escHtml(outcomeWord(d.verdict as Outcome, lang)));
  if (typeof d.reason === 'string') parts.push(t(`waiver.reason.${d.reason}`));
  if (typeof d.expires === 'string') parts.push(t('waiver.expires', { date: dayText(d.expires, lang) }));
  if (typeof d.user === 'string') parts.push(escHtml(d.user));
  if (typeof d.role === 'string') parts.push(t(`role.${d.role}`));
  for (const k of ['note', 'comment'] as const) if (typeof d[k] === 'string' && d[k]) parts.push(`“${escHtml(d[k])}”`);
  return parts.join(' · ');
}

/** A defect key (item|kind|url|…) as the item, the kind in words and the URL. */
function targetText(target: string | null, lang: Lang): string {
  if (!target) return '';
  const [item, kind, url] = target.split('|');
  if (kind === undefined) return escHtml(target);
  return `${item && item !== '-' ? `<b>${escHtml(item)}</b> ` : ''}${escHtml(kindWord(kind, lang))}${url ? ` <span class="url m">${escHtml(url)}</span>` : ''}`;
}

export function trailTable(rows: TrailRow[], ctx: PageCtx, withAgency: boolean): string {
  const t = ui(ctx.lang);
  if (!rows.length) return `<p class="m">${t('trail.empty')}</p>`;
  return `<table class="cards trail"><thead><tr><th>${t('trail.when')}</th><th>${t('trail.who')}</th><th>${t('trail.what')}</th>${withAgency ? `<th>${t('fleet.agency')}</th>` : ''}<th>${t('trail.target')}</th><th>${t('trail.detail')}</th></tr></thead><tbody>${rows
    .map(
      (r) => `<tr><td data-label="${t('trail.when')}">${when(r.at, ctx.lang)}</td><td data-label="${t('trail.who')}">${escHtml(r.actor)}</td><td data-label="${t('trail.what')}">${t(`trail.action.${r.action}`)}</td>${
        withAgency ? `<td data-label="${t('fleet.agency')}">${r.agency ? `<a href="/agency/${encodeURIComponent(r.agency)}">${escHtml(r.agency)}</a>` : ''}${r.run_id !== null && r.agency ? ` <a href="/audit/${encodeURIComponent(r.agency)}/${r.run_id}">#${r.run_id}</a>` : ''}</td>` : ''
      }<td data-label="${t('trail.target')}">${targetText(r.target, ctx.lang)}</td><td data-label="${t('trail.detail')}">${detailText(r.detail, ctx.lang, t)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export function trailPage(rows: TrailRow[], ctx: PageCtx, agency?: string): string {
  const t = ui(ctx.lang);
  return layout(
    ctx,
    say(ctx.lang, { code: 'ui.trail.title', data: {} }),
    `<h1>${t('trail.title')}${agency ? ` · ${escHtml(agency)}` : ''}</h1><p class="m">${t('trail.explain')}</p>${trailTable(rows, ctx, true)}`,
  );
}
