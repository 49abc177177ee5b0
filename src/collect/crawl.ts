// The crawl of one agency site: frontier, politeness, retries, confirming re-checks; all state lives in one run object.
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { Artifacts, ErrorInfo, LinkCheck, Page } from '../model/artifacts.js';
import { ARTIFACTS_SCHEMA_VERSION } from '../model/artifacts.js';
import { TOOL } from '../version.js';
import { isAssetUrl, isDocumentUrl, isImageUrl, hasRepeatingPath, trapKey, unverifiableReason } from '../derive/classify.js';
import { fetchUrl, makeDispatchers, type Dispatchers, type Exchange, type HttpConfig } from './http.js';
import type { NotFoundFingerprint } from './page-signals.js';
import { makeBodyProcessor, type BodyProcessor } from './worker-pool.js';
import { Pending } from './pending.js';
import { fetchRobots, probeNotFound, sitemapUrls } from './site-probes.js';
import { unreadableDocument, type BodyJob, type BodyResult } from './body-job.js';
import { Renderer, type RenderMode } from './render.js';
import { memorySink, spoolSink, type ArtifactSink } from './sink.js';
import type { Robots } from './robots.js';
import { sniffKind } from './sniff.js';
import { hostOf, isSameSite, normaliseUrl } from './url.js';

type PageResult = Extract<BodyResult, { kind: 'page' }>;

export interface CrawlOptions {
  maxPages: number;
  maxDocuments: number;
  maxDepth: number;
  maxMinutes: number;
  concurrency: number;
  perHost: number;
  timeoutSeconds: number;
  respectRobots: boolean;
  userAgent: string;
  retries: number;
  /** Pause before the confirming re-check of links that failed. */
  recheckDelayMs: number;
  maxHtmlBytes: number;
  maxDocumentBytes: number;
  /** Read sitemap.xml (and robots' Sitemap: lines) for URLs no link reaches. */
  sitemaps: boolean;
  /** Extract document text (PDF, DOCX, XLSX, DOC). Off for a links-only check. */
  documentText: boolean;
  /** Worker threads that parse pages and extract documents (0: in the crawl's own thread). */
  workers: number;
  /** Render pages that need scripts in Chromium: auto (only those), never, always (every page). */
  render: RenderMode;
  /** Rendering budget per site. */
  renderPages: number;
  renderSeconds: number;
}

export const DEFAULT_CRAWL_OPTIONS: CrawlOptions = {
  maxPages: 2000,
  maxDocuments: 1500,
  maxDepth: 8,
  maxMinutes: 30,
  concurrency: 8,
  perHost: 4,
  timeoutSeconds: 20,
  respectRobots: true,
  userAgent: `${TOOL.name}/${TOOL.version} (+https://github.com/oit-crawler/oit-crawler; ITA OIT readiness check)`,
  retries: 2,
  recheckDelayMs: 700,
  maxHtmlBytes: 5 * 1024 * 1024,
  maxDocumentBytes: 40 * 1024 * 1024,
  sitemaps: true,
  documentText: true,
  workers: 1,
  render: 'auto',
  renderPages: 40,
  renderSeconds: 180,
};

export interface CrawlProgress {
  pages: number;
  documents: number;
  queued: number;
  inFlight: number;
  errors: number;
  requests: number;
  elapsedMs: number;
}

export interface CrawlHooks {
  log?: Logger;
  onProgress?: (p: CrawlProgress) => void;
  /** Abort the crawl (SIGTERM): what was collected is still returned. */
  signal?: AbortSignal;
  /**
   * Spool pages and documents to JSON-lines files in this folder instead of keeping them: memory then stays flat
   * however large the site. The returned artifacts have empty pages/documents; see assembleArtifacts.
   */
  spoolDir?: string;
}

interface Record_ {
  check: LinkCheck;
  depth: number;
  /** Fetch and keep content (same-site page or document), or status only. */
  content: boolean;
}

