// The whole tool against a hostile agency-like server, through the built CLI as a cron job runs it: it must finish,
// write its result and report, name every hazard with the right defect kind, report no working link as broken, stay
// polite (GET only, robots.txt), and keep its memory (crawl process + parse child, read from the OS) under 512 MB.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileServer } from './fixtures/hostile/server.js';

let server: HostileServer;
let out: string;
let exit: number | null;
let stderr = '';
let wallMs = 0;

beforeAll(async () => {
  server = await startHostileServer({ slowlorisIntervalMs: 2000 });
  out = mkdtempSync(join(tmpdir(), 'oit-hostile-'));
  const t0 = Date.now();
  const child = spawn(process.execPath, ['dist/cli.js', 'audit', server.url, '--out', out, '--rules', 'ita-2566', '--as-of', '2023-05-15', '--timeout', '6', '--max-minutes', '4', '--render', 'never', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  exit = await new Promise<number | null>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 280_000);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
  });
  wallMs = Date.now() - t0;
}, 300_000);
afterAll(async () => server?.close());

const read = (f: string) => JSON.parse(readFileSync(join(out, f), 'utf8'));

describe('a hostile server, end to end through the CLI', () => {
  it('finishes with a verdict, and writes its result and report', () => {
    expect(exit, stderr).not.toBeNull();
    expect([0, 1], stderr).toContain(exit);
    expect(stderr).not.toMatch(/FATAL ERROR|heap out of memory|\n\s+at /);
    for (const f of ['artifacts.json', 'result.json', 'report.html', 'itas.csv']) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('reports every hazard with the right kind of defect', () => {
    const r = read('result.json');
    const a = read('artifacts.json');
    const kindsFor = (url: string): string[] => {
      const same = (u: string | undefined) => u !== undefined && (u === url || decodeURI(u) === decodeURI(url));
      const kinds = r.defects.filter((d: { url?: string }) => same(d.url)).map((d: { kind: string }) => d.kind);
      // A page read with a certificate problem, or a file that did not open, also shows in the artifacts.
      const link = a.links.find((l: { url: string }) => same(l.url));
      if (link?.error?.code === 'tls') kinds.push('tls-error');
      return kinds;
    };
    const missing: string[] = [];
    for (const h of server.expected.hazards) {
      const want = h.acceptDefects ?? (h.expectDefect ? [h.expectDefect] : []);
      if (!want.length) continue;
      const got = kindsFor(h.url);
      if (!got.some((k) => want.includes(k as never))) missing.push(`${h.id} (${h.url}): want ${want.join('|')}, got ${got.join(',') || 'nothing'}`);
    }
    expect(missing).toEqual([]);
    // The 12-hop chain is reported with its hops, so the fix can name where it goes round.
    const chain = r.defects.find((d: { kind: string; url?: string }) => d.kind === 'redirect-loop' && d.url?.includes('/redirect/chain/'));
    expect(chain?.data?.chain?.length).toBeGreaterThanOrEqual(10);
  });

  it('reports no working link as broken', () => {
    const r = read('result.json');
    const broken = new Set(r.links.broken.map((b: { url: string }) => b.url));
    expect(server.expected.mustNotBeBroken.filter((u) => broken.has(u))).toEqual([]);
    expect([...broken].filter((u) => !server.expected.mayFail.includes(u as string) && !server.expected.brokenLinks.includes(u as string))).toEqual([]);
  });

  it('stays polite: GET only, nothing under robots.txt Disallow, traps bounded', () => {
    const s = server.stats();
    expect(Object.keys(s.methods)).toEqual(['GET']);
    expect(s.privateRequests).toBe(0);
    const calendar = Object.entries(s.byPath).filter(([p]) => p.startsWith('/calendar')).reduce((n, [, c]) => n + c, 0);
    expect(calendar).toBeLessThan(20);
  });

  it('keeps memory under 512 MB (crawl process plus its largest parse child, as the OS counted them)', () => {
    const a = read('artifacts.json');
    const { crawlMb, parserMb } = a.stats.memory;
    expect(crawlMb).toBeGreaterThan(0);
    expect(crawlMb + parserMb).toBeLessThan(512);
    // The figures for the closing note: requests, duration, memory.
    console.log(`hostile audit: ${server.stats().requests} requests, ${(wallMs / 1000).toFixed(1)} s, crawl ${crawlMb} MB + parser ${parserMb} MB, exit ${exit}`);
  });
});
