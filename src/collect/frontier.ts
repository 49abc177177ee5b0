// The crawl's frontier: one record per URL seen (deduplicated, with the pages it was found on), and the visits to do.
import type { LinkCheck } from '../model/artifacts.js';
import { Pending } from './pending.js';

/** One URL the crawl has seen. Its uniqueKey is `check.url`, the normalised URL (see normaliseUrl). */
export interface CrawlRecord {
  /** What the artifacts list for this URL; the visit fills in its outcome. */
  check: LinkCheck;
  depth: number;
  /** Fetch and keep content (same-site page or document), or status only. */
  content: boolean;
}

export interface Visit {
  /** The confirming re-check of a link that failed: one request, no retries. */
  confirming: boolean;
  /** Start after this pause; the frontier still counts the visit as outstanding while it waits. */
  delayMs?: number;
}

/** What a worker does with one record: fetch it and fill in its check (and discover what it links to). */
export type VisitFn = (rec: CrawlRecord, visit: Visit) => Promise<void>;

/** A link on every page of a site (the menu) would otherwise list thousands of pages: the first 10 show where it is. */
export const FOUND_ON_LIMIT = 10;

/**
 * The seam between the crawl and where its URLs are kept. `MemoryFrontier` serves one process; a shared queue
 * (Redis + BullMQ, many workers crawling one site) implements the same methods: each says what it means there.
 * Methods that a shared queue answers over the network return promises, even though the memory one never waits.
 */
export interface Frontier {
  /**
   * The first sighting of `url`: stores `make()` as its record and returns it. `make` decides admission (the
   * record comes back skipped or unverifiable with a reason when it may not be fetched), so it runs once per URL.
   * A later sighting returns undefined and adds `from` (when not empty) to the known record's foundOn: once, and
   * only while it lists fewer than FOUND_ON_LIMIT pages.
   * Shared queue: an atomic add-if-absent on the uniqueKey (HSETNX) holding the record made by `make`, and a
   * deduplicated, capped append to foundOn (one Lua script). Exactly one worker gets the record back; a worker
   * that lost the race has counted the URL against its budgets for nothing, which only makes a budget stricter.
   */
  add(url: string, from: string, make: () => CrawlRecord): Promise<CrawlRecord | undefined>;

  /**
   * Schedules a visit of a stored record: the frontier runs its VisitFn on it, now or after `visit.delayMs`. The
   * record's fields are final for that visit once the VisitFn settles. After a visit threw, nothing new starts.
   * Shared queue: enqueue a job {uniqueKey, confirming} (BullMQ's `delay` for delayMs); the worker that takes it
   * loads the record, runs the VisitFn, writes the record back and acknowledges the job. A VisitFn that throws
   * fails its job, and a failed job (or a failed enqueue) fails the run (see idle).
   */
  schedule(rec: CrawlRecord, visit: Visit): void;

  /**
   * Resolves when no visit is waiting, delayed or running, including visits scheduled while it waits. If a
   * visit threw, rejects with the first error once the visits already running have settled.
   * Shared queue: resolves when the run's queue has drained (no waiting, delayed or active jobs); rejects with
   * the first failed job's error.
   */
  idle(): Promise<void>;

  /**
   * Every record, in the order first seen: the artifacts' links. Read after idle().
   * Shared queue: streamed from the store (HSCAN), ordered by the sequence number HSETNX stored with each record.
   */
  records(): AsyncIterable<CrawlRecord>;
}

/** The frontier of one crawl in one process: a Map of records and a count of outstanding visits. */
export class MemoryFrontier implements Frontier {
  private readonly byKey = new Map<string, CrawlRecord>();
  private readonly pending = new Pending();

  constructor(private readonly visit: VisitFn) {}

  async add(url: string, from: string, make: () => CrawlRecord): Promise<CrawlRecord | undefined> {
    const known = this.byKey.get(url);
    if (known) {
      const { foundOn } = known.check;
      if (from && foundOn.length < FOUND_ON_LIMIT && !foundOn.includes(from)) foundOn.push(from);
      return undefined;
    }
    const rec = make();
    this.byKey.set(url, rec);
    return rec;
  }

  schedule(rec: CrawlRecord, visit: Visit): void {
    if (this.pending.failed) return;
    const start = (): Promise<void> => {
      // A visit delayed past another's failure is not started: the run is about to reject.
      if (this.pending.failed) return Promise.resolve();
      try {
        return this.visit(rec, visit);
      } catch (err) {
        return Promise.reject(err);
      }
    };
    // An undelayed visit starts now, as the crawl always did: its first request joins the host's queue in the
    // order the links were found.
    this.pending.push(visit.delayMs ? sleep(visit.delayMs).then(start) : start());
  }

  idle(): Promise<void> {
    return this.pending.idle();
  }

  async *records(): AsyncIterable<CrawlRecord> {
    yield* this.byKey.values();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