// Calendars rarely hold OIT evidence: a few months of one are enough to see what it links to.
const TRAP_BUDGET = { dateLike: 3, other: 300 };
const FOUND_ON_LIMIT = 10;

/** Per-run state. Two crawls in one process share nothing. */
class CrawlRun {
  readonly records = new Map<string, Record_>();
  readonly sink: ArtifactSink;
  readonly errors: Array<ErrorInfo & { url?: string }> = [];
  readonly hostQueues = new Map<string, PQueue>();
  readonly global: PQueue;
  readonly trapCounts = new Map<string, number>();
  readonly robots = new Map<string, Robots>();
  /** How each host's "not found" page looks (probed in the background; pages wait for it before being judged soft 404s). */
  readonly notFound = new Map<string, Promise<NotFoundFingerprint | undefined>>();
  /** Hosts whose name did not resolve: one lookup per host per pass, not one per URL (lookups can take seconds). */
  readonly deadHosts = new Map<string, ErrorInfo>();
  /** The first request to each host; the others wait for it, so a dead host costs one lookup, not one per link. */
  readonly firstContact = new Map<string, Promise<unknown>>();
  /** The one confirming lookup of each dead host. */
  readonly deadRecheck = new Map<string, Promise<Exchange>>();
  readonly started = Date.now();
  readonly deadline: number;
  readonly http: HttpConfig;
  readonly d: Dispatchers;
  readonly bodies: BodyProcessor;
  readonly renderer: Renderer;
  renderSkipped = 0;
  broken = 0;
  site = '';
  pagesTaken = 0;
  docsTaken = 0;
  requests = 0;
  retries = 0;
  bytes = 0;
  inFlight = 0;
  peakInFlight = 0;
  budgetHit: string | undefined;
  disallowedSeen = 0;

  constructor(
    readonly startUrl: string,
    readonly o: CrawlOptions,
    readonly hooks: CrawlHooks,
  ) {
    this.global = new PQueue({ concurrency: o.concurrency });
    this.deadline = this.started + o.maxMinutes * 60_000;
    this.http = { userAgent: o.userAgent, timeoutMs: o.timeoutSeconds * 1000, maxRedirects: 10 };
    this.d = makeDispatchers(o.perHost, o.timeoutSeconds * 1000);
    // Constructed first: `--render always` without a browser fails here, before anything is fetched.
    this.renderer = new Renderer(o.render, { pages: o.renderPages, seconds: o.renderSeconds }, o.userAgent, hooks.log);
    this.bodies = makeBodyProcessor(o.workers);
    this.sink = hooks.spoolDir ? spoolSink(hooks.spoolDir) : memorySink();
  }

  private hostQueue(url: string): PQueue {
    const host = hostOf(url);
    let q = this.hostQueues.get(host);
    if (!q) {
      const delay = this.robots.get(host)?.crawlDelaySeconds;
      q = new PQueue(delay ? { concurrency: 1, interval: delay * 1000, intervalCap: 1 } : { concurrency: this.o.perHost });
      this.hostQueues.set(host, q);
    }
    return q;
  }

  private stopped(): boolean {
    if (this.hooks.signal?.aborted) {
      this.budgetHit ??= 'aborted';
      return true;
    }
    if (Date.now() > this.deadline) {
      this.budgetHit ??= 'time';
      return true;
    }
    return false;
  }

  /** One GET through the host's and the global limits. */
  private fetchQueued(url: string, wantBody: boolean, maxBytes: number, attempt: number): Promise<Exchange> {
    const host = hostOf(url);
    const q = this.hostQueue(url);
    // Pages first: they reveal the rest of the site, so slow links and retries start early and overlap with the
    // fetching of documents and outbound links instead of trailing at the end of the crawl.
    const priority = wantBody && !isDocumentUrl(url) ? 1 : 0;
    const p = q.add(() =>
      this.global.add(async () => {
        this.inFlight++;
        this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
        this.requests++;
        const t0 = Date.now();
        try {
          const ex = await fetchUrl(url, this.http, this.d, wantBody, maxBytes);
          this.hooks.log?.debug({ url, status: ex.status, ms: Date.now() - t0, error: ex.error?.code, attempt }, 'fetched');
          return ex;
        } finally {
          this.inFlight--;
        }
      }, { priority }),
      { priority },
    ) as Promise<Exchange>;
    if (!this.firstContact.has(host)) this.firstContact.set(host, p.catch(() => undefined));
    return p;
  }

