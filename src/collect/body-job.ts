// What the crawl hands a body worker and gets back; kept apart from the parsers so the crawl's thread never loads them.
import type { Document, Page } from '../model/artifacts.js';
import { extensionKind } from '../derive/classify.js';
import type { NotFoundFingerprint } from './page-signals.js';

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

/** The artifact of a body that could not be processed at all. */
export function unreadableDocument(job: BodyJob, kind: Document['kind'], size: number, reason: string): Document {
  return {
    url: job.url,
    finalUrl: job.finalUrl,
    status: job.status,
    contentType: job.contentType,
    kind,
    claimedKind: extensionKind(job.url),
    size,
    sizeCapped: job.capped,
    text: '',
    textTruncated: false,
    meta: {},
    tables: [],
    error: { code: 'unreadable', message: `อ่านไฟล์ไม่ได้ / could not be read: ${reason}` },
  };
}
