// What the crawl may fetch: services that cannot be checked, robots.txt Disallow, URL traps, page/document/depth budgets.
import type { LinkCheck } from '../model/artifacts.js';
import { hasRepeatingPath, isAssetUrl, isDocumentUrl, isImageUrl, trapKey, unverifiableReason } from '../derive/classify.js';
import type { CrawlState } from './crawl-state.js';
import type { CrawlRecord } from './frontier.js';
import { hostOf, isSameSite } from './url.js';

// Calendars rarely hold OIT evidence: a few months of one are enough to see what it links to.
const TRAP_BUDGET = { dateLike: 3, other: 300 };

/** Per-run admission bookkeeping: each URL is admitted once, when the frontier first sees it. */
export class Admission {
  private readonly trapCounts = new Map<string, number>();
  private pagesTaken = 0;
  private docsTaken = 0;
  /** Same-site URLs robots.txt kept the crawl from: the artifacts report the count. */
  disallowedSeen = 0;
  /**
   * Pages refused because the page budget was full, first come first served. A page that turns out not to exist
   * (404) gives its place back to the first of them: dead links do not use up the budget of pages read.
   */
  private readonly waiting: CrawlRecord[] = [];
  private static readonly WAITLIST = 5000;
  private refunds = 0;

  constructor(private readonly state: CrawlState) {}

  /**
   * The record of a URL seen for the first time at `depth`, linked from `from`. One that may be fetched is left
   * without a reason (see admitted); the others say why not: an unverifiable class, robots, trap, budget.
   */
  admit(url: string, from: string, depth: number): CrawlRecord {
    const { o } = this.state;
    const sameSite = isSameSite(url, this.state.site);
    const check: LinkCheck = { url, state: 'skipped', status: 0, redirects: [], sameSite, foundOn: from ? [from] : [], confirmed: false };
    const rec: CrawlRecord = { check, depth, content: false };
    const reason = unverifiableReason(url);
    if (reason) {
      check.state = 'unverifiable';
      check.reason = reason;
      return rec;
    }
    // Other sites' links are only checked (status, no content), so no budget or trap applies to them.
    if (!sameSite) return rec;
    const robots = this.state.robots.get(hostOf(url));
    if (o.respectRobots && robots && !robots.allowed(url)) {
      check.reason = 'robots';
      this.disallowedSeen++;
      return rec;
    }
    if (hasRepeatingPath(url)) {
      check.reason = 'trap';
      return rec;
    }
    const isDoc = isDocumentUrl(url);
    const isAsset = isAssetUrl(url) || isImageUrl(url);
    // A trap is pages that link to more pages. Documents and assets link to nothing the crawl follows, so files under
    // date folders (WordPress's /wp-content/uploads/2566/01/…: a year's monthly procurement reports) are all fetched;
    // the document budget bounds them.
    const shape = isDoc || isAsset ? undefined : trapKey(url);
    if (shape) {
      const n = (this.trapCounts.get(shape.key) ?? 0) + 1;
      this.trapCounts.set(shape.key, n);
      const budget = shape.dateLike ? TRAP_BUDGET.dateLike : TRAP_BUDGET.other;
      if (n > budget) {
        check.reason = 'trap';
        if (n === budget + 1) this.state.errors.push({ code: 'trap', message: `endless URL pattern cut off: ${shape.key}`, url });
        return rec;
      }
    }
    // Assets are checked but never kept, so they count against no budget.
    if (isDoc ? this.docsTaken >= o.maxDocuments : !isAsset && (this.pagesTaken >= o.maxPages || depth > o.maxDepth)) {
      check.reason = 'budget';
      if (!isDoc && depth <= o.maxDepth && this.waiting.length < Admission.WAITLIST) this.waiting.push(rec);
      else this.state.budgetHit ??= isDoc ? 'documents' : depth > o.maxDepth ? 'depth' : 'pages';
      return rec;
    }
    rec.content = !isAsset;
    if (isDoc) this.docsTaken++;
    else if (!isAsset) this.pagesTaken++;
    return rec;
  }

  /**
   * A page that was admitted did not exist (confirmed broken): its place goes to the first page that waited for one,
   * which is returned ready to fetch. Refunds are bounded by the budget itself, so a site of dead links cannot make
   * the crawl fetch without end.
   */
  refund(rec: CrawlRecord): CrawlRecord | undefined {
    if (!rec.content || isDocumentUrl(rec.check.url) || this.refunds >= this.state.o.maxPages) return undefined;
    this.refunds++;
    this.pagesTaken--;
    const next = this.waiting.shift();
    if (!next) return undefined;
    delete next.check.reason;
    next.content = true;
    this.pagesTaken++;
    return next;
  }

  /** Pages still refused at the end: the page budget was really hit. */
  get stillWaiting(): number {
    return this.waiting.length;
  }

  /** A form's target: listed, never fetched, never "broken". */
  form(url: string, from: string): CrawlRecord {
    const check: LinkCheck = { url, state: 'unverifiable', status: 0, redirects: [], sameSite: isSameSite(url, this.state.site), foundOn: [from], reason: 'form', confirmed: false };
    return { check, depth: 0, content: false };
  }
}

/** Whether admission let the record be fetched: every refusal leaves a reason. */
export const admitted = (rec: CrawlRecord): boolean => rec.check.reason === undefined;