  /** A request with retries for network errors, 5xx and 429 (Retry-After honoured per host). */
  private async request(url: string, wantBody: boolean, maxBytes: number, retries = this.o.retries, confirming = false): Promise<Exchange> {
    const host = hostOf(url);
    // The first request to a host goes alone: a host that does not resolve then costs one lookup, not one per link.
    const first = this.firstContact.get(host);
    if (first) await first;
    const dead = this.deadHosts.get(host);
    if (dead) {
      if (!confirming) return { url, finalUrl: url, status: 0, redirects: [], contentType: '', headers: {}, capped: false, error: dead };
      // Confirming: look the host up once more (once per host), then answer every link to it from that.
      let again = this.deadRecheck.get(host);
      if (!again) {
        again = this.fetchQueued(url, wantBody, maxBytes, 0);
        this.deadRecheck.set(host, again);
      }
      const ex = await again;
      if (ex.status === 0 && ex.error?.code === 'dns') return { ...ex, url, finalUrl: url };
      this.deadHosts.delete(host);
    }
    let attempt = 0;
    for (;;) {
      const ex = await this.fetchQueued(url, wantBody, maxBytes, attempt);
      this.bytes += ex.body?.length ?? 0;
      if (ex.error?.code === 'dns' && ex.redirects.length === 0) this.deadHosts.set(host, ex.error);
      const transient = ex.status === 0 ? !['redirect-loop', 'too-many-redirects', 'dns', 'bad-redirect'].includes(ex.error?.code ?? '') : ex.status === 429 || ex.status >= 500;
      if (!transient || attempt >= retries || this.stopped()) return ex;
      attempt++;
      this.retries++;
      const retryAfter = retryAfterMs(ex.headers['retry-after']);
      if ((ex.status === 429 || ex.status === 503) && retryAfter !== undefined) {
        // Honour Retry-After for the whole host, not just this URL.
        const q = this.hostQueue(url);
        q.pause();
        await sleep(Math.min(retryAfter, 60_000));
        q.start();
      } else {
        await sleep(200 * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  }

  private progress(): void {
    this.hooks.onProgress?.({
      pages: this.sink.counts.pages,
      documents: this.sink.counts.documents,
      queued: [...this.hostQueues.values()].reduce((n, q) => n + q.size, 0),
      inFlight: this.inFlight,
      errors: this.broken,
      requests: this.requests,
      elapsedMs: Date.now() - this.started,
    });
  }

  /** Forms and similar targets: listed, never fetched, never "broken". */
  private markUnverifiable(url: string, from: string, reason: string): void {
    if (this.records.has(url)) return;
    const check: LinkCheck = { url, state: 'unverifiable', status: 0, redirects: [], sameSite: isSameSite(url, this.site), foundOn: [from], reason, confirmed: false };
    this.records.set(url, { check, depth: 0, content: false });
  }

  /** Record that `url` is linked from `from`; schedule it the first time it is seen. */
  private discover(url: string, from: string, depth: number, pending: Pending): void {
    const existing = this.records.get(url);
    if (existing) {
      if (from && existing.check.foundOn.length < FOUND_ON_LIMIT && !existing.check.foundOn.includes(from)) existing.check.foundOn.push(from);
      return;
    }
    const sameSite = isSameSite(url, this.site);
    const check: LinkCheck = { url, state: 'skipped', status: 0, redirects: [], sameSite, foundOn: from ? [from] : [], confirmed: false };
    const rec: Record_ = { check, depth, content: false };
    this.records.set(url, rec);
    const reason = unverifiableReason(url);
    if (reason) {
      check.state = 'unverifiable';
      check.reason = reason;
      return;
    }
    if (sameSite) {
      const robots = this.robots.get(hostOf(url));
      if (this.o.respectRobots && robots && !robots.allowed(url)) {
        check.reason = 'robots';
        this.disallowedSeen++;
        return;
      }
      if (hasRepeatingPath(url)) {
        check.reason = 'trap';
        return;
      }
      const shape = trapKey(url);
      if (shape) {
        const n = (this.trapCounts.get(shape.key) ?? 0) + 1;
        this.trapCounts.set(shape.key, n);
        const budget = shape.dateLike ? TRAP_BUDGET.dateLike : TRAP_BUDGET.other;
        if (n > budget) {
          check.reason = 'trap';
          if (n === budget + 1) this.errors.push({ code: 'trap', message: `endless URL pattern cut off: ${shape.key}`, url });
          return;
        }
      }
      const isDoc = isDocumentUrl(url);
      const isAsset = isAssetUrl(url) || isImageUrl(url);
      if (isDoc ? this.docsTaken >= this.o.maxDocuments : !isAsset && (this.pagesTaken >= this.o.maxPages || depth > this.o.maxDepth)) {
        check.reason = 'budget';
        this.budgetHit ??= depth > this.o.maxDepth ? 'depth' : 'pages';
        return;
      }
      rec.content = !isAsset;
      if (isDoc) this.docsTaken++;
      else if (!isAsset) this.pagesTaken++;
    }
    pending.push(this.visit(rec, pending));
  }

  private async visit(rec: Record_, pending: Pending, confirming = false): Promise<void> {
    const { check } = rec;
    if (this.stopped()) {
      check.state = 'skipped';
      check.reason = 'budget';
      return;
    }
    const isDoc = isDocumentUrl(check.url);
    // The confirming pass is itself the retry: one request, no backoff series.
    const ex = await this.request(check.url, rec.content, isDoc ? this.o.maxDocumentBytes : this.o.maxHtmlBytes, confirming ? 0 : this.o.retries, confirming);
    this.progress();
    check.status = ex.status;
    check.redirects = ex.redirects;
    if (ex.finalUrl !== check.url) check.finalUrl = ex.finalUrl;
    delete check.error;
    if (ex.error) check.error = ex.error;
    else if (ex.tlsError) check.error = { code: 'tls', message: ex.tlsError };
    const state = linkState(ex);
    check.state = state.state;
    if (state.reason) check.reason = state.reason;
    if (state.state === 'broken') {
      if (!confirming) {
        // The confirming re-check runs after a pause, while the rest of the crawl goes on.
        pending.push(sleep(this.o.recheckDelayMs).then(() => this.visit(rec, pending, true)));
        return;
      }
      check.confirmed = true;
      this.broken++;
      return;
    }
    if (confirming) check.confirmed = true;
    if (!rec.content || !ex.body || state.state !== 'ok') return;
    // A same-site link that redirects to another host is that host's page: check it, do not crawl it.
    if (!isSameSite(ex.finalUrl, this.site)) return;
    try {
      await this.keep(rec, ex, pending);
    } catch (err) {
      // A page or file we cannot process is recorded, never allowed to stop the crawl.
      this.errors.push({ code: 'process', message: (err as Error).message, url: check.url });
      this.hooks.log?.warn({ url: check.url, err }, 'could not process');
    }
  }

  private async keep(rec: Record_, ex: Exchange, pending: Pending): Promise<void> {
    const { check } = rec;
    const body = ex.body!;
    const kind = sniffKind(body);
    const htmlType = /html|xhtml/i.test(ex.contentType) || (ex.contentType === '' && kind === 'html');
    const asPage = htmlType && (kind === 'html' || kind === 'text' || kind === 'other' || kind === 'empty') && !isDocumentUrl(check.url);
    // Pages and documents go straight from the worker to the spool file; an app-shell page comes back when it may
    // be rendered, and with `--render always` every page does.
    const notFound = await this.notFound.get(hostOf(ex.finalUrl));
    const spoolFd = this.o.render === 'always' && asPage ? undefined : this.sink.fds?.[asPage ? 'page' : 'document'];
    const job: BodyJob = {
      kind: asPage ? ('page' as const) : ('document' as const),
      url: check.url,
      finalUrl: ex.finalUrl,
      status: ex.status,
      contentType: ex.contentType,
      body,
      capped: ex.capped,
      ...(ex.tlsError ? { tlsError: ex.tlsError } : {}),
      depth: rec.depth,
      redirects: ex.redirects,
      ...(spoolFd !== undefined ? { spoolFd, keepAppShell: this.o.render === 'auto' } : {}),
      ...(notFound ? { notFound } : {}),
      documentText: this.o.documentText,
      maxHtmlBytes: this.o.maxHtmlBytes,
      maxDocumentBytes: this.o.maxDocumentBytes,
    };
    let result: BodyResult;
    const size = body.byteLength;
    try {
      // The body may be moved to a worker: it is not used here after this call.
      result = await this.bodies.run(job);
    } catch (err) {
      // The file could not be processed (its worker ran out of memory, or the parser threw): it stays in the
      // artifacts as unreadable, so the judge reports it instead of silently not seeing it.
      result = { kind: 'document', document: unreadableDocument(job, kind, size, (err as Error).message) };
    }
    if (result.kind === 'document') {
      if (result.document) this.sink.document(result.document);
      else this.sink.written('document');
      return;
    }
    const needsRender = this.o.render === 'always' || (this.o.render === 'auto' && result.flags.includes('app-shell'));
    if (needsRender && result.page) result = await this.rendered({ ...result, page: result.page }, job, ex);
    if (result.page) this.sink.page(result.page);
    else this.sink.written('page');
    const from = check.url;
    for (const f of result.forms) this.markUnverifiable(f, from, 'form');
    for (const t of result.next) this.discover(t, from, rec.depth + 1, pending);
  }

  /** The title and text length of a site's answer to a path that cannot exist, read by the body worker. */
  private async fingerprint(ex: Exchange & { body: Buffer }): Promise<NotFoundFingerprint | undefined> {
    const r = await this.bodies.run({ kind: 'page', url: ex.url, finalUrl: ex.finalUrl, status: ex.status, contentType: ex.contentType, body: ex.body, capped: ex.capped, depth: 0, redirects: [], documentText: false, maxHtmlBytes: this.o.maxHtmlBytes, maxDocumentBytes: this.o.maxDocumentBytes });
    return r.kind === 'page' && r.page ? { title: r.page.title, textLength: r.page.text.length } : undefined;
  }

  /** The page as a browser shows it after its scripts ran, or the static page when that is not possible. */
  private async rendered(staticResult: PageResult & { page: Page }, job: BodyJob, ex: Exchange): Promise<PageResult> {
    if (!this.renderer.reserve()) {
      this.renderSkipped++;
      return staticResult;
    }
    try {
      // Through the same host and global limits as any request: the browser's own requests stay within one slot.
      const html = await this.hostQueue(ex.finalUrl).add(() => this.global.add(() => this.renderer.render(ex.finalUrl, this.o.timeoutSeconds * 1000))) as string;
      const { spoolFd: _, ...unspooled } = job;
      const r = await this.bodies.run({ ...unspooled, body: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8', capped: false });
      if (r.kind !== 'page' || !r.page) return staticResult;
      r.page.charset = staticResult.page.charset;
      r.page.charsetSource = staticResult.page.charsetSource;
      r.page.flags = [...new Set([...staticResult.page.flags, ...r.page.flags.filter((f) => f !== 'app-shell'), 'rendered' as const])];
      return r;
    } catch (err) {
      this.errors.push({ code: 'render-failed', message: (err as Error).message.split('\n')[0]!, url: ex.finalUrl });
      return staticResult;
    }
  }

  async run(): Promise<Artifacts> {
    const startedAt = new Date(this.started).toISOString();
    const start = normaliseUrl(this.startUrl);
    if (!start) throw new Error(`not an http(s) URL: ${this.startUrl}`);
    try {
      // The main website is where the start URL lands (agencies redirect http → https, bare → www).
      const first = await fetchUrl(start, this.http, this.d, false, 0);
      this.requests++;
      const landing = first.status > 0 ? first.finalUrl : start;
      this.site = new URL(landing).origin;
      if (first.status === 0) this.errors.push({ code: first.error?.code ?? 'network', message: `start URL unreachable: ${first.error?.message ?? ''}`, url: start });
      else {
        // The crawl waits for robots.txt (it decides what may be fetched), not for the not-found probe.
        this.notFound.set(hostOf(this.site), probeNotFound(this.site, this.http, this.d, (ex) => this.fingerprint(ex)).catch(() => undefined));
        const robots = await fetchRobots(this.site, this.http, this.d, this.o.userAgent);
        this.requests += 2;
        this.robots.set(hostOf(this.site), robots);
        if (robots?.crawlDelaySeconds && this.o.respectRobots) this.hooks.log?.info({ crawlDelay: robots.crawlDelaySeconds }, 'robots.txt Crawl-delay honoured');
      }
      const pending = new Pending();
      this.discover(start, '', 0, pending);
      if (landing !== start) this.discover(landing, start, 0, pending);
      if (this.o.sitemaps && first.status > 0) {
        const sm = await sitemapUrls(this.site, this.robots.get(hostOf(this.site)), this.http, this.d, this.o.maxPages);
        this.requests += sm.requests;
        for (const u of sm.urls) this.discover(u, '', 1, pending);
      }
      await pending.idle();
      if (this.hooks.signal?.aborted) this.budgetHit ??= 'aborted';
    } finally {
      // The browser is closed on every path: normal end, errors, and an abort from SIGTERM.
      await Promise.all([this.d.close(), this.bodies.close(), this.renderer.close()]);
    }
    if (this.renderSkipped && this.renderer.unavailable) this.errors.push({ code: 'render-unavailable', message: `${this.renderSkipped} pages need scripts but were read statically: ${this.renderer.unavailable}` });
    else if (this.renderSkipped) this.errors.push({ code: 'render-budget', message: `${this.renderSkipped} pages needing scripts were read statically: the rendering budget (${this.o.renderPages} pages, ${this.o.renderSeconds} s) was used up` });
    if (this.budgetHit) this.errors.push({ code: `budget-${this.budgetHit}`, message: `crawl budget reached (${this.budgetHit}): some URLs were not fetched` });
    const robots = this.robots.get(hostOf(this.site));
    const { pages, documents } = this.sink.close();
    return {
      schemaVersion: ARTIFACTS_SCHEMA_VERSION,
      tool: TOOL,
      startUrl: start,
      site: this.site,
      startedAt,
      finishedAt: new Date().toISOString(),
      options: { ...this.o },
      ...(robots ? { robots: { url: robots.url, status: robots.status, respected: this.o.respectRobots, ...(robots.crawlDelaySeconds ? { crawlDelaySeconds: robots.crawlDelaySeconds } : {}), disallowedSeen: this.disallowedSeen } } : {}),
      pages,
      documents,
      links: [...this.records.values()].map((r) => r.check),
      errors: this.errors,
      stats: {
        requests: this.requests,
        pages: this.sink.counts.pages,
        documents: this.sink.counts.documents,
        bytes: this.bytes,
        retries: this.retries,
        rendered: this.renderer.pagesRendered,
        peakInFlight: this.peakInFlight,
        durationMs: Date.now() - this.started,
        ...(this.budgetHit ? { budgetHit: this.budgetHit } : {}),
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

function retryAfterMs(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Crawl one agency site. Never throws for what the site does; throws only for a start URL that is not a URL. */
export function crawlSite(startUrl: string, options: Partial<CrawlOptions> = {}, hooks: CrawlHooks = {}): Promise<Artifacts> {
  return new CrawlRun(startUrl, { ...DEFAULT_CRAWL_OPTIONS, ...options }, hooks).run();
}
