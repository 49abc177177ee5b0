// Where crawled pages and documents go: kept in memory, or spooled to JSON-lines files so memory stays flat.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Page } from '../model/artifacts.js';

export interface ArtifactSink {
  page(p: Page): void;
  document(d: Document): void;
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
    get counts() {
      return { pages: pages.length, documents: documents.length };
    },
    close: () => ({ pages, documents }),
  };
}

export const SPOOL_FILES = { pages: 'pages.spool.jsonl', documents: 'documents.spool.jsonl' } as const;

/** One JSON line per page or document, written as it is made. */
export function spoolSink(dir: string): ArtifactSink {
  const pf = openSync(join(dir, SPOOL_FILES.pages), 'w');
  const df = openSync(join(dir, SPOOL_FILES.documents), 'w');
  const counts = { pages: 0, documents: 0 };
  return {
    page(p) {
      writeSync(pf, `${JSON.stringify(p)}\n`);
      counts.pages++;
    },
    document(d) {
      writeSync(df, `${JSON.stringify(d)}\n`);
      counts.documents++;
    },
    counts,
    close() {
      closeSync(pf);
      closeSync(df);
      return { pages: [], documents: [] };
    },
  };
}
