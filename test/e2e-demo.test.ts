// The demo site end to end: live crawl → golden artifacts → golden result; the judge is pure and never mutates input.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite } from '../src/collect/crawl.js';
import { DEMO_SITE_DIR, serveDirectory } from '../src/demo/serve.js';
import { judge } from '../src/judge/judge.js';
import { Artifacts } from '../src/model/artifacts.js';
import { Result } from '../src/model/result.js';
import { resolveRuleSet } from '../src/rules/load.js';

const GOLDEN = join(import.meta.dirname, 'golden');
const ORIGIN = 'http://demo.oit.test';
const update = process.env.UPDATE_GOLDEN === '1';

/** Port, clock and order do not belong in a golden file. */
function normalise(a: Artifacts, origin: string): Artifacts {
  const text = JSON.stringify({ ...a, startedAt: '2023-05-15T01:00:00.000Z', finishedAt: '2023-05-15T01:01:00.000Z', stats: undefined, options: {} }).split(origin).join(ORIGIN);
  const n = JSON.parse(text) as Artifacts;
  const byUrl = (x: { url: string }, y: { url: string }) => x.url.localeCompare(y.url);
  n.pages.sort(byUrl);
  n.documents.sort(byUrl);
  n.links.sort(byUrl);
  for (const l of n.links) l.foundOn.sort();
  return Artifacts.parse(n);
}

/** A link seen on more than 10 pages keeps the first 10 pages that reached the crawler, which depends on timing. */
const capped = (a: Artifacts) => ({ ...a, links: a.links.map((l) => (l.foundOn.length >= 10 ? { ...l, foundOn: ['(10 pages)'] } : l)) });

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

let live: Artifacts;
let server: Awaited<ReturnType<typeof serveDirectory>>['server'];
beforeAll(async () => {
  const s = await serveDirectory(DEMO_SITE_DIR);
  server = s.server;
  live = normalise(await crawlSite(s.url, { recheckDelayMs: 50 }), s.url.replace(/\/$/, ''));
  if (update) writeFileSync(join(GOLDEN, 'demo-artifacts.json'), `${JSON.stringify(live, null, 2)}\n`);
}, 60_000);
afterAll(() => server?.close());

const rs = resolveRuleSet('ita-2566');
const asOf = '2023-05-15';

describe('demo site', () => {
  it('crawls to the golden artifacts', () => {
    const golden = Artifacts.parse(JSON.parse(readFileSync(join(GOLDEN, 'demo-artifacts.json'), 'utf8')));
    expect(capped(live)).toEqual(capped(golden));
  });

  it('judges the golden artifacts to the golden result', () => {
    const golden = Artifacts.parse(JSON.parse(readFileSync(join(GOLDEN, 'demo-artifacts.json'), 'utf8')));
    const result = judge(deepFreeze(golden), rs, { asOf, agency: 'อบต.หนองน้ำใส (ตัวอย่าง)' });
    // Written only when asked (UPDATE_GOLDEN=1): a missing golden fails, it never writes itself and passes.
    if (update) writeFileSync(join(GOLDEN, 'demo-result.json'), `${JSON.stringify(result, null, 2)}\n`);
    expect(Result.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
    expect(result).toEqual(JSON.parse(readFileSync(join(GOLDEN, 'demo-result.json'), 'utf8')));
  });

  it('finds every defect planted in the demo site, and nothing else fails', () => {
    const result = judge(live, rs, { asOf });
    const outcome = Object.fromEntries(result.items.map((i) => [i.id, i.outcome]));
    const kinds = (id: string) => result.items.find((i) => i.id === id)!.defects.map((d) => d.kind);
    expect(Object.entries(outcome).filter(([, o]) => o !== 'pass').map(([id, o]) => `${id}:${o}`)).toEqual(['O10:fail', 'O11:fail', 'O13:fail', 'O17:review', 'O20:fail', 'O21:fail', 'O28:fail', 'O29:fail']);
    expect(kinds('O10')).toEqual(['not-found']);
    expect(kinds('O11')).toEqual(['out-of-period']);
    expect(kinds('O13')).toEqual(['broken-link']);
    expect(kinds('O17')).toEqual(['scanned-document']);
    expect(kinds('O20')).toEqual(['egp-invalid']);
    expect(kinds('O21').sort()).toEqual(['egp-invalid', 'missing-element', 'month-missing']);
    // The March workbook (the series' one file; the month pages are HTML) has no contract number/date column, which
    // สขร.1 requires: "เลขที่" of "เลขที่โครงการ" no longer passes for it.
    expect(result.items.find((i) => i.id === 'O21')!.defects.find((d) => d.kind === 'missing-element')!.data).toMatchObject({ id: 'proc-contract' });
    expect(kinds('O28')).toEqual(expect.arrayContaining(['off-site', 'unverifiable']));
    expect(kinds('O29')).toEqual(['missing-element']);
    expect(result.items.find((i) => i.id === 'O21')!.defects.find((d) => d.kind === 'month-missing')!.data).toMatchObject({ month: '2566-02' });
    expect(result.links.broken.map((b) => new URL(b.url).pathname).sort()).toEqual(['/files/o13-annual-report-2565.pdf', '/news/old.html']);
    expect(result.score.provisional).toBe(true);
  });

  it('the built CLI writes the same artifacts: parsed in a worker thread, spooled by it, assembled from the spool', { timeout: 60_000 }, async () => {
    const s = await serveDirectory(DEMO_SITE_DIR);
    try {
      const out = mkdtempSync(join(tmpdir(), 'oit-demo-cli-'));
      // Asynchronous: the site is served by this process, which must keep answering while the CLI crawls it.
      await promisify(execFile)(process.execPath, ['dist/cli.js', 'crawl', s.url, '--out', out, '--concurrency', '3', '--quiet']);
      const raw = Artifacts.parse(JSON.parse(readFileSync(join(out, 'artifacts.json'), 'utf8')));
      expect(raw.stats!.peakInFlight).toBeGreaterThan(1);
      expect(raw.stats!.peakInFlight).toBeLessThanOrEqual(3);
      const golden = Artifacts.parse(JSON.parse(readFileSync(join(GOLDEN, 'demo-artifacts.json'), 'utf8')));
      expect(capped(normalise(raw, s.url.replace(/\/$/, '')))).toEqual(capped(golden));
      expect(existsSync(join(out, 'pages.spool.jsonl'))).toBe(false);
    } finally {
      s.server.close();
    }
  });

  it('re-judging after a JSON round trip gives the same result (artifacts are plain JSON)', () => {
    const again = Artifacts.parse(JSON.parse(JSON.stringify(live)));
    expect(judge(again, rs, { asOf })).toEqual(judge(live, rs, { asOf }));
  });
});
