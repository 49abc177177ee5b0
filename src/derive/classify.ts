// Decides, before fetching, what a URL is: a document, an asset, or a service that cannot be checked from outside (pure:
// the collector uses it to choose what to fetch, the judge to explain what it found).

const DOC_EXT = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z|csv|txt|rtf)$/i;
const IMAGE_EXT = /\.(png|jpe?g|gif|bmp|webp|svg|tiff?)$/i;
const ASSET_EXT = /\.(css|js|mjs|ico|woff2?|ttf|eot|otf|map|mp3|mp4|m4a|wav|avi|mov|wmv|flv|webm|swf)$/i;

export function extensionKind(url: string): string {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname).toLowerCase();
  } catch {
    return '';
  }
  const m = /\.([a-z0-9]{1,5})$/.exec(path);
  return m ? m[1]! : '';
}

export const isDocumentUrl = (url: string): boolean => DOC_EXT.test(safePath(url));
export const isImageUrl = (url: string): boolean => IMAGE_EXT.test(safePath(url));
export const isAssetUrl = (url: string): boolean => ASSET_EXT.test(safePath(url));

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * Links an automatic check cannot verify: files behind a Google login, social networks that answer bots with a
 * login wall, short links. They are "unverifiable" (a person checks them), never "broken".
 */
const UNVERIFIABLE: Array<[RegExp, string]> = [
  [/(^|\.)drive\.google\.com$|(^|\.)docs\.google\.com$/, 'google-drive'],
  [/(^|\.)forms\.gle$/, 'google-forms'],
  [/(^|\.)(facebook\.com|fb\.com|fb\.me|m\.facebook\.com)$/, 'social'],
  [/(^|\.)(instagram\.com|twitter\.com|x\.com|tiktok\.com)$/, 'social'],
  [/(^|\.)(line\.me|lin\.ee)$/, 'social'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'social'],
  [/(^|\.)(bit\.ly|tinyurl\.com|shorturl\.at|goo\.gl)$/, 'short-link'],
  [/(^|\.)(onedrive\.live\.com|1drv\.ms|dropbox\.com)$/, 'file-share'],
  // Flipbooks draw pages with scripts on another host: nothing to read without a browser, and not on the main site.
  [/(^|\.)(anyflip\.com|fliphtml5\.com|issuu\.com|heyzine\.com|flipsnack\.com|pubhtml5\.com)$/, 'flipbook'],
];

export function unverifiableReason(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (const [re, reason] of UNVERIFIABLE) if (re.test(host)) return reason;
  return undefined;
}

/** Query keys and values that mark calendars and archives: an endless supply of URLs. */
const DATE_VALUE = /^\d{2,4}[-/]\d{1,2}([-/]\d{1,2})?$/;
const DATE_KEY = /^(month|year|date|day|cal|calendar|ym|d|m|y|week|time)$/i;

/**
 * A URL's "shape" for trap detection, or undefined when it has none worth budgeting. URLs that differ only in
 * query values share a shape (pagination, calendars); so do paths with dates in them (/calendar/2567/10/).
 * Date-like shapes get a small budget, others a larger one.
 */
export function trapKey(url: string): { key: string; dateLike: boolean } | undefined {
  const u = new URL(url);
  const keys = [...u.searchParams.keys()].sort();
  const datePath = /(^|\/)(19|20|25)\d{2}[-/]\d{1,2}([-/]|$)/.test(u.pathname);
  if (!keys.length && !datePath) return undefined;
  const dateLike = datePath || keys.some((k) => DATE_KEY.test(k) || DATE_VALUE.test(u.searchParams.get(k) ?? ''));
  const path = datePath ? u.pathname.replace(/\d+/g, '#') : u.pathname;
  return { key: `${u.host}${path}?${keys.join('&')}`, dateLike };
}

/** /a/b/a/b/a/b: a relative-link loop that builds ever-deeper paths. */
export function hasRepeatingPath(url: string): boolean {
  const segs = new URL(url).pathname.split('/').filter(Boolean);
  if (segs.length < 6) return false;
  const counts = new Map<string, number>();
  for (const s of segs) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.values()].some((n) => n >= 3);
}
