// `npm run eval`: the judge against truth written by people. Every labelled fixture site (test/fixtures/sites/<case>:
// site.json + labels.json) is audited through runAudit and compared item by item with its labels; so is every labelled
// real start page of ../shared/realworld (bench/realworld-labels.json, written from its LABELS.md and the domain file);
// and every HTML page of ../shared/realworld is audited as a start page and must not crash. Nothing here reads the rules
// under test.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runAudit } from 'oit-crawler/audit';
import type { Result } from 'oit-crawler/model/result';
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
    const rows = compare(name, labels.framework, labels.items, outcome.result.items);
    return { rows, note: `${name}: ${outcome.state}, ${outcome.result.items.length} items judged` };
  } finally {
    await served.close();
  }
}

type JudgedItem = Result['items'][number];

/** One row per labelled item: our outcome, the label's defect and reason, and our defects and non-passing checks. */
function compare(site: string, framework: string, labels: Label[], items: JudgedItem[]): Row[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return labels.map((l): Row => {
    const item = byId.get(l.id);
    const kinds = [...new Set(item?.defects.map((d) => d.kind) ?? [])];
    const checks = item?.checks.filter((k) => k.status !== 'pass').map((k) => `${k.check}:${k.status}${k.note ? ` (${noteText(k.note)})` : ''}`) ?? [];
    return { site, framework, id: l.id, expected: l.expected, got: item ? (item.outcome as Got) : 'missing', why: `${l.defect ? `[${l.defect}] ` : ''}${l.reason}`, ours: [kinds.join(','), ...checks].filter(Boolean).join('; ') };
  });
}

/** A check's note is a {code, data} notice: its code and data, short. */
function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  const n = note as { code?: string; data?: unknown };
  const data = n.data === undefined ? '' : ` ${JSON.stringify(n.data)}`;
  return `${n.code ?? '?'}${data.length > 160 ? `${data.slice(0, 157)}…` : data}`;
}

function disagreements(rows: Row[]): string[] {
  return rows.filter((r) => r.expected !== r.got).map((r) => `- ${r.id}: expected ${r.expected}, ours ${r.got} — label: ${r.why} — ours: ${r.ours || '(no defect)'}`);
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
    out.push(`## ${note}`, '', ...matrix(rows), '', ...disagreements(rows), '');
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

interface RealEntry {
  /** `<source folder>/<path>` under ../shared/realworld; the source folder is served as the site root. */
  start: string;
  agency: string;
  framework: string;
  asOf: string;
  items: Label[];
  leftOut: { count: number };
}

const REAL_LABELS = join(ROOT, 'bench', 'realworld-labels.json');

/** Each labelled real start page, audited with its entry's framework and date, compared with the labelled items only. */
async function evalRealPages(): Promise<string[]> {
  const root = join(SHARED, 'realworld');
  if (!existsSync(root)) return [`## real pages: skipped — ${root} not found (set OIT_SHARED to point at ../shared)`];
  const labels = JSON.parse(readFileSync(REAL_LABELS, 'utf8')) as { entries: RealEntry[] };
  const entries = labels.entries.filter((e) => e.items.length);
  const skipped = labels.entries.length - entries.length;
  const leftOut = labels.entries.reduce((n, e) => n + e.leftOut.count, 0);
  const out = [`## real pages (bench/realworld-labels.json): ${entries.length} labelled start pages, ${entries.reduce((n, e) => n + e.items.length, 0)} labelled items, ${leftOut} items left out as unknowable, ${skipped} pages with nothing to label`, ''];
  const all: Row[] = [];
  for (const e of entries) {
    const [source = '', ...rest] = e.start.split('/');
    const site = join(root, source);
    const name = `real ${e.start} (${e.framework}, as of ${e.asOf})`;
    if (!existsSync(join(site, ...rest))) {
      out.push(`## ${name}: start page not found in ${root}`, '');
      continue;
    }
    const served = await serveDirectory(site);
    let rows: Row[];
    let note: string;
    try {
      const o = await runAudit({ url: served.url + rest.map(encodeURIComponent).join('/'), out: mkdtempSync(join(tmpdir(), 'oit-eval-real-')), rules: e.framework, asOf: e.asOf, agency: e.agency, crawl: { ...FAST, sitemaps: false }, formats: [] });
      if (o.state === 'unreachable' || o.state === 'interrupted') {
        rows = e.items.map((l) => ({ site: e.start, framework: e.framework, id: l.id, expected: l.expected, got: 'missing', why: `${l.defect ? `[${l.defect}] ` : ''}${l.reason}`, ours: o.state }));
        note = `${name}: ${o.state}`;
      } else {
        rows = compare(e.start, e.framework, e.items, o.result.items);
        note = `${name}: ${o.state}, ${o.result.items.length} items judged, ${e.items.length} labelled`;
      }
    } catch (err) {
      rows = e.items.map((l) => ({ site: e.start, framework: e.framework, id: l.id, expected: l.expected, got: 'error', why: l.reason, ours: `CRASH ${(err as Error).message}` }));
      note = `${name}: CRASH ${(err as Error).stack}`;
    } finally {
      await served.close();
    }
    all.push(...rows);
    out.push(`## ${note}`, '', ...matrix(rows), '', ...disagreements(rows), '');
  }
  for (const fw of [...new Set(all.map((r) => r.framework))]) out.push(`## framework ${fw} (all labelled real pages)`, '', ...matrix(all.filter((r) => r.framework === fw)), '');
  out.push('## all labelled real pages', '', ...matrix(all), '');
  return out;
}

async function main() {
  const lines = [...(await evalLabelledSites()), ...(await evalRealPages()), ...(await evalRealworld())];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
