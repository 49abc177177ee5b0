// Turns a fetched body into what the artifacts keep: a parsed page or an extracted document (CPU work; its only I/O
// is appending the result to the crawl's spool file when asked to).
import type { Document, Page } from '../model/artifacts.js';
import { decodeHtml } from './decode.js';
import { claimedKind, extractDocument } from './documents.js';
import { parseHtml } from './html.js';
import { isSoftNotFound, pageFlags, type NotFoundFingerprint } from './page-signals.js';
import { appendLine } from './sink.js';

export interface BodyJob {
  kind: 'page' | 'document';
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  body: Uint8Array;
  capped: boolean;
  tlsError?: string;
  depth: number;
  redirects: Page['redirects'];
  /**
   * Append the page or document to this spool file descriptor and hand back only what the crawl needs to go on
   * (links to follow, flags). With keepAppShell, an app-shell page comes back whole instead: it may be rendered.
   */
  spoolFd?: number;
  keepAppShell?: boolean;
  notFound?: NotFoundFingerprint;
  documentText: boolean;
  maxHtmlBytes: number;
  maxDocumentBytes: number;
}

/** `page`/`document` are absent when they were written to the spool file instead. */
export type BodyResult =
  | { kind: 'page'; page?: Page; flags: Page['flags']; forms: string[]; next: string[] }
  | { kind: 'document'; document?: Document };

export async function processBody(job: BodyJob): Promise<BodyResult> {
  const bytes = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
  if (job.kind === 'page') {
    const decoded = decodeHtml(bytes, job.contentType);
    const parsed = parseHtml(decoded.text, job.finalUrl);
    const soft404 = isSoftNotFound(parsed, job.notFound);
    const flags = pageFlags(parsed, job.finalUrl);
    if (job.tlsError) flags.push('tls-insecure');
    const page: Page = {
      url: job.url,
      finalUrl: job.finalUrl,
      redirects: job.redirects,
      status: job.status,
      contentType: job.contentType,
      charset: decoded.charset,
      charsetSource: decoded.source,
      depth: job.depth,
      title: parsed.title,
      headings: parsed.headings,
      text: parsed.text,
      textTruncated: parsed.textTruncated || job.capped,
      links: parsed.links,
      tables: parsed.tables,
      images: parsed.images,
      soft404,
      flags,
      ...(job.capped ? { error: { code: 'body-too-large', message: `page cut at ${job.maxHtmlBytes} bytes` } } : {}),
    };
    const next = soft404 ? [] : [...parsed.links.filter((l) => l.url && l.tag !== 'form').map((l) => l.url), ...(parsed.metaRefresh ? [parsed.metaRefresh] : []), ...parsed.images.map((i) => i.src)];
    const forms = parsed.links.filter((l) => l.tag === 'form' && l.url).map((l) => l.url);
    if (job.spoolFd !== undefined && !(job.keepAppShell && flags.includes('app-shell'))) {
      appendLine(job.spoolFd, page);
      return { kind: 'page', flags, forms, next };
    }
    return { kind: 'page', page, flags, forms, next };
  }
  const x = job.documentText ? await extractDocument(bytes, job.finalUrl, job.contentType) : { kind: 'other' as const, text: '', textTruncated: false, meta: {}, tables: [] };
  const document: Document = {
      url: job.url,
      finalUrl: job.finalUrl,
      status: job.status,
      contentType: job.contentType,
      kind: x.kind,
      claimedKind: claimedKind(job.url),
      size: bytes.length,
      sizeCapped: job.capped,
      text: x.text,
      textTruncated: x.textTruncated,
      ...(x.pageCount !== undefined ? { pageCount: x.pageCount } : {}),
      ...(x.hasTextLayer !== undefined ? { hasTextLayer: x.hasTextLayer } : {}),
      meta: x.meta,
      tables: x.tables,
      ...('error' in x && x.error ? { error: x.error } : job.capped ? { error: { code: 'body-too-large', message: `file larger than ${job.maxDocumentBytes} bytes: not read whole` } } : {}),
  };
  if (job.spoolFd === undefined) return { kind: 'document', document };
  appendLine(job.spoolFd, document);
  return { kind: 'document' };
}

/** The artifact of a body that could not be processed at all. */
export function unreadableDocument(job: BodyJob, kind: Document['kind'], size: number, reason: string): Document {
  return {
    url: job.url,
    finalUrl: job.finalUrl,
    status: job.status,
    contentType: job.contentType,
    kind,
    claimedKind: claimedKind(job.url),
    size,
    sizeCapped: job.capped,
    text: '',
    textTruncated: false,
    meta: {},
    tables: [],
    error: { code: 'unreadable', message: `อ่านไฟล์ไม่ได้ / could not be read: ${reason}` },
  };
}
