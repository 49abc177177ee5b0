// The state every part of one crawl shares: options, hooks, clock, the site, findings so far, and whether to stop.
import type { ErrorInfo } from '../model/artifacts.js';
import type { CrawlHooks, CrawlOptions } from './crawl-options.js';
import type { NotFoundFingerprint } from './page-signals.js';
import type { Robots } from './robots.js';

/**
 * Made by crawlSite for each run and passed to the fetcher, the admission policy and the body handler; each of
 * those keeps its own bookkeeping as well. Two crawls in one process share nothing.
 */
export class CrawlState {
  readonly started = Date.now();
  readonly deadline: number;
  /** The origin the start URL lands on (agencies redirect http → https, bare → www); set before anything is crawled. */
  site = '';
  readonly errors: Array<ErrorInfo & { url?: string }> = [];
  /** robots.txt per host, read before the crawl starts: it decides what may be fetched and how fast. */
  readonly robots = new Map<string, Robots>();
  /** How each host's "not found" page looks (probed in the background; pages wait for it before being judged soft 404s). */
  readonly notFound = new Map<string, Promise<NotFoundFingerprint | undefined>>();
  /** Why the crawl did not fetch everything it found: pages, depth, time, aborted. */
  budgetHit: string | undefined;
  /** Links confirmed broken. */
  broken = 0;
  /** Pages that needed scripts but were read statically (no browser, or its budget used up). */
  renderSkipped = 0;
  private haltedByFailure = false;

  constructor(
    readonly o: CrawlOptions,
    readonly hooks: CrawlHooks,
  ) {
    this.deadline = this.started + o.maxMinutes * 60_000;
  }

  /** True once the crawl must start nothing new: aborted, out of time, or halted. */
  stopped(): boolean {
    if (this.haltedByFailure) return true;
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

  /**
   * A task of the crawl failed, so the run will reject: requests still queued are answered without the network and
   * nothing new starts, so the tasks already running settle quickly and the run can close what they used.
   */
  halt(): void {
    this.haltedByFailure = true;
  }

  get halted(): boolean {
    return this.haltedByFailure;
  }
}
