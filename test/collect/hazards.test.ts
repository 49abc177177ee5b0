// The collector against one local fixture server per hazard that real Thai agency servers present.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { crawlSite, type CrawlOptions } from '../../src/collect/crawl.js';
import type { Artifacts } from '../../src/model/artifacts.js';
import { corruptPdf, encryptedPdf, textPdf, zipBombDocx } from '../fixtures/files.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';

const FAST: Partial<CrawlOptions> = { recheckDelayMs: 50, timeoutSeconds: 5, sitemaps: false };
let fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.map((f) => f.close()));
  fixtures = [];
});
async function site(...args: Parameters<typeof serve>) {
  const f = await serve(...args);
  fixtures.push(f);
  return f;
}
const link = (a: Artifacts, path: string) => a.links.find((l) => new URL(l.url).pathname + new URL(l.url).search === path);

describe('redirects', () => {
  it('records a 3-hop chain to a page, a chain ending in 404 and a loop', async () => {
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', '<a href="/r1">chain</a> <a href="/d1">dead chain</a> <a href="/loop-a">loop</a>')),
      '/r1': (_q, r) => send(r, 302, '', 'text/plain', { location: '/r2' }),
      '/r2': (_q, r) => send(r, 301, '', 'text/plain', { location: '/r3' }),
      '/r3': (_q, r) => send(r, 307, '', 'text/plain', { location: '/final' }),
      '/final': (_q, r) => send(r, 200, html('ปลายทาง', 'ok')),
      '/d1': (_q, r) => send(r, 301, '', 'text/plain', { location: '/gone' }),
      '/loop-a': (_q, r) => send(r, 302, '', 'text/plain', { location: '/loop-b' }),
      '/loop-b': (_q, r) => send(r, 302, '', 'text/plain', { location: '/loop-a' }),
    });
    const a = await crawlSite(f.url, FAST);
    expect(link(a, '/r1')).toMatchObject({ state: 'ok', status: 200, redirects: [{ status: 302 }, { status: 301 }, { status: 307 }] });
    expect(link(a, '/r1')!.finalUrl).toBe(`${f.origin}/final`);
    expect(a.pages.find((p) => p.url.endsWith('/r1'))?.title).toBe('ปลายทาง');
    expect(link(a, '/d1')).toMatchObject({ state: 'broken', status: 404, confirmed: true });
    expect(link(a, '/loop-a')).toMatchObject({ state: 'broken', error: { code: 'redirect-loop' } });
  });
});

describe('broken links and retries', () => {
  it('declares a 404 broken only after a confirming re-check, and retries a flaky 500', async () => {
    let flaky = 0;
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', '<a href="/missing">x</a> <a href="/flaky">y</a>')),
      '/flaky': (_q, r) => (++flaky === 1 ? send(r, 500, 'oops') : send(r, 200, html('ok now', ''))),
    });
    const a = await crawlSite(f.url, FAST);
    expect(link(a, '/missing')).toMatchObject({ state: 'broken', status: 404, confirmed: true });
    expect(f.log.filter((l) => l === 'GET /missing')).toHaveLength(2);
    expect(link(a, '/flaky')).toMatchObject({ state: 'ok', status: 200 });
    expect(a.stats!.retries).toBeGreaterThanOrEqual(1);
  });

  it('honours Retry-After on 503 and 429, and never sends HEAD', async () => {
    let n503 = 0;
    let n429 = 0;
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', '<a href="/busy">busy</a> <a href="/limited">limited</a> <a href="/doc.pdf">pdf</a>')),
      '/busy': (_q, r) => (++n503 === 1 ? send(r, 503, 'busy', 'text/plain', { 'retry-after': '1' }) : send(r, 200, html('ok', ''))),
      '/limited': (_q, r) => (++n429 === 1 ? send(r, 429, 'slow down', 'text/plain', { 'retry-after': '0' }) : send(r, 200, html('ok', ''))),
      '/doc.pdf': (q, r) => (q.method === 'HEAD' ? send(r, 405, '') : send(r, 200, textPdf(['hello']), 'application/pdf')),
    });
    const t0 = Date.now();
    const a = await crawlSite(f.url, FAST);
    expect(link(a, '/busy')).toMatchObject({ state: 'ok' });
    expect(link(a, '/limited')).toMatchObject({ state: 'ok' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(link(a, '/doc.pdf')).toMatchObject({ state: 'ok' });
    expect(f.log.some((l) => l.startsWith('HEAD'))).toBe(false);
  });
});

