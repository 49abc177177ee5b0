// One scheduled run: runAudit for every agency, then recorded → alerted; each stage saved so a killed run resumes.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { runAudit } from '../audit.js';
import { readResult, writeFileAtomic } from '../commands/files.js';
import { renderIndexHtml, type IndexEntry } from '../render/index-html.js';
import { todayBangkok } from '../commands/options.js';
import { DEFAULT_FORMATS } from '../commands/reports.js';
import type { CrawlProgress } from '../collect/crawl-options.js';
import type { HostSlots } from '../collect/host-slots.js';
import type { Notice } from '../model/notice.js';
import type { Result } from '../model/result.js';
import { renderReportHtml } from '../render/report-html.js';
import { summaryText } from '../render/summary-md.js';
import { alertOutcomes, reviewAudit, reviewInputOf } from '../review/apply.js';
import { computeScore } from '../score.js';
import { frameworkForDate, resolveRuleSet } from '../rules/load.js';
import { say } from '../text/say.js';
import { dataDir, type Config } from './config.js';
import { buildDigest, digestText, unreachableDigest, type Digest } from './digest.js';
import { outgoing } from './send.js';
import type { RunStore } from './store-api.js';
import { WEB_TRIGGER } from './store.js';

export interface RunOptions {
  agency?: string;
  dryRun?: boolean;
  signal?: AbortSignal;
  log?: Logger;
  now?: () => Date;
  trigger?: string;
  /** Where --dry-run prints what it would send. */
  print?: (s: string) => void;
  /** The pipeline (tests inject one that throws for one agency). */
  audit?: typeof runAudit;
  /** Per-host slots shared with other crawls (the fleet's Redis); by default the process's own. */
  hostSlots?: HostSlots;
  /** The crawl's progress, per agency (the web app's "run now" shows it). */
  onProgress?: (agency: string, p: CrawlProgress) => void;
}

export interface RunSummary {
  runId: number;
  resumed: boolean;
  agencies: Array<{ id: string; stage: string; score: number | null; error?: string; alerts: string[] }>;
}

/** A claimed alert whose sender never confirmed it (killed mid-send) may be sent again after this long. */
const ALERT_LEASE_MS = 10 * 60_000;

const reportsDir = (config: Config) => join(dataDir(config), 'reports');

export async function runOnce(config: Config, store: RunStore, opts: RunOptions = {}): Promise<RunSummary> {
  const now = opts.now ?? (() => new Date());
  const agencies = config.agencies.filter((a) => !opts.agency || a.id === opts.agency);
  if (opts.agency && !agencies.length) throw new Error(`agency "${opts.agency}" is not in ${config.file}`);
  // A run a killed process left behind is finished first: its finished stages are kept, the rest redone.
  let runId = await store.unfinishedRun();
  const resumed = runId !== undefined;
  if (runId === undefined) runId = await store.startRun(agencies.map((a) => ({ id: a.id, outDir: (id) => join(reportsDir(config), a.id, String(id)) })), opts.trigger ?? 'manual', now());
  else await store.markRun(runId, 'running', now());
  return processRun(config, store, runId, resumed, agencies, opts);
}

/**
 * One agency audited now, in a run of its own (the web app's "run now"): never resumes another run, and the
 * scheduler never resumes it. `onStart` learns the run id before the crawl begins.
 */
export async function runAgencyNow(config: Config, store: RunStore, agencyId: string, opts: RunOptions & { onStart?: (runId: number) => void } = {}): Promise<RunSummary> {
  const now = opts.now ?? (() => new Date());
  const agency = config.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new Error(`agency "${agencyId}" is not in ${config.file}`);
  const runId = await store.startRun([{ id: agency.id, outDir: (id) => join(reportsDir(config), agency.id, String(id)) }], WEB_TRIGGER, now());
  opts.onStart?.(runId);
  return processRun(config, store, runId, false, [agency], opts);
}

/**
 * One job of the fleet's queue: the agency audited in the cycle's run (made by whichever worker comes first), from
 * wherever an earlier attempt got to. An audit that already ended in this cycle is not done again: a job handed to a
 * second worker (its first worker killed, or its lock lost) adds nothing to the history.
 */
