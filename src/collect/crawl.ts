// The crawl of one agency site: wires the frontier, fetcher, admission policy and body handler into one run loop.
import type { Artifacts, LinkCheck } from '../model/artifacts.js';
import { ARTIFACTS_SCHEMA_VERSION } from '../model/artifacts.js';
import { TOOL } from '../version.js';
import { Admission, admitted } from './admission.js';
import { isDocumentUrl } from '../derive/classify.js';
import { DEFAULT_CRAWL_OPTIONS, type CrawlHooks, type CrawlOptions } from './crawl-options.js';
import { CrawlState } from './crawl-state.js';
import { Fetcher } from './fetcher.js';
import { MemoryFrontier, type CrawlRecord, type Frontier, type Visit } from './frontier.js';
import { BodyHandler } from './handle-body.js';
import type { Exchange } from './http.js';
import { Renderer } from './render.js';
import { memorySink, spoolSink, type ArtifactSink } from './sink.js';
import { fetchRobots, probeNotFound, sitemapUrls } from './site-probes.js';
import { hostOf, isSameSite, normaliseUrl } from './url.js';
import { makeBodyProcessor, type BodyProcessor } from './parse-pool.js';

export { DEFAULT_CRAWL_OPTIONS, type CrawlHooks, type CrawlOptions, type CrawlProgress } from './crawl-options.js';

const FIRST: Visit = Object.freeze({ confirming: false });

/** The parts of one run; all of its state lives in them. Two crawls in one process share nothing. */
class CrawlRun {
  readonly state: CrawlState;
  readonly renderer: Renderer;
  readonly bodies: BodyProcessor;
  readonly sink: ArtifactSink;
  readonly fetcher: Fetcher;
  readonly admission: Admission;
  readonly frontier: Frontier;
  readonly handler: BodyHandler;

  constructor(
    readonly startUrl: string,
    o: CrawlOptions,
    hooks: CrawlHooks,
  ) {
    this.state = new CrawlState(o, hooks);
    // Constructed first: `--render always` without a browser fails here, before anything is opened or fetched.
    this.renderer = new Renderer(o.render, { pages: o.renderPages, seconds: o.renderSeconds }, o.userAgent, hooks.log);
    this.fetcher = new Fetcher(this.state);
    this.sink = hooks.spoolDir ? spoolSink(hooks.spoolDir) : memorySink();
    this.bodies = makeBodyProcessor(o.workers, this.sink.paths);
    this.admission = new Admission(this.state);
    this.handler = new BodyHandler(this.state, this.fetcher, this.bodies, this.renderer, this.sink);
    this.frontier = new MemoryFrontier((rec, visit) =>
      this.visit(rec, visit).catch((err: unknown) => {
        // A bug, not something a site did (those are recorded): the run will reject, so stop fetching at once.
        this.state.halt();
        throw err;
      }),
    );
  }

  /** Record that `url` is linked from `from`; schedule it the first time it is seen, if admission allows. */
  private async discover(url: string, from: string, depth: number): Promise<void> {
    const rec = await this.frontier.add(url, from, () => this.admission.admit(url, from, depth));
    if (rec && admitted(rec)) this.frontier.schedule(rec, FIRST);
  }