describe('Thai encodings and URLs', () => {
  it('decodes an undeclared TIS-620 page and follows its Thai file name to the right URL', async () => {
    const body = iconv.encode('<html><head><title>ประกาศจัดซื้อจัดจ้าง</title></head><body><p>องค์การบริหารส่วนตำบล</p><a href="/files/ประกาศ.pdf">ประกาศ</a></body></html>', 'windows-874');
    const f = await site({
      '/': (_q, r) => send(r, 200, body, 'text/html'),
      '/files/ประกาศ.pdf': (_q, r) => send(r, 200, textPdf(['ok']), 'application/pdf'),
    });
    const a = await crawlSite(f.url, FAST);
    expect(a.pages[0]).toMatchObject({ title: 'ประกาศจัดซื้อจัดจ้าง', charset: 'windows-874', charsetSource: 'detected' });
    const pdf = a.links.find((l) => l.url.includes('/files/'));
    expect(pdf).toMatchObject({ state: 'ok', url: `${f.origin}/files/${encodeURIComponent('ประกาศ')}.pdf` });
  });

  it('makes a raw Thai href and its percent-encoded twin one URL', async () => {
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', `<a href="/แผน.html">raw</a> <a href="/${encodeURIComponent('แผน').toLowerCase()}.html">lower-case escapes</a>`)),
      '/แผน.html': (_q, r) => send(r, 200, html('แผน', '')),
    });
    const a = await crawlSite(f.url, FAST);
    expect(a.links.filter((l) => l.url.endsWith('.html'))).toHaveLength(1);
    expect(f.log.filter((l) => l.includes('.html') && !l.includes('oit-crawler-probe'))).toHaveLength(1);
  });
});

