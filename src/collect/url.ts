// URL normalisation so one resource is one URL: fragments dropped, Thai IRIs and percent-encoding made canonical.

const UNRESERVED = /%(2[DEde]|3[0-9]|4[1-9A-Fa-f]|5[0-9Aa]|5[Ff]|6[1-9A-Fa-f]|7[0-9Aa]|7[Ee])/g;

/** Canonical percent-encoding: upper-case hex, unreserved characters decoded (RFC 3986 §6.2.2). */
function canonicalPercent(s: string): string {
  return s.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase()).replace(UNRESERVED, (m) => String.fromCharCode(parseInt(m.slice(1), 16)));
}

/**
 * Resolve `href` against `base` and normalise it, or undefined for what is not a fetchable http(s) URL.
 * WHATWG URL parsing already encodes Thai path characters as UTF-8 percent-escapes, so a Thai file name written
 * raw and the same name written percent-encoded meet at one URL.
 */
export function normaliseUrl(href: string, base?: string): string | undefined {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '');
  u.pathname = canonicalPercent(u.pathname.replace(/\/{2,}/g, '/'));
  if (u.search === '?') u.search = '';
  else if (u.search) u.search = canonicalPercent(u.search);
  return u.toString();
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** Same site: same host ignoring "www.", or a subdomain of it (ita.<agency>.go.th). */
export function isSameSite(url: string, site: string): boolean {
  const strip = (h: string) => h.replace(/^www\./, '');
  let a: URL;
  let b: URL;
  try {
    a = new URL(url);
    b = new URL(site);
  } catch {
    return false;
  }
  const ha = strip(a.hostname);
  const hb = strip(b.hostname);
  if (ha === hb) return portOf(a) === portOf(b);
  return ha.endsWith(`.${hb}`);
}

/** http and https count as one site (agencies move to https), so the default ports compare equal. */
const portOf = (u: URL): string => (u.port === '443' || u.port === '80' ? '' : u.port);

export function schemeOf(href: string): string {
  const m = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href);
  return m ? m[1]!.toLowerCase() : '';
}
