// Shared pieces of the web pages (pure): wording through src/text (codes `ui.*`), escaping, dates, badges.
import type { Lang } from '../../lang.js';
import { escHtml } from '../../render/escape.js';
import { say } from '../../text/say.js';
import type { Role } from '../auth.js';

/** One wording, escaped for HTML. */
export type T = (code: string, data?: Record<string, unknown>) => string;

export const ui =
  (lang: Lang): T =>
  (code, data = {}) =>
    escHtml(say(lang, { code: `ui.${code}`, data }));

export interface PageCtx {
  lang: Lang;
  user?: { name: string; role: Role };
  /** The CSRF token every form carries. */
  csrf: string;
  /** This page's path and query, for the language switch. */
  path: string;
}

// Formatters are made once per language: making one costs more than formatting a date.
const FORMATS = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}${withTime}`;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'th-TH', { timeZone: 'Asia/Bangkok', dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}) });
    FORMATS.set(key, f);
  }
  return f;
}

/** A date-time in Bangkok time: Buddhist-era Thai, or English. */
export function when(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return escHtml(iso);
  return escHtml(format(lang, true).format(d));
}

/** A YYYY-MM-DD date as people read it (plain text: escape it where it goes into HTML). */
export function dayText(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const d = new Date(`${iso}T12:00:00+07:00`);
  if (Number.isNaN(d.getTime())) return iso;
  return format(lang, false).format(d);
}

export const day = (iso: string | null | undefined, lang: Lang): string => escHtml(dayText(iso, lang));

export const hidden = (name: string, value: string | number) => `<input type="hidden" name="${escHtml(name)}" value="${escHtml(value)}">`;

export const csrfField = (ctx: PageCtx) => hidden('_csrf', ctx.csrf);

/** A path with one query parameter set (others kept). */
export function withQuery(path: string, set: Record<string, string | number | undefined>): string {
  const u = new URL(path, 'http://x');
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined || v === '') u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return `${u.pathname}${u.search}`;
}

export const badge = (cls: string, text: string) => `<span class="badge b-${escHtml(cls)}">${text}</span>`;
