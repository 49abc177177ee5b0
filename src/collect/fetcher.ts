// One crawl's requests: per-host and global limits, robots Crawl-delay, retries with backoff, Retry-After, dead hosts.
import PQueue from 'p-queue';
import type { ErrorInfo } from '../model/artifacts.js';
import { isDocumentUrl } from '../derive/classify.js';
import type { CrawlState } from './crawl-state.js';
import { processHostSlots, type HostSlots } from './host-slots.js';
import { fetchUrl, makeDispatchers, type Dispatchers, type Exchange, type HttpConfig } from './http.js';
import { hostOf } from './url.js';

export interface FetchStats {
  requests: number;
  retries: number;
  /** Body bytes read, including retries. */
  bytes: number;
  inFlight: number;
  /** The most requests open at once, counted where they are sent. */
  peakInFlight: number;
}

/** Errors that another attempt will not change. */
const PERMANENT = ['redirect-loop', 'too-many-redirects', 'dns', 'bad-redirect'];

export class Fetcher {
  readonly http: HttpConfig;
  readonly d: Dispatchers;
  readonly stats: FetchStats = { requests: 0, retries: 0, bytes: 0, inFlight: 0, peakInFlight: 0 };
  private readonly hostQueues = new Map<string, PQueue>();
  private readonly global: PQueue;
  /** Hosts whose name did not resolve: one lookup per host per pass, not one per URL (lookups can take seconds). */
  private readonly deadHosts = new Map<string, ErrorInfo>();
  /** The first request to each host; the others wait for it, so a dead host costs one lookup, not one per link. */
  private readonly firstContact = new Map<string, Promise<unknown>>();
  /** The one confirming lookup of each dead host. */
  private readonly deadRecheck = new Map<string, Promise<Exchange>>();

  /** Per-host slots shared with the other crawls of this process, or of the whole fleet (Redis). */
  private readonly slots: HostSlots;

  constructor(private readonly state: CrawlState) {
    const { o } = state;
    this.slots = state.hooks.hostSlots ?? processHostSlots;
    this.global = new PQueue({ concurrency: o.concurrency });
    this.http = { userAgent: o.userAgent, timeoutMs: o.timeoutSeconds * 1000, maxRedirects: 10 };
    this.d = makeDispatchers(o.perHost, o.timeoutSeconds * 1000);
  }

  /** Requests waiting for a slot, across hosts. */
  get queued(): number {
    let n = 0;
    for (const q of this.hostQueues.values()) n += q.size;
    return n;
  }

  /**
   * One GET on the wire, holding a slot of its host. The start-of-site probes (start URL, robots.txt, the not-found
   * probe, sitemaps) come here directly, before the crawl's queues exist; every other request through fetchQueued.
   */
  async send(url: string, wantBody: boolean, maxBytes: number, counted = true): Promise<Exchange> {
    const release = await this.slots.acquire(hostOf(url), this.state.o.perHost);
    try {
      if (counted) this.stats.requests++;
      return await fetchUrl(url, this.http, this.d, wantBody, maxBytes);
    } finally {
      release();
    }
  }

  /**
   * A request with retries for network errors, 5xx and 429 (Retry-After honoured per host). `confirming` is the
   * re-check of a link that failed: a dead host is then looked up once more (once per host).
   */
  async request(url: string, wantBody: boolean, maxBytes: number, retries = this.state.o.retries, confirming = false): Promise<Exchange> {
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
      this.stats.bytes += ex.body?.length ?? 0;
      if (ex.error?.code === 'dns' && ex.redirects.length === 0) this.deadHosts.set(host, ex.error);
      const transient = ex.status === 0 ? !PERMANENT.includes(ex.error?.code ?? '') : ex.status === 429 || ex.status >= 500;
      if (!transient || attempt >= retries || this.state.stopped()) return ex;
      attempt++;
      this.stats.retries++;
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

  /** `task` within the host's and the global limits, as one request: a browser rendering a page holds one slot. */
  limited<T>(url: string, task: () => Promise<T>): Promise<T> {
    return this.hostQueue(url).add(() =>
      this.global.add(async () => {
        if (this.state.halted) throw new Error('the crawl stopped');
        const release = await this.slots.acquire(hostOf(url), this.state.o.perHost);
        try {
          return await task();
        } finally {
          release();
        }
      }),
    ) as Promise<T>;
  }

  close(): Promise<void> {
    return this.d.close();
  }

  /** Created on first use, after robots.txt was read: a Crawl-delay makes the host's queue one request per delay. */
  private hostQueue(url: string): PQueue {
    const host = hostOf(url);
    let q = this.hostQueues.get(host);
    if (!q) {
      const delay = this.state.robots.get(host)?.crawlDelaySeconds;
      q = new PQueue(delay ? { concurrency: 1, interval: delay * 1000, intervalCap: 1 } : { concurrency: this.state.o.perHost });
      this.hostQueues.set(host, q);
    }
    return q;
  }

  /** One GET through the host's and the global limits. */
  private fetchQueued(url: string, wantBody: boolean, maxBytes: number, attempt: number): Promise<Exchange> {
    const host = hostOf(url);
    const q = this.hostQueue(url);
    // Pages first: they reveal the rest of the site, so slow links and retries start early and overlap with the
    // fetching of documents and outbound links instead of trailing at the end of the crawl.
    const priority = wantBody && !isDocumentUrl(url) ? 1 : 0;
    const p = q.add(
      () =>
        this.global.add(
          async () => {
            if (this.state.halted) return haltedExchange(url);
            this.stats.inFlight++;
            this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.stats.inFlight);
            this.stats.requests++;
            const t0 = Date.now();
            try {
              const ex = await this.send(url, wantBody, maxBytes, false);
              this.state.hooks.log?.debug({ url, status: ex.status, ms: Date.now() - t0, error: ex.error?.code, attempt }, 'fetched');
              return ex;
            } finally {
              this.stats.inFlight--;
            }
          },
          { priority },
        ),
      { priority },
    ) as Promise<Exchange>;
    if (!this.firstContact.has(host)) this.firstContact.set(host, p.catch(() => undefined));
    return p;
  }
}

/** What a request queued before the crawl halted gets instead of going out: the run rejects, nobody reads it. */
function haltedExchange(url: string): Exchange {
  return { url, finalUrl: url, status: 0, redirects: [], contentType: '', headers: {}, capped: false, error: { code: 'aborted', message: 'the crawl stopped' } };
}

function retryAfterMs(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
