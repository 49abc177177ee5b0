// Politeness across crawls: at most `limit` requests open at once to one host, whichever crawl sends them. Two agencies
// on one shared host (a province's web hosting, a ministry's portal) are two crawls; each crawl's own per-host queue
// cannot see the other, so every request also takes a slot here. In one process the slots are counted in memory
// (processHostSlots); a fleet of workers counts them in Redis (src/fleet/redis-host-slots.ts).

/** Gives the slot back; calling it twice gives back one slot. */
export type Release = () => void;

export interface HostSlots {
  /** Waits for a free slot of `host` (at most `limit` held at once); rejects if `signal` aborts first. */
  acquire(host: string, limit: number, signal?: AbortSignal): Promise<Release>;
}

/** Slots counted in this process: every crawl of an `oit run` or a worker shares them. */
export class MemoryHostSlots implements HostSlots {
  private readonly held = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  acquire(host: string, limit: number, signal?: AbortSignal): Promise<Release> {
    if ((this.held.get(host) ?? 0) < limit) return Promise.resolve(this.take(host, limit));
    return new Promise<Release>((resolve, reject) => {
      const queue = this.waiting.get(host) ?? [];
      this.waiting.set(host, queue);
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.take(host, limit));
      };
      const onAbort = () => {
        const i = queue.indexOf(wake);
        if (i >= 0) queue.splice(i, 1);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(wake);
    });
  }

  /** Slots held now (tests and the progress line). */
  inUse(host: string): number {
    return this.held.get(host) ?? 0;
  }

  private take(host: string, limit: number): Release {
    this.held.set(host, (this.held.get(host) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.held.get(host) ?? 1) - 1;
      if (n > 0) this.held.set(host, n);
      else this.held.delete(host);
      // A waiter takes the slot only if the limit allows it now (another crawl may have asked for fewer slots).
      const queue = this.waiting.get(host);
      if (queue?.length && (this.held.get(host) ?? 0) < limit) queue.shift()!();
      if (queue && !queue.length) this.waiting.delete(host);
    };
  }
}

/** The process's slots: shared by every crawl that does not bring its own. */
export const processHostSlots = new MemoryHostSlots();