export async function runQueuedAudit(
  config: Config,
  store: RunStore,
  cycle: string,
  agencyId: string,
  opts: RunOptions & { holder?: string; leaseMs?: number } = {},
): Promise<RunSummary['agencies'][number] & { runId: number; skipped: boolean; heldElsewhere?: boolean }> {
  const now = opts.now ?? (() => new Date());
  const agency = config.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new Error(`agency "${agencyId}" is not in ${config.file}`);
  const row = await store.cycleAudit(cycle, { id: agency.id, outDir: (id) => join(reportsDir(config), agency.id, String(id)) }, now());
  const entry = { id: agency.id, stage: row.stage as string, score: row.oit, alerts: [] as string[], runId: row.run_id, skipped: false };
  if (row.stage === 'alerted' || (row.stage === 'recorded' && opts.dryRun)) return { ...entry, skipped: true };
  // Held while it runs, renewed well before the lease ends; a holder that dies lets it go when the lease runs out.
  const holder = opts.holder ?? `${process.pid}:${randomUUID()}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  if (!(await store.holdAudit(row.run_id, agency.id, holder, now(), leaseMs))) return { ...entry, heldElsewhere: true };
  const renew = setInterval(() => void store.holdAudit(row.run_id, agency.id, holder, now(), leaseMs).catch(() => undefined), leaseMs / 3);
  try {
    // Where the other holder got to, now that it has let go.
    const fresh = (await store.audits(row.run_id)).find((a) => a.agency === agency.id) ?? row;
    if (fresh.stage === 'alerted') return { ...entry, stage: fresh.stage, score: fresh.oit, skipped: true };
    entry.stage = fresh.stage;
    try {
      await auditAgency(config, store, row.run_id, agency, fresh.stage, row.out_dir, opts, now, entry);
    } catch (err) {
      await store.setStage(row.run_id, agency.id, 'failed', (err as Error).message);
      throw err;
    }
  } finally {
    clearInterval(renew);
    await store.releaseAudit(row.run_id, agency.id, holder);
  }
  if (entry.stage === 'pending' || entry.stage === 'crawled') return entry;
  await store.finishCycle(row.run_id, now());
  for (const old of await store.prune(agency.id, config.retention.runs)) rmSync(join(reportsDir(config), agency.id, String(old)), { recursive: true, force: true });
  return entry;
}

async function processRun(config: Config, store: RunStore, id: number, resumed: boolean, agencies: Config['agencies'], opts: RunOptions): Promise<RunSummary> {
  const now = opts.now ?? (() => new Date());
  opts.log?.info({ runId: id, resumed }, resumed ? 'resuming run' : 'run started');

  const queue = new PQueue({ concurrency: config.schedule.parallel });
  const summary: RunSummary = { runId: id, resumed, agencies: [] };
  for (const row of await store.audits(id)) {
    const agency = config.agencies.find((a) => a.id === row.agency);
    if (!agency) continue;
    void queue.add(async () => {
      const entry = { id: agency.id, stage: row.stage as string, score: null as number | null, alerts: [] as string[] } as RunSummary['agencies'][number];
      summary.agencies.push(entry);
      try {
        await auditAgency(config, store, id, agency, row.stage, row.out_dir, opts, now, entry);
      } catch (err) {
        // One agency failing never stops the others.
        entry.stage = 'failed';
        entry.error = (err as Error).message;
        await store.setStage(id, agency.id, 'failed', entry.error);
        opts.log?.error({ agency: agency.id, err: entry.error }, 'agency failed');
      }
    });
  }
  await queue.onIdle();
  if (opts.signal?.aborted) await store.markRun(id, 'interrupted', now());
  else await store.markRun(id, 'done', now());
  await writeIndex(config, store);
  for (const a of agencies) for (const old of await store.prune(a.id, config.retention.runs)) rmSync(join(reportsDir(config), a.id, String(old)), { recursive: true, force: true });
  return summary;
}

async function auditAgency(
  config: Config,
  store: RunStore,
  runId: number,
  agency: Config['agencies'][number],
  startStage: string,
  out: string,
  opts: RunOptions,
  now: () => Date,
  entry: RunSummary['agencies'][number],
): Promise<void> {
  let stage = startStage === 'failed' ? 'pending' : startStage;
  // A stage saved by a worker on another machine whose files are not here: the audit starts again.
  if ((stage === 'crawled' && !existsSync(join(out, 'artifacts.json'))) || (stage === 'judged' && !existsSync(join(out, 'result.json')))) stage = 'pending';
  const prevRow = await store.previousAudit(agency.id, runId);
  const previous = prevRow ? await store.result(prevRow.run_id, agency.id) : undefined;
  let result: Result | undefined;
  let reason: Notice | undefined = stage === 'unreachable' ? await store.unreachableReason(runId, agency.id) : undefined;
  if (stage === 'pending' || stage === 'crawled') {
    const c = config.collector;
    // The crawled stage is written while the audit goes on; it is awaited before any later stage is written.
    let crawled: Promise<void> | undefined;
    const outcome = await (opts.audit ?? runAudit)(
      {
        url: agency.url,
        out: ensure(out),
        // With no rules in the config: the framework of the assessment the run date prepares for.
        rules: agency.rules ?? frameworkForDate(todayBangkok(now())).id,
        asOf: todayBangkok(now()),
        agency: agency.name,
        crawl: { maxPages: c.maxPages, maxDepth: c.maxDepth, maxMinutes: c.maxMinutes, concurrency: c.concurrency, perHost: c.perHost, timeoutSeconds: c.timeoutSeconds, respectRobots: c.respectRobots, render: c.render },
        formats: DEFAULT_FORMATS,
        lang: config.lang,
        ...(previous ? { previous } : {}),
        reuseArtifacts: stage === 'crawled',
        ...(c.screenshots ? { screenshots: true } : {}),
      },
      {
        ...(opts.log ? { log: opts.log.child({ agency: agency.id }) } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.hostSlots ? { hostSlots: opts.hostSlots } : {}),
        ...(opts.onProgress ? { onProgress: (p: CrawlProgress) => opts.onProgress!(agency.id, p) } : {}),
        onCrawled: () => {
          crawled = store.setStage(runId, agency.id, 'crawled');
        },
      },
    );
    await crawled;
    // An interrupted crawl is saved but not judged: the next start crawls this agency again.
    if (outcome.state === 'interrupted') return;
    if (outcome.state === 'unreachable') {
      // An outage is its own state: no score, no item verdicts, nothing compared with the last audit.
      reason = outcome.reason;
      await store.markUnreachable(runId, agency.id, reason, now());
      stage = 'unreachable';
    } else {
      result = outcome.result;
      await store.setStage(runId, agency.id, (stage = 'judged'));
    }
  }
  if (stage === 'unreachable') {
    entry.error = say(config.lang, reason ?? { code: 'site-unreachable', data: { url: agency.url } });
    // One alert per outage: a site that was already unreachable at its previous run is not announced again.
    const before = await store.previousOutcome(agency.id, runId);
    if (before !== 'unreachable') {
      const digest = unreachableDigest(agency.id, runId, todayBangkok(now()), agency.url, reason ?? { code: 'site-unreachable', data: { url: agency.url } }, previous);
      await sendDigest(config, store, agency, runId, digest, {}, opts, now, entry);
    }
    entry.stage = stage;
    return;
  }
  result ??= (await store.result(runId, agency.id)) ?? readResult(join(out, 'result.json'));
  entry.score = result.score.oit;
  if (stage === 'judged') {
    await store.record(runId, agency.id, result, now());
    stage = 'recorded';
  }
  if (stage === 'recorded') {
    // A waiver in force (same defect, same evidence, not expired) keeps its defect out of the alert.
    const { waived } = reviewAudit({ runId, asOf: result.asOf, ...reviewInputOf(result), decisions: [], waivers: await store.waivers(agency.id) });
    const alertScore = waived.size ? computeScore({ scoring: resolveRuleSet(result.framework.id).scoring, outcomes: alertOutcomes(result, previous, waived) }) : undefined;
    const digest = buildDigest(agency.id, runId, result, previous, config.lang, { waived, ...(alertScore ? { alertScore } : {}) });
    if (digest) await sendDigest(config, store, agency, runId, digest, { reportHtml: renderReportHtml(result, { lang: config.lang, ...(previous ? { previous } : {}) }), summary: summaryText(result, config.lang, { format: 'text' }) }, opts, now, entry);
    if (!opts.dryRun) await store.setStage(runId, agency.id, (stage = 'alerted'));
  }
  entry.stage = stage;
}

/** Sends a digest on every channel, once: a resumed run skips the channels it had already sent to. */
async function sendDigest(
  config: Config,
  store: RunStore,
  agency: Config['agencies'][number],
  runId: number,
  digest: Digest,
  attachments: { reportHtml?: string; summary?: string },
  opts: RunOptions,
  now: () => Date,
  entry: RunSummary['agencies'][number],
): Promise<void> {
  const text = digestText(digest, agency.name, config.lang);
  for (const msg of outgoing(config, agency, digest, text, attachments)) {
    const channel = `${msg.channel}:${msg.to}`;
    if (opts.dryRun) {
      if (await store.wasAlerted(agency.id, runId, channel)) continue;
      opts.print?.(`--dry-run ${msg.channel} → ${msg.to}\n${msg.preview}\n`);
      entry.alerts.push(`${channel} (dry run)`);
      continue;
    }
    // One sender per alert across every worker: a resumed or retried audit, or a second worker that picked the same
    // job up, finds the claim taken and sends nothing.
    if (!(await store.claimAlert(agency.id, runId, channel, now(), ALERT_LEASE_MS))) continue;
    try {
      await msg.send();
    } catch (err) {
      await store.releaseAlert(agency.id, runId, channel);
      throw err;
    }
    await store.markAlerted(agency.id, runId, channel, text, now());
    entry.alerts.push(channel);
  }
}

/** reports/index.html: every agency's latest audit, with the change since its previous one. */
async function writeIndex(config: Config, store: RunStore): Promise<void> {
  const root = reportsDir(config);
  const entries: IndexEntry[] = [];
  for (const a of config.agencies) {
    const done = (await store.history(a.id)).filter((r) => (r.stage === 'recorded' || r.stage === 'alerted') && existsSync(join(r.out_dir, 'result.json')));
    const last = done[done.length - 1];
    if (!last) continue;
    const prev = done[done.length - 2];
    entries.push({ result: readResult(join(last.out_dir, 'result.json')), ...(prev ? { previous: readResult(join(prev.out_dir, 'result.json')) } : {}), href: relative(root, join(last.out_dir, 'report.html')) });
  }
  if (entries.length) writeFileAtomic(join(root, 'index.html'), renderIndexHtml(entries, config.lang));
}

function ensure(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