describe('soft 404s, traps, robots and unverifiable links', () => {
  it('flags a site that answers 200 for pages that do not exist', async () => {
    const notFound = html('เว็บไซต์ อบต.ตัวอย่าง', '<p>ขออภัย ไม่มีหน้านี้</p>');
    const f = await site({ '/': (_q, r) => send(r, 200, html('home', '<a href="/old-news">ข่าวเก่า</a> <a href="/gone">หาย</a>')), '/gone': (_q, r) => send(r, 200, html('ไม่พบหน้าที่ต้องการ', '')) }, (_q, r) => send(r, 200, notFound));
    const a = await crawlSite(f.url, FAST);
    expect(a.pages.find((p) => p.url.endsWith('/old-news'))?.soft404).toBe(true);
    expect(a.pages.find((p) => p.url.endsWith('/gone'))?.soft404).toBe(true);
    expect(a.pages.find((p) => p.url === f.url)?.soft404).toBe(false);
  });

  it('cuts off an endless calendar and finishes', async () => {
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', '<a href="/calendar/?month=2567-10">ปฏิทิน</a>')),
      '/calendar/': (_q, r, u) => {
        const [y, m] = (u.searchParams.get('month') ?? '2567-10').split('-').map(Number) as [number, number];
        const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
        send(r, 200, html(`ปฏิทิน ${y}-${m}`, `<a href="?month=${next}">ถัดไป</a>`));
      },
    });
    const a = await crawlSite(f.url, FAST);
    expect(a.pages.length).toBeLessThan(12);
    expect(a.errors.some((e) => e.code === 'trap')).toBe(true);
  });

  it('fetches every file under date folders (WordPress uploads): documents are not a trap', async () => {
    const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', months.map((m) => `<a href="/wp-content/uploads/2023/${m}/skr1-2566-${m}.xlsx">สรุปผลการจัดซื้อจัดจ้าง เดือน ${m}</a>`).join(' '))),
      ...Object.fromEntries(months.map((m) => [`/wp-content/uploads/2023/${m}/skr1-2566-${m}.xlsx`, (_q: any, r: any) => send(r, 200, 'PK not really a workbook', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')])),
    });
    const a = await crawlSite(f.url, FAST);
    expect(a.errors.filter((e) => e.code === 'trap')).toEqual([]);
    for (const m of months) expect(f.log.some((l) => l.includes(`/2023/${m}/skr1-2566-${m}.xlsx`)), m).toBe(true);
  });

  it('obeys robots.txt Disallow unless told to ignore it', async () => {
    const routes = {
      '/robots.txt': (_q: any, r: any) => send(r, 200, 'User-agent: *\nDisallow: /private/\nCrawl-delay: 0.1\n', 'text/plain'),
      '/': (_q: any, r: any) => send(r, 200, html('home', '<a href="/private/x.html">x</a>')),
      '/private/x.html': (_q: any, r: any) => send(r, 200, html('private', '')),
    };
    const polite = await site(routes);
    const a = await crawlSite(polite.url, FAST);
    expect(link(a, '/private/x.html')).toMatchObject({ state: 'skipped', reason: 'robots' });
    expect(polite.log).not.toContain('GET /private/x.html');
    expect(a.robots).toMatchObject({ respected: true, crawlDelaySeconds: 0.1 });
    const own = await site(routes);
    const b = await crawlSite(own.url, { ...FAST, respectRobots: false });
    expect(link(b, '/private/x.html')).toMatchObject({ state: 'ok' });
  });

  it('classes Google Drive, social networks and forms as unverifiable, never broken, and fetches none of them', async () => {
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', '<a href="https://drive.google.com/file/d/abc/view">แผน</a> <a href="https://www.facebook.com/agency">FB</a> <form action="/submit" method="post"></form> <a href="mailto:a@b.go.th">mail</a>')),
    });
    const a = await crawlSite(f.url, FAST);
    expect(a.links.find((l) => l.url.includes('drive.google'))).toMatchObject({ state: 'unverifiable', reason: 'google-drive' });
    expect(a.links.find((l) => l.url.includes('facebook'))).toMatchObject({ state: 'unverifiable', reason: 'social' });
    expect(link(a, '/submit')).toMatchObject({ state: 'unverifiable', reason: 'form' });
    expect(a.links.some((l) => l.url.startsWith('mailto'))).toBe(false);
    expect(f.log).not.toContain('GET /submit');
  });
});

