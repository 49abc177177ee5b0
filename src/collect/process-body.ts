// Turns a fetched body into what the artifacts keep: a parsed page or an extracted document (CPU work; its only I/O
// is appending the result to the crawl's spool file when asked to).
import { createHash } from 'node:crypto';
import type { Document, Page } from '../model/artifacts.js';
import { decodeHtml } from './decode.js';
import type { BodyJob, BodyResult } from './body-job.js';
import { extensionKind } from '../derive/classify.js';
import { extractDocument } from './documents.js';
import { parseHtml } from './html.js';
import { isSoftNotFound, pageFlags } from './page-signals.js';
import { appendLine } from './sink.js';

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
      ...(parsed.chromeLines.length ? { chromeLines: parsed.chromeLines } : {}),
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
      claimedKind: extensionKind(job.url),
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
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
