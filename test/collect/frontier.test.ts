// The in-memory frontier: one record per uniqueKey, foundOn bookkeeping, visits counted until idle.
import { describe, expect, it } from 'vitest';
import { FOUND_ON_LIMIT, MemoryFrontier, type CrawlRecord, type Visit } from '../../src/collect/frontier.js';

const record = (url: string, from: string): CrawlRecord => ({ check: { url, state: 'skipped', status: 0, redirects: [], sameSite: true, foundOn: from ? [from] : [], confirmed: false }, depth: 0, content: false });
const all = async (f: MemoryFrontier) => {
  const out: CrawlRecord[] = [];
  for await (const r of f.records()) out.push(r);
  return out;
};

describe('MemoryFrontier', () => {
  it('makes a record once per URL and adds later pages to its foundOn, deduplicated and capped', async () => {
    const f = new MemoryFrontier(async () => undefined);
    let made = 0;
    const make = (url: string, from: string) => () => (made++, record(url, from));
    const first = await f.add('http://a/x', 'http://a/', make('http://a/x', 'http://a/'));
    expect(first?.check.foundOn).toEqual(['http://a/']);
    expect(await f.add('http://a/x', 'http://a/', make('http://a/x', 'http://a/'))).toBeUndefined();
    for (let i = 0; i < 20; i++) await f.add('http://a/x', `http://a/p${i}`, make('http://a/x', ''));
    await f.add('http://a/x', '', make('http://a/x', ''));
    expect(made).toBe(1);
    expect(first!.check.foundOn).toHaveLength(FOUND_ON_LIMIT);
    expect(first!.check.foundOn.slice(0, 2)).toEqual(['http://a/', 'http://a/p0']);
    await f.add('http://a/y', '', make('http://a/y', ''));
    expect((await all(f)).map((r) => r.check.url)).toEqual(['http://a/x', 'http://a/y']);
  });

  it('waits for visits scheduled while waiting, including delayed ones', async () => {
    const visits: Array<[string, Visit]> = [];
    const f: MemoryFrontier = new MemoryFrontier(async (rec, visit) => {
      visits.push([rec.check.url, visit]);
      if (!visit.confirming) f.schedule(rec, { confirming: true, delayMs: 20 });
    });
    const rec = (await f.add('http://a/', '', () => record('http://a/', '')))!;
    f.schedule(rec, { confirming: false });
    await f.idle();
    expect(visits.map(([, v]) => v.confirming)).toEqual([false, true]);
  });

  it('starts nothing after a visit threw, and idle() rejects with that error', async () => {
    const boom = new Error('boom');
    const started: string[] = [];
    const f = new MemoryFrontier(async (rec) => {
      started.push(rec.check.url);
      if (rec.check.url.endsWith('/bad')) throw boom;
    });
    const bad = (await f.add('http://a/bad', '', () => record('http://a/bad', '')))!;
    const later = (await f.add('http://a/later', '', () => record('http://a/later', '')))!;
    f.schedule(later, { confirming: false, delayMs: 20 });
    f.schedule(bad, { confirming: false });
    await expect(f.idle()).rejects.toBe(boom);
    f.schedule(later, { confirming: false });
    expect(started).toEqual(['http://a/bad']);
  });
});
