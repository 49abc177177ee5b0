// `npm run eval`: audits ../shared/bench's site against its manifest, and every page of ../shared/realworld.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crawlSite } from '../collect/crawl.js';
import { serveDirectory } from '../demo/serve.js';
import { judge } from '../judge/judge.js';
import type { Artifacts } from '../model/artifacts.js';
import type { Result } from '../model/result.js';
import { resolveRuleSet } from '../rules/load.js';
import { CHECKS } from '../checks/registry.js';
import type { CheckContext } from '../checks/types.js';
import { indexArtifacts } from '../judge/artifact-index.js';
import { chooseIndexPages, findIndexPages } from '../judge/index-pages.js';
import { locateEvidence } from '../judge/locate.js';
import type { Item } from '../model/rule-set.js';
import { enterSandbox, makeSite, requireShared, SHARED, startServer } from './shared.js';

requireShared('npm run eval');
enterSandbox(fileURLToPath(import.meta.url));

interface Manifest {
  agencies: Array<{ id: string; name: string; home: string; ita: Array<{ code: string; status: string; year: number; url: string | null }> }>;
  urls: Array<{ url: string; external: boolean; type: string; broken: boolean; agency: string | null; via?: string[] }>;
  egp: Array<{ agency: string; url: string; number: string; valid: boolean; normalized: string }>;
}

/** One agency's share of a crawl of the multi-agency site: its pages, files and the links on them. */
function agencyArtifacts(a: Artifacts, prefix: string): Artifacts {
  const under = (u: string) => u.startsWith(a.site + prefix);
  const pages = a.pages.filter((p) => under(p.url));
  const onPages = new Set(pages.map((p) => p.url));
  return {
    ...a,
    startUrl: a.site + prefix,
    pages: pages.map((p) => (p.url === a.site + prefix ? { ...p, depth: 0 } : p)),
    documents: a.documents.filter((d) => under(d.url)),
    links: a.links.filter((l) => under(l.url) || l.foundOn.some((f) => onPages.has(f))),
  };
}

