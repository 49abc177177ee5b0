// What a crawl asks a site before crawling it: robots.txt, how its "not found" looks, and its sitemap.
import { randomBytes } from 'node:crypto';
import type { Exchange } from './http.js';
import type { NotFoundFingerprint } from './page-signals.js';
import { parseRobots, type Robots } from './robots.js';
import { sniffKind } from './sniff.js';
import { isSameSite, normaliseUrl } from './url.js';

/** One GET through the crawl's host slots (Fetcher.send). */
export type Get = (url: string, wantBody: boolean, maxBytes: number) => Promise<Exchange>;

export async function fetchRobots(origin: string, get: Get, userAgent: string): Promise<Robots> {
  const url = `${origin}/robots.txt`;
  const ex = await get(url, true, 512 * 1024);
  return parseRobots(url, ex.status, ex.body?.toString('utf8') ?? '', userAgent);
}

/**
 * A path that cannot exist: if the site answers 200, what its "not found" page looks like. `parse` is the crawl's
 * page parser (a body worker), so this thread never loads an HTML parser.
 */
export async function probeNotFound(origin: string, get: Get, parse: (ex: Exchange & { body: Buffer }) => Promise<NotFoundFingerprint | undefined>): Promise<NotFoundFingerprint | undefined> {
  const ex = await get(`${origin}/oit-crawler-probe-${randomBytes(6).toString('hex')}.html`, true, 512 * 1024);
  if (ex.status !== 200 || !ex.body) return undefined;
  return parse({ ...ex, body: ex.body });
}

/** Same-site URLs listed in the sitemaps robots.txt names (or /sitemap.xml), at most `max`. */
export async function sitemapUrls(origin: string, robots: Robots | undefined, get: Get, max: number): Promise<string[]> {
  const candidates = robots?.sitemaps.length ? robots.sitemaps.slice(0, 5) : [`${origin}/sitemap.xml`];
  const urls: string[] = [];
  for (const sm of candidates) {
    const ex = await get(sm, true, 10 * 1024 * 1024);
    if (ex.status !== 200 || !ex.body || sniffKind(ex.body) === 'html') continue;
    for (const m of ex.body.toString('utf8').matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/gi)) {
      const u = normaliseUrl(m[1]!.replace(/&amp;/g, '&'));
      if (u && isSameSite(u, origin)) urls.push(u);
      if (urls.length >= max) break;
    }
  }
  return urls;
}
