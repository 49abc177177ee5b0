// `npm run bench`: crawls ../shared/bench's 20-agency site and runs linkinator on it in the same run; prints ratios.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { BENCH, enterSandbox, makeSite, requireShared, ROOT, startServer, timed, type Timed } from './shared.js';

requireShared('npm run bench');

/** The node flags of dist/cli.js's shebang: the crawler is measured as users run it (`oit crawl`). */
const CLI_NODE_FLAGS = (/^#!.*?node(.*)$/m.exec(readFileSync(join(ROOT, 'dist', 'cli.js'), 'utf8'))?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
enterSandbox(fileURLToPath(import.meta.url));

interface Manifest {
  urls: Array<{ url: string; external: boolean; type: string; broken: boolean; via?: string[] }>;
}

/** Origin-relative path+query for same-site URLs, as the manifest writes them (canonical percent-encoding). */
function key(url: string, origin: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  u.hash = '';
  const rel = url.startsWith(origin) ? `${u.pathname}${u.search}` : u.toString();
  return rel.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

function score(m: Manifest, origin: string, reported: Map<string, boolean>) {
  const norm = (u: string) => key(u.startsWith('/') ? origin + u : u, origin);
  const truth = m.urls.filter((u) => u.type !== 'trap-entry');
  const sameSite = truth.filter((u) => !u.external);
  const found = (u: Manifest['urls'][number]) => reported.has(norm(u.url)) || (u.via ?? []).some((v) => reported.has(norm(v)));
  const brokenTruth = truth.filter((u) => u.broken);
  const brokenSet = new Set(truth.filter((u) => u.broken).flatMap((u) => [norm(u.url), ...(u.via ?? []).map(norm)]));
  const okSet = new Set(truth.filter((u) => !u.broken).map((u) => norm(u.url)));
  const falseBroken = [...reported].filter(([u, broken]) => broken && !brokenSet.has(u)).map(([u]) => u);
  return {
    recallSameSite: sameSite.filter(found).length / sameSite.length,
    recallBroken: brokenTruth.filter((u) => reported.get(norm(u.url)) === true || (u.via ?? []).some((v) => reported.get(norm(v)) === true)).length / brokenTruth.length,
    falseBroken: falseBroken.length,
    falseBrokenOnOkLinks: falseBroken.filter((u) => okSet.has(u)).length,
    falseBrokenExamples: falseBroken.slice(0, 5),
  };
}

async function main() {
  const site = makeSite(join(tmpdir(), 'oit-bench-site'));
  const manifest = JSON.parse(readFileSync(join(site, 'manifest.json'), 'utf8')) as Manifest;
  const server = await startServer(site, 8790);
  const start = `${server.origin}/`;
  const work = mkdtempSync(join(tmpdir(), 'oit-bench-'));
  const rows: Array<{ tool: string; t: Timed; server: any; s: ReturnType<typeof score>; extra: string }> = [];
  try {
    // Ours: the whole crawl including document text, concurrency 16, nothing excluded (the trap is detected).
    await server.reset();
    const out = join(work, 'ours');
    const t = timed([process.execPath, ...CLI_NODE_FLAGS, join(ROOT, 'dist', 'cli.js'), 'crawl', start, '--out', out, '--concurrency', '16', '--per-host', '16', '--max-pages', '100000', '--max-depth', '100', '--quiet'], ROOT);
    const ourStats = await server.stats();
    const a = JSON.parse(readFileSync(join(out, 'artifacts.json'), 'utf8'));
    const ours = new Map<string, boolean>();
    for (const l of a.links) if (l.state !== 'skipped') ours.set(key(l.url, server.origin), l.state === 'broken');
    const withText = a.documents.filter((d: any) => d.text.length > 0).length;
    // Parsing runs in a child process: /usr/bin/time reports the largest single process, so the whole tree is counted
    // as the crawl process's peak plus its parse child's peak (both read from the OS by the crawl itself).
    const tree = (a.stats?.memory?.crawlMb ?? 0) + (a.stats?.memory?.parserMb ?? 0);
    const split = `peak RSS = crawl ${a.stats?.memory?.crawlMb} MB + parse child ${a.stats?.memory?.parserMb} MB`;
    t.peakRssMb = Math.max(t.peakRssMb, tree);
    rows.push({ tool: 'oit-crawler', t, server: ourStats, s: score(manifest, server.origin, ours), extra: `${split}; ${a.pages.length} pages, ${a.documents.length} documents (${withText} with text), trap cut: ${a.errors.filter((e: any) => e.code === 'trap').length}; at most ${a.stats?.peakInFlight ?? '?'} requests open at once, counted where they are sent (the server's count closes a response a little after the client is done with it)` });

    // linkinator 7.6.1 as peers.sh runs it (it cannot detect the trap, so the calendar is skipped for it).
    await server.reset();
    const lk = join(ROOT, 'node_modules', 'linkinator', 'build', 'src', 'cli.js');
    const lkOut = join(work, 'linkinator.json');
    const lt = timed(['bash', '-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(lk)} ${start} --recurse --format json --concurrency 16 --skip calendar > ${JSON.stringify(lkOut)} 2>/dev/null`], work);
    const lkStats = await server.stats();
    const lj = JSON.parse(readFileSync(lkOut, 'utf8') || '{"links":[]}');
    const theirs = new Map<string, boolean>();
    for (const l of lj.links) if (l.state !== 'SKIPPED') theirs.set(key(l.url, server.origin), l.state === 'BROKEN');
    rows.push({ tool: `linkinator ${JSON.parse(readFileSync(join(ROOT, 'node_modules', 'linkinator', 'package.json'), 'utf8')).version}`, t: lt, server: lkStats, s: score(manifest, server.origin, theirs), extra: 'links only: no document text' });
  } finally {
    server.proc.kill();
  }

  // Memory as the site grows: the same crawl on a site twice as large (40 agencies), ours only.
  const big = makeSite(join(tmpdir(), 'oit-bench-site-40'), 40);
  const bigServer = await startServer(big, 8792);
  let growth: string;
  try {
    const t40 = timed([process.execPath, ...CLI_NODE_FLAGS, join(ROOT, 'dist', 'cli.js'), 'crawl', `${bigServer.origin}/`, '--out', join(work, 'ours-40'), '--concurrency', '16', '--per-host', '16', '--max-pages', '100000', '--max-depth', '100', '--quiet'], ROOT);
    const s40 = await bigServer.stats();
    const a40 = JSON.parse(readFileSync(join(work, 'ours-40', 'artifacts.json'), 'utf8'));
    t40.peakRssMb = Math.max(t40.peakRssMb, (a40.stats?.memory?.crawlMb ?? 0) + (a40.stats?.memory?.parserMb ?? 0));
    growth = `memory as the site grows: 20 agencies ${rows[0]!.t.peakRssMb.toFixed(0)} MB (${rows[0]!.server.requests} requests) → 40 agencies ${t40.peakRssMb.toFixed(0)} MB (${s40.requests} requests, ${t40.wallS.toFixed(1)} s)`;
  } finally {
    bigServer.proc.kill();
  }

  const latencyBound = (rows[0]!.server.requests * 0.03) / 16;
  // The site's slow endpoints answer after 3 s (serve.mjs --slow-ms default): a client that keeps to 16 open requests
  // holds a slot that long for each of them, so they belong in the bound too.
  const routes = JSON.parse(readFileSync(join(site, 'routes.json'), 'utf8')) as { routes: Record<string, { type: string }> };
  const slow = Object.values(routes.routes).filter((r) => r.type === 'slow').length;
  const slotBound = ((rows[0]!.server.requests - slow) * 0.03 + slow * 3.03) / 16;
  const lines = [
    `site: ${BENCH} default (20 agencies), 30 ms latency, concurrency 16, ${new Date().toISOString()}, node ${process.version}`,
    '',
    '| tool | wall s | CPU s | peak RSS MB | requests | peak in-flight | pages/s | URLs/s | recall same-site | recall broken | false broken | notes |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const urls = r.tool === 'oit-crawler' ? r.server.distinctUrls : r.server.distinctUrls;
      return `| ${r.tool} | ${r.t.wallS.toFixed(1)} | ${r.t.cpuS.toFixed(1)} | ${r.t.peakRssMb.toFixed(0)} | ${r.server.requests} | ${r.server.inflightPeak} | ${(r.server.htmlGets / r.t.wallS).toFixed(0)} | ${(urls / r.t.wallS).toFixed(0)} | ${(r.s.recallSameSite * 100).toFixed(1)}% | ${(r.s.recallBroken * 100).toFixed(1)}% | ${r.s.falseBroken} | ${r.extra} |`;
    }),
    '',
    `speed: linkinator wall / oit-crawler wall = ${(rows[1]!.t.wallS / rows[0]!.t.wallS).toFixed(2)}x; latency bound for our ${rows[0]!.server.requests} requests at 16 in flight ≈ ${latencyBound.toFixed(1)} s (ours is ${((rows[0]!.t.wallS / latencyBound - 1) * 100).toFixed(0)}% above it)`,
    `speed with the ${slow} slow (3 s) pages in the bound: ≈ ${slotBound.toFixed(1)} s at 16 open requests (ours is ${((rows[0]!.t.wallS / slotBound - 1) * 100).toFixed(0)}% above it); linkinator had up to ${rows[1]!.server.inflightPeak} open at once`,
    `memory: oit-crawler peak RSS / linkinator peak RSS = ${(rows[0]!.t.peakRssMb / rows[1]!.t.peakRssMb).toFixed(2)}`,
    growth,
    rows[0]!.s.falseBrokenExamples.length ? `our false-broken examples: ${rows[0]!.s.falseBrokenExamples.join(' ')}` : 'our false broken: none',
  ];
  console.log(lines.join('\n'));
  writeFileSync(join(work, 'bench.md'), `${lines.join('\n')}\n`);
  console.log(`\n(written to ${join(work, 'bench.md')})`);
  spawnSync('true');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
