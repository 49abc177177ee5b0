// `npm run eval`: the judge against truth written by people. Every labelled fixture site (test/fixtures/sites/<case>:
// site.json + labels.json) is audited through runAudit and compared item by item with its labels; every HTML page of
// ../shared/realworld is audited as a start page and must not crash. Nothing here reads the rules under test.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runAudit } from 'oit-crawler/audit';
import { serveDirectory, serveSite } from 'oit-crawler/demo/serve';
import { ROOT, SHARED } from './shared.js';

type Verdict = 'pass' | 'fail' | 'review';
const VERDICTS: Verdict[] = ['pass', 'fail', 'review'];
type Got = Verdict | 'error' | 'missing';

interface Label {
  id: string;
  expected: Verdict;
  defect?: string;
  reason: string;
}

interface Row {
  site: string;
  framework: string;
  id: string;
  expected: Verdict;
  got: Got;
  why: string;
  ours: string;
}

const SITES = join(ROOT, 'test', 'fixtures', 'sites');
const FAST = { recheckDelayMs: 100, maxMinutes: 10 };

async function evalSite(caseDir: string): Promise<{ rows: Row[]; note: string }> {
  const name = relative(SITES, caseDir);
  const labels = JSON.parse(readFileSync(join(caseDir, 'labels.json'), 'utf8')) as { framework: string; items: Label[] };
  const served = await serveSite(caseDir);
  try {
    const out = mkdtempSync(join(tmpdir(), `oit-eval-${name}-`));
    const c = served.config;
    const outcome = await runAudit({ url: served.url.replace(/\/$/, c.start), out, rules: c.framework, asOf: c.asOf, agency: c.agency, crawl: FAST, formats: [] });
    if (outcome.state === 'unreachable' || outcome.state === 'interrupted') return { rows: [], note: `${name}: ${outcome.state}` };
    const byId = new Map(outcome.result.items.map((i) => [i.id, i]));
    const rows = labels.items.map((l): Row => {
      const item = byId.get(l.id);
      const kinds = [...new Set(item?.defects.map((d) => d.kind) ?? [])];
      const checks = item?.checks.filter((k) => k.status !== 'pass').map((k) => `${k.check}:${k.status}${k.note ? ` (${k.note})` : ''}`) ?? [];
      return { site: name, framework: labels.framework, id: l.id, expected: l.expected, got: item ? (item.outcome as Got) : 'missing', why: `${l.defect ? `[${l.defect}] ` : ''}${l.reason}`, ours: [kinds.join(','), ...checks].filter(Boolean).join('; ') };
    });
    return { rows, note: `${name}: ${outcome.state}, ${outcome.result.items.length} items judged` };
  } finally {
    await served.close();
  }
}

function matrix(rows: Row[]): string[] {
  const cols: Got[] = ['pass', 'fail', 'review', 'error', 'missing'];
  const lines = [`| expected \\ ours | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`];
  for (const e of VERDICTS) lines.push(`| ${e} | ${cols.map((g) => rows.filter((r) => r.expected === e && r.got === g).length).join(' | ')} |`);
  const agree = rows.filter((r) => r.expected === r.got).length;
  const falsePass = rows.filter((r) => r.got === 'pass' && r.expected !== 'pass').length;
  lines.push('', `agreement ${agree}/${rows.length} = ${pct(agree, rows.length)}; false passes ${falsePass}/${rows.length} = ${pct(falsePass, rows.length)}`);
  return lines;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

async function evalLabelledSites(): Promise<string[]> {
  if (!existsSync(SITES)) return ['## labelled sites: none found'];
  const cases = readdirSync(SITES)
    .map((d) => join(SITES, d))
    .filter((d) => existsSync(join(d, 'site.json')) && existsSync(join(d, 'labels.json')));
  const all: Row[] = [];
  const out: string[] = [];
  for (const c of cases) {
    const { rows, note } = await evalSite(c);
    all.push(...rows);
    out.push(`## ${note}`, '', ...matrix(rows), '');
    const wrong = rows.filter((r) => r.expected !== r.got);
    for (const r of wrong) out.push(`- ${r.id}: expected ${r.expected}, ours ${r.got} — label: ${r.why} — ours: ${r.ours || '(no defect)'}`);
    out.push('');
  }
  for (const fw of [...new Set(all.map((r) => r.framework))]) out.push(`## framework ${fw} (all labelled sites)`, '', ...matrix(all.filter((r) => r.framework === fw)), '');
  return out;
}

async function evalRealworld(): Promise<string[]> {
  const root = join(SHARED, 'realworld');
  if (!existsSync(root)) return [`## realworld: skipped — ${root} not found (set OIT_SHARED to point at ../shared)`];
  const served = await serveDirectory(root);
  const out = ['## ../shared/realworld: every HTML page audited as a start page through runAudit (ita-2566, as of 2023-05-15)', ''];
  let crashes = 0;
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  try {
    for (const file of walk(root).filter((f) => /\.html?$/i.test(f))) {
      const path = relative(root, file).split('/').map(encodeURIComponent).join('/');
      try {
        const o = await runAudit({ url: served.url + path, out: mkdtempSync(join(tmpdir(), 'oit-eval-rw-')), rules: 'ita-2566', asOf: '2023-05-15', crawl: { maxPages: 60, recheckDelayMs: 100, sitemaps: false }, formats: [] });
        if (o.state === 'unreachable' || o.state === 'interrupted') {
          out.push(`- ${relative(root, file)}: ${o.state}`);
          continue;
        }
        const count = (x: string) => o.result.items.filter((i) => i.outcome === x).length;
        out.push(`- ${relative(root, file)}: ${o.state}; pass ${count('pass')} / fail ${count('fail')} / review ${count('review')} / error ${count('error')}`);
      } catch (err) {
        crashes++;
        out.push(`- ${relative(root, file)}: CRASH ${(err as Error).stack}`);
      }
    }
  } finally {
    await served.close();
  }
  out.push('', `crashes: ${crashes}`);
  return out;
}

async function main() {
  const lines = [...(await evalLabelledSites()), ...(await evalRealworld())];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
