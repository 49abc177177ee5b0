// Escaping for every output format: crawled titles, link texts and URLs are hostile input.

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escHtml = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => HTML[c]!);

/** Only http(s) URLs become live links; `javascript:`, `data:` and anything else are shown as text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** A link when the URL is safe, plain text otherwise. */
export function link(url: string | undefined, text?: string): string {
  const href = safeHref(url);
  const label = escHtml(text ?? url ?? '');
  return href ? `<a href="${escHtml(href)}" rel="noopener noreferrer nofollow">${label}</a>` : `<span class="url">${label}</span>`;
}

/**
 * A CSV cell. Spreadsheet programs run cells that start with = + - @ (or tab/CR) as formulas: such cells get a
 * leading apostrophe (OWASP's advice), and every cell is quoted.
 */
export function csvCell(v: unknown): string {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** XML text and attribute values; characters XML 1.0 forbids are dropped. */
export const escXml = (s: unknown): string =>
  String(s ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what XML 1.0 forbids and this removes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => HTML[c]!);

/**
 * Escaped text whose web addresses may break anywhere (wrapped in <span class="u">) while its Thai words keep the
 * browser's word breaking: a long URL inside a Thai sentence must not widen a phone's page.
 */
export function escWithUrls(s: unknown): string {
  return String(s ?? '')
    .split(/(https?:\/\/[^\s"'<>]+)/g)
    .map((part, n) => (n % 2 ? `<span class="u">${escHtml(part)}</span>` : escHtml(part)))
    .join('');
}