  private async visit(rec: CrawlRecord, { confirming }: Visit): Promise<void> {
    const { state, fetcher } = this;
    const { o } = state;
    const { check } = rec;
    if (state.stopped()) {
      check.state = 'skipped';
      check.reason = 'budget';
      return;
    }
    // The confirming pass is itself the retry: one request, no backoff series.
    const maxBytes = isDocumentUrl(check.url) ? o.maxDocumentBytes : o.maxHtmlBytes;
    const ex = await fetcher.request(check.url, rec.content, maxBytes, confirming ? 0 : o.retries, confirming);
    this.progress();
    check.status = ex.status;
    check.redirects = ex.redirects;
    if (ex.finalUrl !== check.url) check.finalUrl = ex.finalUrl;
    delete check.error;
    if (ex.error) check.error = ex.error;
    else if (ex.tlsError) check.error = { code: 'tls', message: ex.tlsError };
    const outcome = linkState(ex);
    check.state = outcome.state;
    if (outcome.reason) check.reason = outcome.reason;
    if (outcome.state === 'broken') {
      if (!confirming) {
        // The confirming re-check runs after a pause, while the rest of the crawl goes on.
        this.frontier.schedule(rec, { confirming: true, delayMs: o.recheckDelayMs });
        return;
      }
      check.confirmed = true;
      state.broken++;
      const next = this.admission.refund(rec);
      if (next) this.frontier.schedule(next, FIRST);
      return;
    }
    if (confirming) check.confirmed = true;
    if (!rec.content || !ex.body || outcome.state !== 'ok') return;
    // A same-site link that redirects to another host is that host's page: check it, do not crawl it.
    if (!isSameSite(ex.finalUrl, state.site)) return;
    try {
      const found = await this.handler.keep(rec, { ...ex, body: ex.body });
      const from = check.url;
      for (const f of found.forms) await this.frontier.add(f, '', () => this.admission.form(f, from));
      for (const t of found.next) await this.discover(t, from, rec.depth + 1);
    } catch (err) {
      // A page or file we cannot process is recorded, never allowed to stop the crawl.
      state.errors.push({ code: 'process', message: (err as Error).message, url: check.url });
      state.hooks.log?.warn({ url: check.url, err }, 'could not process');
    }
  }

  private progress(): void {
    const { state, fetcher, sink } = this;
    state.hooks.onProgress?.({
      pages: sink.counts.pages,
      documents: sink.counts.documents,
      queued: fetcher.queued,
      inFlight: fetcher.stats.inFlight,
      errors: state.broken,
      requests: fetcher.stats.requests,
      elapsedMs: Date.now() - state.started,
    });
  }

  /** Where the start URL lands, what robots.txt allows, and the sitemap's URLs; then every visit to the end. */
  private async crawl(start: string): Promise<void> {
    const { state, fetcher } = this;
    const { o } = state;
    // The main website is where the start URL lands (agencies redirect http → https, bare → www).
    const get = (url: string, wantBody: boolean, maxBytes: number) => fetcher.send(url, wantBody, maxBytes);
    const first = await get(start, false, 0);
    const landing = first.status > 0 ? first.finalUrl : start;
    state.site = new URL(landing).origin;
    if (first.status === 0) state.errors.push({ code: first.error?.code ?? 'network', message: `start URL unreachable: ${first.error?.message ?? ''}`, url: start });
    else {
      // The crawl waits for robots.txt (it decides what may be fetched), not for the not-found probe.
      state.notFound.set(hostOf(state.site), probeNotFound(state.site, get, (ex) => this.handler.fingerprint(ex)).catch(() => undefined));
      const robots = await fetchRobots(state.site, get, o.userAgent);
      state.robots.set(hostOf(state.site), robots);
      if (robots?.crawlDelaySeconds && o.respectRobots) state.hooks.log?.info({ crawlDelay: robots.crawlDelaySeconds }, 'robots.txt Crawl-delay honoured');
    }
    await this.discover(start, '', 0);
    if (landing !== start) await this.discover(landing, start, 0);
    if (o.sitemaps && first.status > 0) {
      for (const u of await sitemapUrls(state.site, state.robots.get(hostOf(state.site)), get, o.maxPages)) await this.discover(u, '', 1);
    }
    await this.frontier.idle();
    if (state.hooks.signal?.aborted) state.budgetHit ??= 'aborted';
  }