describe('hostile servers and files', () => {
  it('gives up on a slowloris server at the deadline and keeps everything else', async () => {
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', '<a href="/slow">slow</a> <a href="/ok">ok</a>')),
      '/ok': (_q, r) => send(r, 200, html('fine', '')),
      '/slow': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        const t = setInterval(() => r.write(' '), 100);
        r.on('close', () => clearInterval(t));
      },
    });
    const a = await crawlSite(f.url, { ...FAST, timeoutSeconds: 1, retries: 0 });
    expect(link(a, '/slow')).toMatchObject({ state: 'broken', error: { code: 'timeout' } });
    expect(link(a, '/ok')).toMatchObject({ state: 'ok' });
  });

  it('caps a gigantic page and a gzip bomb without holding them in memory', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', '<a href="/huge">huge</a> <a href="/bomb">bomb</a>')),
      '/huge': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        let n = 0;
        const pump = () => {
          while (n < 30 && r.write(chunk)) n++;
          if (n >= 30) r.end();
          else r.once('drain', () => { n++; pump(); });
        };
        r.on('error', () => undefined);
        pump();
      },
      '/bomb': (_q, r) => send(r, 200, bomb, 'text/html', { 'content-encoding': 'gzip' }),
    });
    const a = await crawlSite(f.url, { ...FAST, maxHtmlBytes: 2 * 1024 * 1024 });
    const huge = a.pages.find((p) => p.url.endsWith('/huge'))!;
    expect(huge.error?.code).toBe('body-too-large');
    expect(huge.text.length).toBeLessThanOrEqual(20_000);
    expect(a.pages.find((p) => p.url.endsWith('/bomb'))?.error?.code).toBe('body-too-large');
  });

  it('reports corrupt, encrypted and fake PDFs, empty files and zip bombs as file errors, not crashes', { timeout: 30_000 }, async () => {
    const bombDocx = zipBombDocx(40);
    const f = await site({
      '/': (_q, r) => send(r, 200, html('home', ['corrupt.pdf', 'locked.pdf', 'fake.pdf', 'empty.pdf', 'bomb.docx', 'real.pdf'].map((n) => `<a href="/${n}">${n}</a>`).join(' '))),
      '/corrupt.pdf': (_q, r) => send(r, 200, corruptPdf(), 'application/pdf'),
      '/locked.pdf': (_q, r) => send(r, 200, encryptedPdf(), 'application/pdf'),
      '/fake.pdf': (_q, r) => send(r, 200, html('404 ไม่พบไฟล์', ''), 'application/pdf'),
      '/empty.pdf': (_q, r) => send(r, 200, Buffer.alloc(0), 'application/pdf'),
      '/bomb.docx': (_q, r) => send(r, 200, bombDocx, 'application/octet-stream'),
      '/real.pdf': (_q, r) => send(r, 200, textPdf(['Annual report 2566']), 'application/pdf'),
    });
    const a = await crawlSite(f.url, FAST);
    const doc = (n: string) => a.documents.find((d) => d.url.endsWith(n))!;
    expect(doc('/corrupt.pdf').error?.code).toBe('corrupt');
    expect(doc('/locked.pdf').error?.code).toBe('encrypted');
    expect(doc('/fake.pdf')).toMatchObject({ kind: 'html', claimedKind: 'pdf' });
    expect(doc('/empty.pdf').kind).toBe('empty');
    expect(doc('/bomb.docx').error?.code).toBe('zip-bomb');
    expect(doc('/real.pdf')).toMatchObject({ kind: 'pdf', pageCount: 1, hasTextLayer: false });
    expect(doc('/real.pdf').text).toContain('Annual report 2566');
  });

  it('records a broken certificate chain as a TLS problem and still reads the content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    } catch {
      console.warn('openssl not available: TLS fixture skipped');
      return;
    }
    const f = await site({ '/': (_q, r) => send(r, 200, html('หน้าแรก อบต.', '<p>เนื้อหา</p>')) }, undefined, { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') });
    const a = await crawlSite(f.url, FAST);
    expect(a.pages[0]).toMatchObject({ title: 'หน้าแรก อบต.', flags: expect.arrayContaining(['tls-insecure']) });
    expect(a.links[0]).toMatchObject({ state: 'ok', error: { code: 'tls' } });
  });
});

describe('per-run state', () => {
  it('two crawls in one process at once share nothing', async () => {
    const one = await site({ '/': (_q, r) => send(r, 200, html('one', '<a href="/a">a</a>')), '/a': (_q, r) => send(r, 200, html('a', '')) });
    const two = await site({ '/': (_q, r) => send(r, 200, html('two', '<a href="/b">b</a> <a href="/a">a</a>')), '/b': (_q, r) => send(r, 200, html('b', '')) });
    const [a, b] = await Promise.all([crawlSite(one.url, FAST), crawlSite(two.url, FAST)]);
    expect(a.pages.map((p) => p.title).sort()).toEqual(['a', 'one']);
    expect(b.pages.map((p) => p.title).sort()).toEqual(['b', 'two']);
    expect(link(b, '/a')).toMatchObject({ state: 'broken' });
    expect(link(a, '/a')).toMatchObject({ state: 'ok' });
  });
});
