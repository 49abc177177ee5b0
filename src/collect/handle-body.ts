// What the crawl does with a body it keeps: a body worker parses the page or reads the document, app shells are
// rendered, and the page's links and form targets go back to the run loop.
import type { Page } from '../model/artifacts.js';
import { unreadableDocument, type BodyJob, type BodyResult } from './body-job.js';
import { isDocumentUrl } from '../derive/classify.js';
import type { CrawlState } from './crawl-state.js';
import type { Fetcher } from './fetcher.js';
import type { CrawlRecord } from './frontier.js';
import type { Exchange } from './http.js';
import type { NotFoundFingerprint } from './page-signals.js';
import type { Renderer } from './render.js';
import type { ArtifactSink } from './sink.js';
import { sniffKind } from './sniff.js';
import { hostOf } from './url.js';
import type { BodyProcessor } from './parse-pool.js';

type PageResult = Extract<BodyResult, { kind: 'page' }>;

/** What a kept page links to; a document links to nothing the crawl follows. */
export interface Found {
  forms: string[];
  next: string[];
}

export class BodyHandler {
  constructor(
    private readonly state: CrawlState,
    private readonly fetcher: Fetcher,
    private readonly bodies: BodyProcessor,
    private readonly renderer: Renderer,
    private readonly sink: ArtifactSink,
  ) {}

  /** Turns a fetched body into a page or a document in the sink. May throw: the caller records the URL as unprocessable. */
  async keep(rec: CrawlRecord, ex: Exchange & { body: Buffer }): Promise<Found> {
    const { o } = this.state;
    const { check } = rec;
    const body = ex.body;
    const kind = sniffKind(body);
    const htmlType = /html|xhtml/i.test(ex.contentType) || (ex.contentType === '' && kind === 'html');
    const asPage = htmlType && (kind === 'html' || kind === 'text' || kind === 'other' || kind === 'empty') && !isDocumentUrl(check.url);
    // Pages and documents go straight from the worker to the spool file; an app-shell page comes back when it may
    // be rendered, and with `--render always` every page does.
    const notFound = await this.state.notFound.get(hostOf(ex.finalUrl));
    const spoolFd = o.render === 'always' && asPage ? undefined : this.sink.fds?.[asPage ? 'page' : 'document'];
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
      ...(spoolFd !== undefined ? { spoolFd, keepAppShell: o.render === 'auto' } : {}),
      ...(notFound ? { notFound } : {}),
      documentText: o.documentText,
      maxHtmlBytes: o.maxHtmlBytes,
      maxDocumentBytes: o.maxDocumentBytes,
    };
    let result: BodyResult;
    const size = body.byteLength;
    try {
      // A file cut at the size cap cannot be read anyway (PDF, DOCX and XLSX keep their index at the end): it is
      // recorded as too large without handing tens of megabytes to a parser.
      if (!asPage && ex.capped) result = { kind: 'document', document: { ...unreadableDocument(job, kind, size, ''), error: { code: 'body-too-large', message: `file larger than ${o.maxDocumentBytes} bytes: not read` } } };
      else result = await this.bodies.run(job);
    } catch (err) {
      // The file could not be processed (its parse child ran out of memory or was killed, or the parser threw): it
      // stays in the artifacts as unreadable, so the judge reports it instead of silently not seeing it, and the
      // crawl says which file it was.
      const reason = (err as Error).message;
      this.state.errors.push({ code: 'not-parsed', message: `not read: ${reason}`, url: check.url });
      result = { kind: 'document', document: unreadableDocument(job, kind, size, reason) };
    }
    if (result.kind === 'document') {
      if (result.document) this.sink.document(result.document);
      else this.sink.written('document');
      return { forms: [], next: [] };
    }
    return this.page(result, job, ex);
  }

  /** The title and text length of a site's answer to a path that cannot exist, read by the body worker. */
  async fingerprint(ex: Exchange & { body: Buffer }): Promise<NotFoundFingerprint | undefined> {
    const { o } = this.state;
    const r = await this.bodies.run({ kind: 'page', url: ex.url, finalUrl: ex.finalUrl, status: ex.status, contentType: ex.contentType, body: ex.body, capped: ex.capped, depth: 0, redirects: [], documentText: false, maxHtmlBytes: o.maxHtmlBytes, maxDocumentBytes: o.maxDocumentBytes });
    return r.kind === 'page' && r.page ? { title: r.page.title, textLength: r.page.text.length } : undefined;
  }

  /** A parsed page, rendered first when it needs scripts; absent when the worker already spooled it. */
  private async page(parsed: PageResult, job: BodyJob, ex: Exchange): Promise<Found> {
    const { render } = this.state.o;
    let result = parsed;
    const needsRender = render === 'always' || (render === 'auto' && result.flags.includes('app-shell'));
    if (needsRender && result.page) result = await this.rendered({ ...result, page: result.page }, job, ex);
    if (result.page) this.sink.page(result.page);
    else this.sink.written('page');
    return { forms: result.forms, next: result.next };
  }

  /** The page as a browser shows it after its scripts ran, or the static page when that is not possible. */
  private async rendered(staticResult: PageResult & { page: Page }, job: BodyJob, ex: Exchange): Promise<PageResult> {
    if (!this.renderer.reserve()) {
      this.state.renderSkipped++;
      return staticResult;
    }
    try {
      // Through the same host and global limits as any request: the browser's own requests stay within one slot.
      const html = await this.fetcher.limited(ex.finalUrl, () => this.renderer.render(ex.finalUrl, this.state.o.timeoutSeconds * 1000));
      const { spoolFd: _, ...unspooled } = job;
      const r = await this.bodies.run({ ...unspooled, body: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8', capped: false });
      if (r.kind !== 'page' || !r.page) return staticResult;
      r.page.charset = staticResult.page.charset;
      r.page.charsetSource = staticResult.page.charsetSource;
      r.page.flags = [...new Set([...staticResult.page.flags, ...r.page.flags.filter((f) => f !== 'app-shell'), 'rendered' as const])];
      return r;
    } catch (err) {
      this.state.errors.push({ code: 'render-failed', message: (err as Error).message.split('\n')[0]!, url: ex.finalUrl });
      return staticResult;
    }
  }
}
