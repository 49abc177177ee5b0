// The one pipeline from a URL to a judged result: crawl → judge (and score) → report files. The CLI (`audit`,
// `demo`), the scheduled worker and `npm run eval` all call runAudit; nothing else strings the stages together.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { crawlSite, DEFAULT_CRAWL_OPTIONS, type CrawlOptions, type CrawlProgress } from './collect/crawl.js';
import { SPOOL_FILES } from './collect/sink.js';
import type { HostSlots } from './collect/host-slots.js';
import { UsageError } from './commands/errors.js';
import { readArtifacts, writeArtifacts, writeJson } from './commands/files.js';
import { writeReports, type Format } from './commands/reports.js';
import { judge } from './judge/judge.js';
import type { Lang } from './lang.js';
import type { Artifacts } from './model/artifacts.js';
import type { Notice } from './model/notice.js';
import type { Result } from './model/result.js';
import { resolveRuleSet } from './rules/load.js';

export interface AuditInput {
  url: string;
  /** Folder for artifacts.json, result.json, the reports and the crawl log. */
  out: string;
  /** Framework id (`ita-2566`) or a rule folder. */
  rules: string;
  /** Assessment date YYYY-MM-DD: an input, never read from the clock here. */
  asOf: string;
  fiscalYear?: number;
  agency?: string;
  crawl?: Partial<CrawlOptions>;
  /** Reports to write besides result.json (none: only the JSON files). */
  formats?: Format[];
  lang?: Lang;
  previous?: Result;
  screenshots?: boolean;
  /** Judge the artifacts.json already in `out` instead of crawling again (a resumed scheduled run). */
  reuseArtifacts?: boolean;
}

export interface AuditDeps {
  log?: Logger;
  onProgress?: (p: CrawlProgress) => void;
  /** Stops the crawl; what was collected is saved and the outcome is `interrupted` (nothing judged). */
  signal?: AbortSignal;
  /** Called once artifacts.json is on disk (the scheduler records the stage, so a killed run resumes from there). */
  onCrawled?: (artifactsFile: string) => void;
  /** Log every request (debug level) in the crawl log. */
  verbose?: boolean;
  /** Per-host slots shared with other crawls (a fleet's Redis); by default the process's own. */
  hostSlots?: HostSlots;
  /** The crawler (tests inject a stand-in that throws or returns fixed artifacts). */
  crawl?: typeof crawlSite;
}

export interface CrawlBudget {
  /** Which limit stopped the crawl: pages, depth, documents or time. */
  limit: string;
  pages: number;
  /** Same-site links seen but not fetched because of it. */
  notFollowed: number;
}

interface Written {
  out: string;
  artifactsFile: string;
}

/**
 * What happened. `unreachable`: not one page or file could be read (DNS, refused, TLS, 5xx on the start page);
 * nothing is judged or scored, so an outage is never recorded as a score of 0. `budget-hit`: judged, but the crawl
 * stopped at a limit, so items not found may exist beyond it.
 */
export type AuditOutcome =
  | (Written & { state: 'audited'; result: Result })
  | (Written & { state: 'budget-hit'; result: Result; budget: CrawlBudget })
  | (Written & { state: 'unreachable'; reason: Notice })
  | (Written & { state: 'interrupted' });

/** A start URL must be an http(s) URL: anything else is the user's mistake, said before anything is written. */
export function checkStartUrl(url: string): void {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    /* below */
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
    throw new UsageError(`"${url}" is not a web address: give the agency's main page as http(s)://…, e.g. https://www.example.go.th/ (ต้องเป็นที่อยู่เว็บไซต์ที่ขึ้นต้นด้วย http:// หรือ https://)`);
}

