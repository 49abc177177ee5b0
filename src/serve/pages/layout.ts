// The frame of every page: header, navigation, language switch, who is signed in; no inline script or style (CSP).
import { escHtml } from '../../render/escape.js';
import { csrfField, ui, withQuery, type PageCtx } from './ui.js';

export function layout(ctx: PageCtx, title: string, body: string, opts: { bodyClass?: string; noscriptRefresh?: number } = {}): string {
  const t = ui(ctx.lang);
  const other = ctx.lang === 'th' ? 'en' : 'th';
  const nav = ctx.user
    ? `<nav class="nav"><a href="/">${t('nav.fleet')}</a><a href="/trail">${t('nav.trail')}</a></nav>
<div class="who"><span>${escHtml(ctx.user.name)} · ${t(`role.${ctx.user.role}`)}</span><form method="post" action="/logout" class="inline">${csrfField(ctx)}<button type="submit" class="link">${t('nav.logout')}</button></form></div>`
    : '';
  return `<!DOCTYPE html>
<html lang="${ctx.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escHtml(title)} · OIT</title>
<link rel="stylesheet" href="/static/app.css">
${opts.noscriptRefresh ? `<noscript><meta http-equiv="refresh" content="${opts.noscriptRefresh}"></noscript>` : ''}
<script src="/static/app.js" defer></script>
</head><body${opts.bodyClass ? ` class="${escHtml(opts.bodyClass)}"` : ''}>
<header class="top"><a class="brand" href="/">OIT · ${t('app.name')}</a>${nav}<a class="lang" href="${escHtml(withQuery(ctx.path, { lang: other }))}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'ไทย'}</a></header>
<main>
${body}
</main>
<footer class="foot">${t('app.footer')}</footer>
</body></html>
`;
}
