// Errors the CLI turns into exit codes: usage mistakes (2) and a site that could not be crawled (3).
export class UsageError extends Error {
  override name = 'UsageError';
}

export class CrawlFailedError extends Error {
  override name = 'CrawlFailedError';
}

/** 130: stopped by SIGINT/SIGTERM (the shell's convention); what was collected is saved. */
export const EXIT = { ok: 0, notReady: 1, usage: 2, crawlFailed: 3, interrupted: 130 } as const;
