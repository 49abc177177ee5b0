// `oit crawl`, `oit judge`, `oit audit`: the stages on the command line; `audit` is runAudit with files and exit codes.
import { join } from 'node:path';
import { checkStartUrl, collectSite, judgeAndReport, runAudit, type AuditInput, type AuditOutcome } from '../audit.js';
import type { Result } from '../model/result.js';
import { frameworkForDate, resolveRuleSet } from '../rules/load.js';
import { tr, type Lang } from '../lang.js';
import { say } from '../text/say.js';
import { CrawlFailedError, EXIT, UsageError } from './errors.js';
import { readArtifacts, readResult } from './files.js';
import { parseFormats } from './reports.js';
import { crawlOptionsFrom, todayBangkok, type AnyValues } from './options.js';
import { progressPrinter } from './progress.js';
import { summaryText } from '../render/summary-md.js';
import type { CommandFn } from './index.js';

function outDir(values: AnyValues, url: string, asOf: string): string {
  if (values.out) return values.out;
  let host = 'site';
  try {
    host = new URL(url).host.replace(/[:]/g, '_');
  } catch {
    /* runAudit reports the bad URL */
  }
  return join('reports', host, asOf);
}

/** SIGINT/SIGTERM stop the crawl; what was collected is still written. */
async function withStopSignal<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

const readIfGiven = (file: string | undefined): Result | undefined => (file ? readResult(file) : undefined);

const exitFor = (result: Result) => (result.score.pass ? EXIT.ok : EXIT.notReady);

export const crawlCommand: CommandFn = async (pos, values, lang) => {
  const [url] = pos;
  if (!url) throw new UsageError('usage: oit crawl <url> --out <dir>');
  const out = outDir(values, url, todayBangkok());
  const progress = values.quiet ? undefined : progressPrinter(lang);
  const { file, artifacts: a } = await withStopSignal((signal) => collectSite(url, out, crawlOptionsFrom(values), { signal, ...(values.verbose ? { verbose: true } : {}), ...(progress ? { onProgress: progress.update } : {}) }));
  progress?.done();
  process.stdout.write(`${tr(lang, 'บันทึก', 'wrote')} ${file}: ${a.stats?.pages ?? 0} ${tr(lang, 'หน้า', 'pages')}, ${a.stats?.documents ?? 0} ${tr(lang, 'ไฟล์', 'files')}, ${a.links.length} ${tr(lang, 'ลิงก์', 'links')}\n`);
  if (a.stats?.budgetHit && a.stats.budgetHit !== 'aborted') {
    const notFollowed = a.links.filter((l) => l.sameSite && l.reason === 'budget').length;
    process.stderr.write(`${say(lang, { code: 'budget-hit', data: { limit: a.stats.budgetHit, pages: a.stats.pages, notFollowed } })}\n`);
  }
  if (!a.stats?.pages && !a.stats?.documents) throw new CrawlFailedError(`${url}: ${a.errors[0]?.message ?? 'no page could be read'}`);
  return EXIT.ok;
};

export const judgeCommand: CommandFn = async (pos, values, lang) => {
  const [file] = pos;
  if (!file) throw new UsageError('usage: oit judge <artifacts.json> --rules <framework> --out <dir>');
  const artifacts = readArtifacts(file);
  const input = judgeInput(values, values.out ?? '.', lang);
  announceFramework(values, input.rules, input.asOf, lang);
  const result = await judgeAndReport(artifacts, input);
  process.stdout.write(summaryText(result, lang, { banner: false, format: 'text' }));
  return exitFor(result);
};

/**
 * The one line the CLI says about the framework before it works: which one the date chose (no --rules), and that it
 * is provisional when it is (its banner). Reports carry the banner themselves.
 */
function announceFramework(values: AnyValues, rules: string, asOf: string, lang: Lang): void {
  const rs = resolveRuleSet(rules);
  const dated = values.rules ? undefined : frameworkForDate(asOf);
  if (!dated && !rs.framework.provisional) return;
  const parts = [
    ...(dated ? [say(lang, { code: 'framework-chosen', data: { framework: dated.id, year: dated.year, asOf, exact: dated.exact } })] : []),
    ...(rs.framework.provisional ? [say(lang, { code: 'framework-provisional', data: { framework: rs.id, ...(rs.framework.banner ? { banner: rs.framework.banner } : {}) } })] : []),
  ];
  process.stderr.write(`${parts.join(' — ')}\n`);
}

function judgeInput(values: AnyValues, out: string, lang: Lang): Omit<AuditInput, 'url'> & { rules: string; asOf: string } {
  const previous = readIfGiven(values.previous);
  const asOf = values['as-of'] ?? todayBangkok();
  return {
    out,
    // With no --rules: the framework of the assessment the date prepares for (October N−1 onwards: ITA N).
    rules: values.rules ?? frameworkForDate(asOf).id,
    asOf,
    ...(values['fiscal-year'] ? { fiscalYear: values['fiscal-year'] } : {}),
    formats: parseFormats(values.format),
    lang,
    ...(previous ? { previous } : {}),
    ...(values.screenshots ? { screenshots: true } : {}),
  };
}

/** runAudit with the command line's flags, a progress line, and a stop on SIGINT/SIGTERM. */
export async function audit(url: string, values: AnyValues, lang: Lang, agency?: string): Promise<AuditOutcome> {
  const asOf = values['as-of'] ?? todayBangkok();
  const input: AuditInput = { ...judgeInput(values, outDir(values, url, asOf), lang), url, crawl: crawlOptionsFrom(values), ...(agency ? { agency } : {}) };
  checkStartUrl(url);
  announceFramework(values, input.rules, asOf, lang);
  const progress = values.quiet ? undefined : progressPrinter(lang);
  try {
    return await withStopSignal((signal) => runAudit(input, { signal, ...(values.verbose ? { verbose: true } : {}), ...(progress ? { onProgress: progress.update } : {}) }));
  } finally {
    progress?.done();
  }
}

/** What the CLI prints and which exit code it returns for an outcome. */
export function reportOutcome(o: AuditOutcome, lang: Lang): number {
  if (o.state === 'unreachable') throw new CrawlFailedError(`${say(lang, o.reason)} (${o.artifactsFile})`);
  if (o.state === 'interrupted') {
    process.stderr.write(`${say(lang, { code: 'audit-interrupted', data: { file: o.artifactsFile } })}\n`);
    return EXIT.interrupted;
  }
  if (o.state === 'budget-hit') process.stderr.write(`${say(lang, { code: 'budget-hit', data: { ...o.budget } })}\n`);
  process.stdout.write(summaryText(o.result, lang, { banner: false, format: 'text' }));
  process.stdout.write(`\n${tr(lang, 'ไฟล์ผลลัพธ์', 'Output')}: ${o.out}/ (report.html, itas.csv, itas.xlsx, summary.md, summary.txt, junit.xml, result.json, artifacts.json)\n`);
  return exitFor(o.result);
}

export const auditCommand: CommandFn = async (pos, values, lang) => {
  const [url] = pos;
  if (!url) throw new UsageError('usage: oit audit <url> [--rules ita-2566] [--as-of YYYY-MM-DD] [--out dir]');
  return reportOutcome(await audit(url, values, lang), lang);
};
