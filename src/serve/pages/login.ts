// The sign-in page and the error page.
import { escHtml } from '../../render/escape.js';
import { say } from '../../text/say.js';
import { layout } from './layout.js';
import { csrfField, hidden, ui, type PageCtx } from './ui.js';

export function loginPage(ctx: PageCtx, opts: { error?: string; next?: string; name?: string }): string {
  const t = ui(ctx.lang);
  return layout(
    ctx,
    say(ctx.lang, { code: 'ui.login.title', data: {} }),
    `<section class="login panel"><h1>${t('login.title')}</h1>${opts.error ? `<p class="error" role="alert">${t(`login.${opts.error}`)}</p>` : ''}
<form method="post" action="/login" class="stack">${csrfField(ctx)}${opts.next ? hidden('next', opts.next) : ''}
<label>${t('login.name')}<input name="name" autocomplete="username" required maxlength="64" value="${escHtml(opts.name ?? '')}" autofocus></label>
<label>${t('login.password')}<input type="password" name="password" autocomplete="current-password" required maxlength="1024"></label>
<button type="submit">${t('login.submit')}</button></form>
<p class="m">${t('login.help')}</p></section>`,
  );
}

export function errorPage(ctx: PageCtx, status: number, code: string): string {
  const t = ui(ctx.lang);
  return layout(ctx, String(status), `<h1>${status}</h1><p class="error" role="alert">${t(`error.${code}`)}</p><p><a href="/">${t('nav.fleet')}</a></p>`);
}