/** Whether the period check, with the fiscal-year rule, calls the item's located evidence out of period. */
function staleByFiscalYear(a: Artifacts, item: Item, home: string): boolean {
  const idx = indexArtifacts(a);
  const { chosen } = chooseIndexPages(findIndexPages(a.pages), 2567, [2566]);
  const located = locateEvidence(item, Number(item.id.slice(1)), chosen, idx);
  const ctx: CheckContext = { item, site: a.site + home, fiscalYear: 2567, asOf: '2024-05-15', agencyType: 'other', targets: located.targets };
  return CHECKS.period!.run(ctx, { rule: 'fiscal-year' }).status === 'fail';
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

async function evalBench(): Promise<string[]> {
  const site = makeSite(join(tmpdir(), 'oit-bench-site'));
  const m = JSON.parse(readFileSync(join(site, 'manifest.json'), 'utf8')) as Manifest;
  const server = await startServer(site, 8791);
  let artifacts: Artifacts;
  try {
    artifacts = await crawlSite(`${server.origin}/`, { concurrency: 16, perHost: 16, maxPages: 100_000, maxDepth: 100 });
  } finally {
    server.proc.kill();
  }
  const rs = resolveRuleSet('ita-2566');
  const rel = (u: string) => (u.startsWith(artifacts.site) ? u.slice(artifacts.site.length) : u);
  let pairs = 0;
  let agree = 0;
  const miss: string[] = [];
  const tally = { present: [0, 0], broken: [0, 0], stale: [0, 0], external: [0, 0] };
  const egpFound: Array<{ url: string; value: string }> = [];
  const results: Result[] = [];
  for (const ag of m.agencies) {
    const agArtifacts = agencyArtifacts(artifacts, ag.home);
    const r = judge(agArtifacts, rs, { asOf: '2024-05-15', agency: ag.name });
    results.push(r);
    for (const d of r.defects) if (d.kind === 'egp-invalid') egpFound.push({ url: rel(d.url ?? ''), value: String(d.data?.normalized ?? d.data?.value) });
    for (const truth of ag.ita) {
      const item = r.items.find((i) => i.id === truth.code);
      const rule = rs.items.find((i) => i.id === truth.code);
      if (!item || !rule) continue;
      pairs++;
      const checks: Array<[keyof typeof tally, boolean, boolean]> = [];
      const viaIndex = item.evidence.find((e) => e.via === 'index');
      checks.push(['present', truth.status !== 'missing', Boolean(viaIndex)]);
      if (truth.status !== 'missing') {
        const kinds = item.defects.map((d) => d.kind);
        checks.push(['external', truth.status === 'external', Boolean(viaIndex && !viaIndex.url.startsWith(artifacts.site))]);
        // The bench's external items point at .invalid hosts by construction: their link state says nothing.
        if (truth.status !== 'external') checks.push(['broken', truth.status === 'broken', kinds.includes('broken-link')]);
        // The bench's "stale" means dated the previous fiscal year for every item (its titles follow no real list),
        // so the period check runs with the fiscal-year rule on the item's located evidence, whatever our item's rule.
        if (truth.status === 'ok' || truth.status === 'stale') checks.push(['stale', truth.status === 'stale', staleByFiscalYear(agArtifacts, rule, ag.home)]);
      }
      let ok = true;
      for (const [k, want, got] of checks) {
        const t = tally[k] as number[];
        t[1]!++;
        if (want === got) t[0]!++;
        else {
          ok = false;
          if (miss.length < 8) miss.push(`${ag.id} ${truth.code} ${k}: truth ${want}, ours ${got} (${truth.status})`);
        }
      }
      if (ok) agree++;
    }
  }
  // Broken links: the manifest's, against what the audits report (each link once, site-wide).
  const brokenTruth = m.urls.filter((u) => u.broken && u.type !== 'trap-entry');
  const ourBroken = new Set(results.flatMap((r) => r.links.broken.map((b) => rel(b.url))));
  const truthBrokenKeys = new Set(brokenTruth.flatMap((u) => [u.url, ...(u.via ?? [])]));
  const brokenHit = brokenTruth.filter((u) => ourBroken.has(u.url) || (u.via ?? []).some((v) => ourBroken.has(v))).length;
  const brokenFalse = [...ourBroken].filter((u) => !truthBrokenKeys.has(u));
  // e-GP: every malformed number the manifest lists, and nothing else.
  const bad = m.egp.filter((e) => !e.valid);
  const key = (url: string, v: string) => `${decodeURI(url)}|${v}`;
  const ours = new Set(egpFound.map((e) => key(e.url, e.value)));
  const truthBad = new Set(bad.map((e) => key(e.url, e.normalized)));
  const egpHit = bad.filter((e) => ours.has(key(e.url, e.normalized))).length;
  const egpFalse = [...ours].filter((k) => !truthBad.has(k));
  return [
    `## bench site (${m.agencies.length} agencies, ita-2566 rules, as of 2024-05-15 = FY 2567)`,
    `item agreement: ${agree}/${pairs} = ${pct(agree, pairs)} (an item agrees when presence, link state, off-site hosting and fiscal year all match the manifest)`,
    `  presence ${pct(tally.present[0]!, tally.present[1]!)} · broken ${pct(tally.broken[0]!, tally.broken[1]!)} · external ${pct(tally.external[0]!, tally.external[1]!)} · stale ${pct(tally.stale[0]!, tally.stale[1]!)}`,
    ...miss.map((x) => `  disagreement: ${x}`),
    `broken links: ${brokenHit}/${brokenTruth.length} found (${pct(brokenHit, brokenTruth.length)}), false alarms ${brokenFalse.length}${brokenFalse.length ? `: ${brokenFalse.slice(0, 5).join(' ')}` : ''}`,
    `malformed e-GP numbers: ${egpHit}/${bad.length} found (${pct(egpHit, bad.length)}), false alarms ${egpFalse.length}${egpFalse.length ? `: ${egpFalse.slice(0, 5).join(' ')}` : ''}`,
  ];
}

async function evalRealworld(): Promise<string[]> {
  const root = join(SHARED, 'realworld');
  if (!existsSync(root)) return ['## realworld: skipped (not found)'];
  const { url, server } = await serveDirectory(root);
  const out = ['## ../shared/realworld: every HTML page audited as a start page (ita-2566, as of 2023-05-15)'];
  let crashes = 0;
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  try {
    for (const file of walk(root).filter((f) => /\.html?$/i.test(f))) {
      const path = relative(root, file).split('/').map(encodeURIComponent).join('/');
      try {
        const a = await crawlSite(url + path, { maxPages: 60, recheckDelayMs: 100, sitemaps: false });
        const r = judge(a, resolveRuleSet('ita-2566'), { asOf: '2023-05-15' });
        const count = (o: string) => r.items.filter((i) => i.outcome === o).length;
        const flags = [...new Set(a.pages.flatMap((p) => p.flags))];
        out.push(`- ${relative(root, file)}: ${a.pages.length} pages (${a.pages.filter((p) => /[\u0E01-\u0E5B]/.test(p.title + p.text)).length} with Thai text${flags.length ? `; flags ${flags.join(',')}` : ''}), ${a.documents.length} files (${a.documents.filter((d) => d.hasTextLayer === false).length} without text layer, ${a.documents.filter((d) => d.error).length} unreadable), items pass ${count('pass')} / fail ${count('fail')} / review ${count('review')} / error ${count('error')}${r.warnings.length ? `; ${r.warnings.map((w) => w.split(' / ')[1] ?? w).join('; ')}` : ''}`);
      } catch (err) {
        crashes++;
        out.push(`- ${relative(root, file)}: CRASH ${(err as Error).stack}`);
      }
    }
  } finally {
    server.close();
  }
  out.push(`crashes: ${crashes}`);
  return out;
}

async function main() {
  const lines = [...(await evalBench()), '', ...(await evalRealworld())];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
