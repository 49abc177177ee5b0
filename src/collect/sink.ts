// Where crawled pages and documents go: kept in memory, or spooled to JSON-lines files so memory stays flat.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Page } from '../model/artifacts.js';

export interface ArtifactSink {
  page(p: Page): void;
  document(d: Document): void;
  /** Count a page or document that a body worker already appended to this sink's files. */
  written(kind: 'page' | 'document'): void;
  /**
   * The spool files' descriptors. Workers share the process's descriptor table, so a body worker appends its page
   * straight to the file: the page never crosses back to the crawl's thread, whose heap then holds URLs, not pages.
   */
  readonly fds?: { page: number; document: number };
  /** The file behind each descriptor: a parse child opens the same file itself, in append mode. */
  readonly paths?: Record<number, string>;
  readonly counts: { pages: number; documents: number };
  /** In-memory sinks hand back what they hold; spooling sinks hand back nothing (it is on disk). */
  close(): { pages: Page[]; documents: Document[] };
}

export function memorySink(): ArtifactSink {
  const pages: Page[] = [];
  const documents: Document[] = [];
  return {
    page: (p) => void pages.push(p),
    document: (d) => void documents.push(d),
    written: () => {
      throw new Error('an in-memory sink has no files to write to');
    },
    get counts() {
      return { pages: pages.length, documents: documents.length };
    },
    close: () => ({ pages, documents }),
  };
}

export const SPOOL_FILES = { pages: 'pages.spool.jsonl', documents: 'documents.spool.jsonl' } as const;

/** One JSON line per page or document, written as it is made. */
export function spoolSink(dir: string): ArtifactSink {
  // Append mode: parse children append to the same files through their own descriptors, and every write lands at
  // the end whoever makes it (a descriptor with its own offset would overwrite their lines).
  const pagesPath = join(dir, SPOOL_FILES.pages);
  const docsPath = join(dir, SPOOL_FILES.documents);
  writeFileSync(pagesPath, '');
  writeFileSync(docsPath, '');
  const pf = openSync(pagesPath, 'a');
  const df = openSync(docsPath, 'a');
  const counts = { pages: 0, documents: 0 };
  return {
    page(p) {
      appendLine(pf, p);
      counts.pages++;
    },
    document(d) {
      appendLine(df, d);
      counts.documents++;
    },
    written(kind) {
      if (kind === 'page') counts.pages++;
      else counts.documents++;
    },
    fds: { page: pf, document: df },
    paths: { [pf]: pagesPath, [df]: docsPath },
    counts,
    close() {
      closeSync(pf);
      closeSync(df);
      return { pages: [], documents: [] };
    },
  };
}

/** One JSON line in one write(2) to a file opened for appending: lines from the crawl and its parse children never
 * interleave. */
export function appendLine(fd: number, value: unknown): void {
  writeSync(fd, `${JSON.stringify(value)}\n`);
}
