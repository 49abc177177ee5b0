// What repeats across a site's pages (menus, banners, the footer) is its chrome, not any page's content: a vendor CMS
// prints "วิสัยทัศน์ / พันธกิจ", "แผนพัฒนาท้องถิ่น" and the agency's Facebook link on every page, and those words and
// links must not satisfy, or spoil, the evidence of whatever item a page happens to be found for.
import type { Page } from '../model/artifacts.js';
import { compactKey } from '../derive/thai-text.js';

export interface SiteChrome {
  /** The page with only its own lines, links and images (memoised; the input is never changed). */
  main(page: Page): Page;
  /** The page's chrome lines (the footer's address and phone), for the items they can serve. */
  chromeText(page: Page): string;
  isChromeLink(url: string): boolean;
}

/** Below this many pages nothing can be told apart as repeating. */
const MIN_PAGES = 3;

function threshold(pages: number): number {
  // A line on at least a quarter of the pages (and on 3 at least) is site furniture; a section's own sub-menu, shared
  // by its 10 news pages out of 90, is not.
  return Math.max(3, Math.ceil(pages * 0.25));
}

const lineKey = (line: string) => compactKey(line);

export function siteChrome(pages: readonly Page[]): SiteChrome {
  const html = pages.filter((p) => p.status < 400 && !p.soft404);
  const lineCount = new Map<string, number>();
  const linkCount = new Map<string, number>();
  const imageCount = new Map<string, number>();
  const bump = (m: Map<string, number>, keys: Iterable<string>) => {
    for (const k of new Set(keys)) if (k) m.set(k, (m.get(k) ?? 0) + 1);
  };
  if (html.length >= MIN_PAGES) {
    for (const p of html) {
      bump(lineCount, p.text.split('\n').map(lineKey));
      bump(linkCount, p.links.filter((l) => l.tag !== 'link').map((l) => l.url));
      bump(imageCount, p.images.map((i) => i.src));
    }
  }
  const min = threshold(html.length);
  const chromeLine = (line: string) => (lineCount.get(lineKey(line)) ?? 0) >= min;
  const chromeLink = (url: string) => (linkCount.get(url) ?? 0) >= min;
  const chromeImage = (src: string) => (imageCount.get(src) ?? 0) >= min;
  const memo = new Map<Page, Page>();
  return {
    main(page) {
      let m = memo.get(page);
      if (!m) {
        const lines = page.text.split('\n');
        // Furniture by repetition across the site, or by its own markup (navigation, footer, side columns).
        const marked = new Set(page.chromeLines ?? []);
        const own = lines.filter((l, i) => !marked.has(i) && !chromeLine(l));
        m = {
          ...page,
          text: own.join('\n'),
          headings: page.headings.filter((h) => !chromeLine(h.text)),
          links: page.links.filter((l) => l.tag === 'link' || !l.url || !chromeLink(l.url)),
          images: page.images.filter((i) => !chromeImage(i.src)),
        };
        memo.set(page, m);
      }
      return m;
    },
    chromeText: (page) => {
      const marked = new Set(page.chromeLines ?? []);
      return page.text.split('\n').filter((l, i) => marked.has(i) || chromeLine(l)).join('\n');
    },
    isChromeLink: chromeLink,
  };
}
