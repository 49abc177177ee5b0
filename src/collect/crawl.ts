// The crawl of one agency site: frontier, politeness, retries, confirming re-checks; all state lives in one run object.
import { randomBytes } from 'node:crypto';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { Artifacts, Document, ErrorInfo, LinkCheck, Page } from '../model/artifacts.js';
import { ARTIFACTS_SCHEMA_VERSION } from '../model/artifacts.js';
import { TOOL } from '../version.js';
import { isAssetUrl, isDocumentUrl, isImageUrl, hasRepeatingPath, trapKey, unverifiableReason } from './classify.js';
import { decodeHtml } from './decode.js';
import { claimedKind, extractDocument } from './documents.js';
import { parseHtml } from './html.js';
import { fetchUrl, makeDispatchers, type Dispatchers, type Exchange, type HttpConfig } from './http.js';
import { isSoftNotFound, pageFlags, type NotFoundFingerprint } from './page-signals.js';
import { parseRobots, type Robots } from './robots.js';
import { sniffKind } from './sniff.js';
import { hostOf, isSameSite, normaliseUrl } from './url.js';

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
  recheckDelayMs: 1500,
  maxHtmlBytes: 5 * 1024 * 1024,
  maxDocumentBytes: 40 * 1024 * 1024,
  sitemaps: true,
  documentText: true,
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
}

interface Record_ {
  check: LinkCheck;
  depth: number;
  /** Fetch and keep content (same-site page or document), or status only. */
  content: boolean;
}

const TRAP_BUDGET = { dateLike: 6, other: 300 };
const FOUND_ON_LIMIT = 20;

/** Per-run state. Two crawls in one process share nothing. */
class CrawlRun {
  readonly records = new Map<string, Record_>();
  readonly pages: Page[] = [];
  readonly documents: Document[] = [];
  readonly errors: Array<ErrorInfo & { url?: string }> = [];
  readonly hostQueues = new Map<string, PQueue>();
  readonly global: PQueue;
  readonly trapCounts = new Map<string, number>();
  readonly robots = new Map<string, Robots>();
  readonly notFound = new Map<string, NotFoundFingerprint | undefined>();
  readonly retryLater: string[] = [];
  /** Hosts whose name did not resolve: one lookup per host per pass, not one per URL (lookups can take seconds). */
  readonly deadHosts = new Map<string, ErrorInfo>();
  /** The first request to each host; the others wait for it, so a dead host costs one lookup, not one per link. */
  readonly firstContact = new Map<string, Promise<unknown>>();
  readonly started = Date.now();
  readonly deadline: number;
  readonly http: HttpConfig;
  readonly d: Dispatchers;
  site = '';
  pagesTaken = 0;
  docsTaken = 0;
  requests = 0;
  retries = 0;
  bytes = 0;
  inFlight = 0;
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

