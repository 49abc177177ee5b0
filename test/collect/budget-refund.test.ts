// Regression: 404s used up the page budget (pages were counted before they were fetched), so real pages were never
// read and their items went to review "for budget" although their targets were simply missing.
import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../src/collect/crawl.js';
import { html, send, serve } from '../fixtures/server.js';

describe('the page budget', () => {
  it('a dead link gives its place back to a page that waited; the budget counts pages read', async () => {
    const dead = Array.from({ length: 6 }, (_, i) => `<a href="/gone-${i}.html">เอกสารเก่า ${i}</a>`).join(' ');
    const real = Array.from({ length: 3 }, (_, i) => `<a href="/real-${i}.html">หน้า ${i}</a>`).join(' ');
    const site = await serve(
      { '/': (_q, r) => send(r, 200, html('องค์การบริหารส่วนตำบลทดสอบ', `${dead} ${real}`)) },
      (_q, r, url) => (/^\/real-\d\.html$/.test(url.pathname) ? send(r, 200, html(`หน้าจริง ${url.pathname}`, '<p>เนื้อหา</p>')) : send(r, 404, html('404 ไม่พบหน้าที่ต้องการ', ''))),
    );
    try {
      // Room for the home page and six more: the six dead links come first and would have taken every place.
      const a = await crawlSite(site.url, { maxPages: 7, recheckDelayMs: 20, sitemaps: false, respectRobots: false });
      expect(a.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/', '/real-0.html', '/real-1.html', '/real-2.html']);
      expect(a.stats?.budgetHit).toBeUndefined();
      expect(a.links.filter((l) => l.state === 'broken')).toHaveLength(6);
    } finally {
      await site.close();
    }
  });
});
