// Errors the CLI turns into exit codes: usage mistakes (2) and a site that could not be crawled (3).
export class UsageError extends Error {
  override name = 'UsageError';
}

export class CrawlFailedError extends Error {
  override name = 'CrawlFailedError';
}

/**
 * A service the config names (the PostgreSQL store, the Redis queue) did not answer, or refused: one line that names
 * the setting and the server (its password left out), exit 75 (try again later), never a stack trace.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';
}

/** A URL as it may be shown: without its password. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** `p`, with any failure but a usage or input mistake turned into a ServiceError naming `field` and its server. */
export async function service<T>(field: string, url: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof UsageError || (err as Error).name === 'InputError') throw err;
    const e = err as Error & { code?: string; errors?: Error[] };
    // A refused connection on both loopback addresses arrives as an AggregateError with an empty message.
    const detail = e.message || e.errors?.map((x) => x.message).join('; ') || e.code || String(err);
    throw new ServiceError(`${field} (${shownUrl(url)}): ${detail}`);
  }
}

/** 130: stopped by SIGINT/SIGTERM (the shell's convention); what was collected is saved. */
export const EXIT = { ok: 0, notReady: 1, usage: 2, crawlFailed: 3, service: 75, interrupted: 130 } as const;
