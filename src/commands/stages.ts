// `oit crawl`, `oit judge`, `oit audit`: the stages on the command line, writing their files into --out.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { crawlSite, DEFAULT_CRAWL_OPTIONS, type CrawlOptions } from '../collect/crawl.js';
import { takeScreenshots } from '../collect/screenshots.js';
import { SPOOL_FILES } from '../collect/sink.js';
import { judge } from '../judge/judge.js';
import type { Artifacts } from '../model/artifacts.js';
import type { Result } from '../model/result.js';
import { defaultFramework, resolveRuleSet } from '../rules/load.js';
import { tr, type Lang } from '../lang.js';
import { CrawlFailedError, EXIT, UsageError } from './errors.js';
import { readArtifacts, readResult, writeArtifacts, writeJson } from './files.js';
import { parseFormats, writeReports } from './reports.js';
import { crawlOptionsFrom, parseCommonOptions, todayBangkok } from './options.js';
import { progressPrinter } from './progress.js';
import { summaryText } from '../render/summary-md.js';
import type { CommandFn } from './index.js';

type Values = Record<string, string | boolean | undefined>;

function outDir(values: Values, url: string, asOf: string): string {
  if (typeof values.out === 'string') return values.out;
  let host = 'site';
  try {
    host = new URL(url).host.replace(/[:]/g, '_');
  } catch {
    /* the crawl reports the bad URL */
  }
  return join('reports', host, asOf);
}

/** Crawl into `out` (pages spooled to disk as they come), write artifacts.json, and return its path and counts. */
export async function runCrawl(url: string, out: string, options: Partial<CrawlOptions>, lang: Lang, quiet = false, verbose = false): Promise<{ file: string; header: Artifacts }> {
  mkdirSync(out, { recursive: true });
  const log = pino({ level: verbose ? 'debug' : 'info', base: undefined }, pino.destination({ dest: join(out, 'crawl.log.jsonl'), sync: false }));
  const progress = quiet ? { update: () => undefined, done: () => undefined } : progressPrinter(lang);
  const controller = new AbortController();
  // SIGTERM/SIGINT stop the crawl; what was collected is still written.
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const header = await crawlSite(url, options, { log, onProgress: progress.update, signal: controller.signal, spoolDir: out });
    progress.done();
    const file = writeArtifacts(out, header, { pages: join(out, SPOOL_FILES.pages), documents: join(out, SPOOL_FILES.documents) });
    return { file, header };
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    log.flush();
  }
}

async function judgeAndWrite(artifacts: Artifacts, values: Values, out: string, lang: Lang, agency?: string): Promise<Result> {
  const common = parseCommonOptions(values);
  const rs = resolveRuleSet(typeof values.rules === 'string' ? values.rules : defaultFramework());
  const asOf = common['as-of'] ?? todayBangkok();
  const result = judge(artifacts, rs, { asOf, ...(common['fiscal-year'] ? { fiscalYear: common['fiscal-year'] } : {}), ...(agency ? { agency } : {}) });
  writeJson(out, 'result.json', result);
  const previous = typeof values.previous === 'string' ? readResult(values.previous) : undefined;
  const shots = values.screenshots ? await takeScreenshots(result, out, { timeoutMs: 20_000, userAgent: DEFAULT_CRAWL_OPTIONS.userAgent }) : undefined;
  await writeReports(result, out, parseFormats(typeof values.format === 'string' ? values.format : undefined), lang, previous, shots);
  return result;
}

function exitFor(result: Result): number {
  return result.score.pass ? EXIT.ok : EXIT.notReady;
}

export const crawlCommand: CommandFn = async (pos, values, lang) => {
  const [url] = pos;
  if (!url) throw new UsageError('usage: oit crawl <url> --out <dir>');
  const out = outDir(values, url, todayBangkok());
  const { file, header: a } = await runCrawl(url, out, crawlOptionsFrom(values), lang, Boolean(values.quiet), Boolean(values.verbose));
  process.stdout.write(`${tr(lang, 'บันทึก', 'wrote')} ${file}: ${a.stats?.pages ?? 0} ${tr(lang, 'หน้า', 'pages')}, ${a.stats?.documents ?? 0} ${tr(lang, 'ไฟล์', 'files')}, ${a.links.length} ${tr(lang, 'ลิงก์', 'links')}\n`);
  if (!a.stats?.pages) throw new CrawlFailedError(`${url}: ${a.errors[0]?.message ?? 'no page could be read'}`);
  return EXIT.ok;
};

export const judgeCommand: CommandFn = async (pos, values, lang) => {
  const [file] = pos;
  if (!file) throw new UsageError('usage: oit judge <artifacts.json> --rules <framework> --out <dir>');
  const artifacts = readArtifacts(file);
  const out = typeof values.out === 'string' ? values.out : '.';
  const result = await judgeAndWrite(artifacts, values, out, lang);
  process.stdout.write(summaryText(result, lang));
  return exitFor(result);
};

export async function audit(url: string, values: Values, lang: Lang, agency?: string): Promise<{ result: Result; out: string }> {
  const common = parseCommonOptions(values);
  // Validate the framework before spending minutes on a crawl.
  resolveRuleSet(typeof values.rules === 'string' ? values.rules : defaultFramework());
  const out = outDir(values, url, common['as-of'] ?? todayBangkok());
  const { file, header } = await runCrawl(url, out, crawlOptionsFrom(values), lang, Boolean(values.quiet), Boolean(values.verbose));
  if (!header.stats?.pages) throw new CrawlFailedError(`${url}: ${header.errors[0]?.message ?? 'no page could be read'} (${file})`);
  // Judge what was written: the same artifacts.json a later `oit judge` would read.
  return { result: await judgeAndWrite(readArtifacts(file), values, out, lang, agency), out };
}

export const auditCommand: CommandFn = async (pos, values, lang) => {
  const [url] = pos;
  if (!url) throw new UsageError('usage: oit audit <url> [--rules ita-2566] [--as-of YYYY-MM-DD] [--out dir]');
  const { result, out } = await audit(url, values, lang);
  process.stdout.write(summaryText(result, lang));
  process.stdout.write(`\n${tr(lang, 'ไฟล์ผลลัพธ์', 'Output')}: ${out}/ (report.html, itas.csv, itas.xlsx, summary.md, junit.xml, result.json, artifacts.json)\n`);
  return exitFor(result);
};
