// Errors the CLI turns into exit codes: usage mistakes (2) and a site that could not be crawled (3).
export class UsageError extends Error {
  override name = 'UsageError';
}

export class CrawlFailedError extends Error {
  override name = 'CrawlFailedError';
}

export const EXIT = { ok: 0, notReady: 1, usage: 2, crawlFailed: 3 } as const;