  /** One request through the host's and the global limits, with retries for network errors, 5xx and 429. */
  private async request(url: string, wantBody: boolean, maxBytes: number, retries = this.o.retries): Promise<Exchange> {
    let attempt = 0;
    const host = hostOf(url);
    const first = this.firstContact.get(host);
    if (first) await first;
    for (;;) {
      const dead = this.deadHosts.get(host);
      if (dead) return { url, finalUrl: url, status: 0, redirects: [], contentType: '', headers: {}, capped: false, error: dead };
      const q = this.hostQueue(url);
      const pending = q.add(() =>
        this.global.add(async () => {
          this.inFlight++;
          this.requests++;
          const t0 = Date.now();
          try {
            const ex = await fetchUrl(url, this.http, this.d, wantBody, maxBytes);
            this.hooks.log?.debug({ url, status: ex.status, ms: Date.now() - t0, error: ex.error?.code, attempt }, 'fetched');
            return ex;
          } finally {
            this.inFlight--;
          }
        }),
      ) as Promise<Exchange>;
      if (!this.firstContact.has(host)) this.firstContact.set(host, pending.catch(() => undefined));
      const ex = await pending;
      this.bytes += ex.body?.length ?? 0;
      if (ex.error?.code === 'dns' && ex.redirects.length === 0) this.deadHosts.set(hostOf(url), ex.error);
      const transient = ex.status === 0 ? ex.error?.code !== 'redirect-loop' && ex.error?.code !== 'too-many-redirects' && ex.error?.code !== 'dns' : ex.status === 429 || ex.status >= 500;
      if (!transient || attempt >= retries || this.stopped()) return ex;
      attempt++;
      this.retries++;
      const retryAfter = retryAfterMs(ex.headers['retry-after']);
      if ((ex.status === 429 || ex.status === 503) && retryAfter !== undefined) {
        // Honour Retry-After for the whole host, not just this URL.
        q.pause();
        await sleep(Math.min(retryAfter, 60_000));
        q.start();
      } else {
        await sleep(300 * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  }

  private progress(): void {
    this.hooks.onProgress?.({
      pages: this.pages.length,
      documents: this.documents.length,
      queued: [...this.hostQueues.values()].reduce((n, q) => n + q.size, 0),
      inFlight: this.inFlight,
      errors: [...this.records.values()].filter((r) => r.check.state === 'broken').length,
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
  private discover(url: string, from: string, depth: number, pending: Array<Promise<void>>): void {
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

  private async visit(rec: Record_, pending: Array<Promise<void>>, confirming = false): Promise<void> {
    const { check } = rec;
    if (this.stopped()) {
      check.state = 'skipped';
      check.reason = 'budget';
      return;
    }
    const isDoc = isDocumentUrl(check.url);
    // The confirming pass is itself the retry: one request, no backoff series.
    const ex = await this.request(check.url, rec.content, isDoc ? this.o.maxDocumentBytes : this.o.maxHtmlBytes, confirming ? 0 : this.o.retries);
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
        this.retryLater.push(check.url);
        return;
      }
      check.confirmed = true;
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

  private async keep(rec: Record_, ex: Exchange, pending: Array<Promise<void>>): Promise<void> {
    const { check } = rec;
    const body = ex.body!;
    const kind = sniffKind(body);
    const htmlType = /html|xhtml/i.test(ex.contentType) || (ex.contentType === '' && kind === 'html');
    if (htmlType && (kind === 'html' || kind === 'text' || kind === 'other' || kind === 'empty') && !isDocumentUrl(check.url)) {
      const decoded = decodeHtml(body, ex.contentType);
      const parsed = parseHtml(decoded.text, ex.finalUrl);
      const soft404 = isSoftNotFound(parsed, this.notFound.get(hostOf(ex.finalUrl)));
      const flags = pageFlags(parsed, ex.finalUrl);
      if (ex.tlsError) flags.push('tls-insecure');
      this.pages.push({
        url: check.url,
        finalUrl: ex.finalUrl,
        redirects: ex.redirects,
        status: ex.status,
        contentType: ex.contentType,
        charset: decoded.charset,
        charsetSource: decoded.source,
        depth: rec.depth,
        title: parsed.title,
        headings: parsed.headings,
        text: parsed.text,
        textTruncated: parsed.textTruncated || ex.capped,
        links: parsed.links,
        tables: parsed.tables,
        images: parsed.images,
        soft404,
        flags,
        ...(ex.capped ? { error: { code: 'body-too-large', message: `page cut at ${this.o.maxHtmlBytes} bytes` } } : {}),
      });
      if (soft404) return;
      const from = check.url;
      for (const l of parsed.links) if (l.tag === 'form' && l.url) this.markUnverifiable(l.url, from, 'form');
      const targets = parsed.links.filter((l) => l.tag !== 'form').map((l) => l.url).filter(Boolean);
      if (parsed.metaRefresh) targets.push(parsed.metaRefresh);
      for (const img of parsed.images) targets.push(img.src);
      for (const t of targets) this.discover(t, from, rec.depth + 1, pending);
      return;
    }
    const extracted = this.o.documentText || kind === 'html' ? await extractDocument(body, ex.finalUrl, ex.contentType) : { kind, text: '', textTruncated: false, meta: {}, tables: [] };
    this.documents.push({
      url: check.url,
      finalUrl: ex.finalUrl,
      status: ex.status,
      contentType: ex.contentType,
      kind: extracted.kind,
      claimedKind: claimedKind(check.url),
      size: body.length,
      sizeCapped: ex.capped,
      text: extracted.text,
      textTruncated: extracted.textTruncated,
      ...(extracted.pageCount !== undefined ? { pageCount: extracted.pageCount } : {}),
      ...(extracted.hasTextLayer !== undefined ? { hasTextLayer: extracted.hasTextLayer } : {}),
      meta: extracted.meta,
      tables: extracted.tables,
      ...(extracted.error ? { error: extracted.error } : ex.capped ? { error: { code: 'body-too-large', message: `file larger than ${this.o.maxDocumentBytes} bytes: not read whole` } } : {}),
    });
  }

  private async loadRobots(origin: string): Promise<void> {
    const url = `${origin}/robots.txt`;
    const ex = await fetchUrl(url, this.http, this.d, true, 512 * 1024);
    this.requests++;
    this.robots.set(hostOf(origin), parseRobots(url, ex.status, ex.body?.toString('utf8') ?? '', this.o.userAgent));
  }

  /** A path that cannot exist: if the site answers 200, remember what its "not found" looks like. */
  private async probeNotFound(origin: string): Promise<void> {
    const ex = await fetchUrl(`${origin}/oit-crawler-probe-${randomBytes(6).toString('hex')}.html`, this.http, this.d, true, 512 * 1024);
    this.requests++;
    if (ex.status === 200 && ex.body) {
      const parsed = parseHtml(decodeHtml(ex.body, ex.contentType).text, ex.finalUrl);
      this.notFound.set(hostOf(origin), { title: parsed.title, textLength: parsed.text.length });
    } else this.notFound.set(hostOf(origin), undefined);
  }

  private async sitemapUrls(origin: string): Promise<string[]> {
    const robots = this.robots.get(hostOf(origin));
    const candidates = robots?.sitemaps.length ? robots.sitemaps.slice(0, 5) : [`${origin}/sitemap.xml`];
    const out: string[] = [];
    for (const sm of candidates) {
      const ex = await fetchUrl(sm, this.http, this.d, true, 10 * 1024 * 1024);
      this.requests++;
      if (ex.status !== 200 || !ex.body || sniffKind(ex.body) === 'html') continue;
      const text = ex.body.toString('utf8');
      for (const m of text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/gi)) {
        const u = normaliseUrl(m[1]!.replace(/&amp;/g, '&'));
        if (u && isSameSite(u, this.site)) out.push(u);
        if (out.length >= this.o.maxPages) break;
      }
    }
    return out;
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
        await Promise.all([this.loadRobots(this.site), this.probeNotFound(this.site)]);
        const robots = this.robots.get(hostOf(this.site));
        if (robots?.crawlDelaySeconds && this.o.respectRobots) this.hooks.log?.info({ crawlDelay: robots.crawlDelaySeconds }, 'robots.txt Crawl-delay honoured');
      }
      const pending: Array<Promise<void>> = [];
      this.discover(start, '', 0, pending);
      if (landing !== start) this.discover(landing, start, 0, pending);
      if (this.o.sitemaps && first.status > 0) for (const u of await this.sitemapUrls(this.site)) this.discover(u, '', 1, pending);
      await drain(pending);

      // Confirming re-check: a link counts as broken only if it fails again after a pause.
      const again = [...new Set(this.retryLater.splice(0))];
      if (again.length && !this.stopped()) {
        await sleep(this.o.recheckDelayMs);
        this.deadHosts.clear();
        this.firstContact.clear();
        const confirm: Array<Promise<void>> = [];
        for (const u of again) confirm.push(this.visit(this.records.get(u)!, confirm, true));
        await drain(confirm);
      } else for (const u of again) this.records.get(u)!.check.confirmed = false;
    } finally {
      await this.d.close();
    }
    if (this.budgetHit) this.errors.push({ code: `budget-${this.budgetHit}`, message: `crawl budget reached (${this.budgetHit}): some URLs were not fetched` });
    const robots = this.robots.get(hostOf(this.site));
    return {
      schemaVersion: ARTIFACTS_SCHEMA_VERSION,
      tool: TOOL,
      startUrl: start,
      site: this.site,
      startedAt,
      finishedAt: new Date().toISOString(),
      options: { ...this.o },
      ...(robots ? { robots: { url: robots.url, status: robots.status, respected: this.o.respectRobots, ...(robots.crawlDelaySeconds ? { crawlDelaySeconds: robots.crawlDelaySeconds } : {}), disallowedSeen: this.disallowedSeen } } : {}),
      pages: this.pages,
      documents: this.documents,
      links: [...this.records.values()].map((r) => r.check),
      errors: this.errors,
      stats: {
        requests: this.requests,
        pages: this.pages.length,
        documents: this.documents.length,
        bytes: this.bytes,
        retries: this.retries,
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

/** Await every task, including tasks the awaited ones add while running. */
async function drain(pending: Array<Promise<void>>): Promise<void> {
  for (let i = 0; i < pending.length; i++) await pending[i];
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
