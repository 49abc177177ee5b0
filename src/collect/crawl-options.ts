// What a caller can set for one crawl (options, hooks) and what it is told while it runs (progress).
import type { Logger } from 'pino';
import { TOOL } from '../version.js';
import type { RenderMode } from './render.js';
import type { HostSlots } from './host-slots.js';

export interface CrawlOptions {
  maxPages: number;
  maxDocuments: number;
  maxDepth: number;
  maxMinutes: number;
  concurrency: number;
  perHost: number;
  timeoutSeconds: number;
  respectRobots: boolean;
  userAgent: string;
  retries: number;
  /** Pause before the confirming re-check of links that failed. */
  recheckDelayMs: number;
  maxHtmlBytes: number;
  maxDocumentBytes: number;
  /** Read sitemap.xml (and robots' Sitemap: lines) for URLs no link reaches. */
  sitemaps: boolean;
  /** Extract document text (PDF, DOCX, XLSX, DOC). Off for a links-only check. */
  documentText: boolean;
  /** Worker threads that parse pages and extract documents (0: in the crawl's own thread). */
  workers: number;
  /** Render pages that need scripts in Chromium: auto (only those), never, always (every page). */
  render: RenderMode;
  /** Rendering budget per site. */
  renderPages: number;
  renderSeconds: number;
}

export const DEFAULT_CRAWL_OPTIONS: CrawlOptions = {
  maxPages: 2000,
  maxDocuments: 1500,
  maxDepth: 8,
  maxMinutes: 30,
  concurrency: 8,
  perHost: 4,
  timeoutSeconds: 20,
  respectRobots: true,
  userAgent: `${TOOL.name}/${TOOL.version} (+https://github.com/oit-crawler/oit-crawler; ITA OIT readiness check)`,
  retries: 2,
  recheckDelayMs: 700,
  maxHtmlBytes: 5 * 1024 * 1024,
  maxDocumentBytes: 40 * 1024 * 1024,
  sitemaps: true,
  documentText: true,
  workers: 1,
  render: 'auto',
  renderPages: 40,
  renderSeconds: 180,
};

export interface CrawlProgress {
  pages: number;
  documents: number;
  queued: number;
  inFlight: number;
  errors: number;
  requests: number;
  elapsedMs: number;
}

export interface CrawlHooks {
  log?: Logger;
  onProgress?: (p: CrawlProgress) => void;
  /** Abort the crawl (SIGTERM): what was collected is still returned. */
  signal?: AbortSignal;
  /**
   * Spool pages and documents to JSON-lines files in this folder instead of keeping them: memory then stays flat
   * however large the site. The returned artifacts have empty pages/documents; see assembleArtifacts.
   */
  spoolDir?: string;
  /** Per-host slots shared with other crawls (a fleet's Redis); by default the process's own. */
  hostSlots?: HostSlots;
}