  async run(): Promise<Artifacts> {
    const { state } = this;
    const startedAt = new Date(state.started).toISOString();
    const start = normaliseUrl(this.startUrl);
    try {
      if (!start) throw new Error(`not an http(s) URL: ${this.startUrl}`);
      await this.crawl(start);
    } catch (err) {
      // Visits may still be running (the failure came from elsewhere): halted, they settle quickly; then the
      // spool files are closed and the error goes to the caller.
      state.halt();
      await this.frontier.idle().catch(() => undefined);
      try {
        this.sink.close();
      } catch {
        // The crawl's own error is the one to report.
      }
      throw err;
    } finally {
      // The browser is closed on every path: normal end, errors, and an abort from SIGTERM.
      await Promise.all([this.fetcher.close(), this.bodies.close(), this.renderer.close()]);
    }
    return this.artifacts(start, startedAt);
  }

  private async artifacts(start: string, startedAt: string): Promise<Artifacts> {
    const { state, fetcher, renderer, sink } = this;
    const { o } = state;
    const { errors } = state;
    if (state.renderSkipped && renderer.unavailable) errors.push({ code: 'render-unavailable', message: `${state.renderSkipped} pages need scripts but were read statically: ${renderer.unavailable}` });
    else if (state.renderSkipped) errors.push({ code: 'render-budget', message: `${state.renderSkipped} pages needing scripts were read statically: the rendering budget (${o.renderPages} pages, ${o.renderSeconds} s) was used up` });
    // A parse child that died is said, with the files it held: each was read again once, or is named as not read.
    for (const c of this.bodies.crashes) for (const url of c.urls) errors.push({ code: 'parser-restarted', message: `${c.why} while reading this file; a new parser took over`, url });
    if (this.admission.stillWaiting) state.budgetHit ??= 'pages';
    if (state.budgetHit) errors.push({ code: `budget-${state.budgetHit}`, message: `crawl budget reached (${state.budgetHit}): some URLs were not fetched` });
    const robots = state.robots.get(hostOf(state.site));
    const { pages, documents } = sink.close();
    const links: LinkCheck[] = [];
    for await (const r of this.frontier.records()) links.push(r.check);
    return {
      schemaVersion: ARTIFACTS_SCHEMA_VERSION,
      tool: TOOL,
      startUrl: start,
      site: state.site,
      startedAt,
      finishedAt: new Date().toISOString(),
      options: { ...o },
      ...(robots ? { robots: { url: robots.url, status: robots.status, respected: o.respectRobots, ...(robots.crawlDelaySeconds ? { crawlDelaySeconds: robots.crawlDelaySeconds } : {}), disallowedSeen: this.admission.disallowedSeen } } : {}),
      pages,
      documents,
      links,
      errors,
      stats: {
        requests: fetcher.stats.requests,
        pages: sink.counts.pages,
        documents: sink.counts.documents,
        bytes: fetcher.stats.bytes,
        retries: fetcher.stats.retries,
        rendered: renderer.pagesRendered,
        peakInFlight: fetcher.stats.peakInFlight,
        durationMs: Date.now() - state.started,
        ...(state.budgetHit ? { budgetHit: state.budgetHit } : {}),
        memory: { crawlMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10, parserMb: Math.round(this.bodies.peakRssMb() * 10) / 10 },
        ...(this.bodies.crashes.length ? { parserCrashes: this.bodies.crashes.length } : {}),
      },
    };
  }
}

function linkState(ex: Exchange): { state: LinkCheck['state']; reason?: string } {
  if (ex.status === 0) return { state: 'broken' };
  if (ex.status >= 200 && ex.status < 300) return { state: 'ok' };
  if (ex.status === 401 || ex.status === 407) return { state: 'unverifiable', reason: 'login' };
  if (ex.status === 429) return { state: 'unverifiable', reason: 'rate-limited' };
  if (ex.status === 999) return { state: 'unverifiable', reason: 'bot wall' };
  return { state: 'broken' };
}

/**
 * Crawl one agency site. Never throws for what the site does; rejects for a start URL that is not a URL, and with
 * the error of a crawl task that failed (after closing what the run opened).
 */
export function crawlSite(startUrl: string, options: Partial<CrawlOptions> = {}, hooks: CrawlHooks = {}): Promise<Artifacts> {
  return new CrawlRun(startUrl, { ...DEFAULT_CRAWL_OPTIONS, ...options }, hooks).run();
}
