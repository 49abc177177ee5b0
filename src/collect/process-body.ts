// Turns a fetched body into what the artifacts keep: a parsed page or an extracted document (CPU work, no I/O).
import type { Document, Page } from '../model/artifacts.js';
import { decodeHtml } from './decode.js';
import { claimedKind, extractDocument } from './documents.js';
import { parseHtml } from './html.js';
import { isSoftNotFound, pageFlags, type NotFoundFingerprint } from './page-signals.js';

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
  notFound?: NotFoundFingerprint;
  documentText: boolean;
  maxHtmlBytes: number;
  maxDocumentBytes: number;
}

export type BodyResult =
  | { kind: 'page'; page: Page; next: string[] }
  | { kind: 'document'; document: Document };

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
      redirects: [],
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
    return { kind: 'page', page, next };
  }
  const x = job.documentText ? await extractDocument(bytes, job.finalUrl, job.contentType) : { kind: 'other' as const, text: '', textTruncated: false, meta: {}, tables: [] };
  return {
    kind: 'document',
    document: {
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
    },
  };
}

/** The artifact of a body that could not be processed at all. */
export function unreadableDocument(job: BodyJob, kind: Document['kind'], reason: string): Document {
  return {
    url: job.url,
    finalUrl: job.finalUrl,
    status: job.status,
    contentType: job.contentType,
    kind,
    claimedKind: claimedKind(job.url),
    size: job.body.byteLength,
    sizeCapped: job.capped,
    text: '',
    textTruncated: false,
    meta: {},
    tables: [],
    error: { code: 'unreadable', message: `อ่านไฟล์ไม่ได้ / could not be read: ${reason}` },
  };
}