/** The crawl stage alone (`oit crawl`, and the first step of runAudit): artifacts.json in `out`. */
export async function collectSite(url: string, out: string, crawl: Partial<CrawlOptions>, deps: AuditDeps = {}): Promise<{ file: string; artifacts: Artifacts }> {
  checkStartUrl(url);
  mkdirSync(out, { recursive: true });
  const ownLog = deps.log ? undefined : pino({ level: deps.verbose ? 'debug' : 'info', base: undefined }, pino.destination({ dest: join(out, 'crawl.log.jsonl'), sync: false }));
  try {
    const header = await (deps.crawl ?? crawlSite)(url, crawl, {
      ...((deps.log ?? ownLog) ? { log: (deps.log ?? ownLog)! } : {}),
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.hostSlots ? { hostSlots: deps.hostSlots } : {}),
      spoolDir: out,
    });
    const file = writeArtifacts(out, header, { pages: join(out, SPOOL_FILES.pages), documents: join(out, SPOOL_FILES.documents) });
    return { file, artifacts: header };
  } finally {
    ownLog?.flush();
  }
}

/** The judge stage alone (`oit judge`, and the rest of runAudit): result.json and the reports in `out`. */
export async function judgeAndReport(artifacts: Artifacts, input: Omit<AuditInput, 'url' | 'crawl' | 'reuseArtifacts'>): Promise<Result> {
  const rs = resolveRuleSet(input.rules);
  const result = judge(artifacts, rs, { asOf: input.asOf, ...(input.fiscalYear ? { fiscalYear: input.fiscalYear } : {}), ...(input.agency ? { agency: input.agency } : {}), ...(input.previous ? { previous: input.previous } : {}) });
  writeJson(input.out, 'result.json', result);
  let shots: Record<string, string> | undefined;
  if (input.screenshots) {
    const { takeScreenshots } = await import('./collect/screenshots.js');
    shots = await takeScreenshots(result, input.out, { timeoutMs: 20_000, userAgent: DEFAULT_CRAWL_OPTIONS.userAgent });
  }
  if (input.formats?.length) await writeReports(result, input.out, input.formats, input.lang ?? 'th', input.previous, shots);
  return result;
}

/** Why nothing could be read, from what the crawl saw of its start URL. */
function unreachableReason(a: Artifacts): Notice {
  const start = a.links.find((l) => l.url === a.startUrl);
  const first = a.errors.find((e) => e.url === a.startUrl) ?? a.errors[0];
  const status = start?.status ?? 0;
  const code = start?.error?.code ?? first?.code ?? (status ? 'http-status' : 'network');
  return { code: 'site-unreachable', data: { url: a.startUrl, status, error: code, detail: start?.error?.message ?? first?.message ?? '' } };
}

function budgetOf(a: Artifacts): CrawlBudget | undefined {
  const limit = a.stats?.budgetHit;
  if (!limit || limit === 'aborted') return undefined;
  return { limit, pages: a.stats?.pages ?? 0, notFollowed: a.links.filter((l) => l.sameSite && l.reason === 'budget').length };
}

/** crawl → judge → score → files. Throws only for bad input (unknown framework, a start URL that is not http(s)). */
export async function runAudit(input: AuditInput, deps: AuditDeps = {}): Promise<AuditOutcome> {
  // The framework and the URL are checked before minutes are spent crawling.
  resolveRuleSet(input.rules);
  if (!input.reuseArtifacts) checkStartUrl(input.url);
  const out = input.out;
  let artifactsFile = join(out, 'artifacts.json');
  let artifacts: Artifacts;
  if (input.reuseArtifacts && existsSync(artifactsFile)) artifacts = readArtifacts(artifactsFile);
  else {
    artifactsFile = (await collectSite(input.url, out, input.crawl ?? {}, deps)).file;
    // Judge what was written: the same artifacts.json a later `oit judge` reads.
    artifacts = readArtifacts(artifactsFile);
    // An interrupted crawl is saved but not reported as crawled: a resumed run crawls it again.
    if (!deps.signal?.aborted) deps.onCrawled?.(artifactsFile);
  }
  if (deps.signal?.aborted || artifacts.stats?.budgetHit === 'aborted') return { state: 'interrupted', out, artifactsFile };
  if (!artifacts.pages.length && !artifacts.documents.length) return { state: 'unreachable', out, artifactsFile, reason: unreachableReason(artifacts) };
  const result = await judgeAndReport(artifacts, input);
  const budget = budgetOf(artifacts);
  return budget ? { state: 'budget-hit', out, artifactsFile, result, budget } : { state: 'audited', out, artifactsFile, result };
}
