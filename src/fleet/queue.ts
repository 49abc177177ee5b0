// The fleet's job queue on BullMQ: one job per agency per cycle, its id `<cycle>.<agency>`, so that a job is never
// enqueued twice (BullMQ ignores an add whose id exists; completed jobs are kept past the cycle for that reason).
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueConfig } from '../schedule/config.js';

export interface AuditJob {
  agency: string;
  cycle: string;
}

/** BullMQ job ids may not contain ":". Agency ids are lower-case letters, digits, - and _. */
export const jobIdOf = (cycle: string, agency: string): string => `${cycle}.${agency}`;

/**
 * A Redis connection. A worker's waits for Redis to come back (BullMQ's blocking reads need that); a command's or the
 * web page's gives up after a few tries, so that `oit queue status` or the fleet page says Redis is down instead of
 * hanging.
 */
export function redisOf(q: QueueConfig, patient = true): Redis {
  return patient
    ? new Redis(q.url, { maxRetriesPerRequest: null })
    : new Redis(q.url, { maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: (n) => (n > 2 ? null : 300) });
}

export function openQueue(q: QueueConfig, connection: Redis = redisOf(q)): Queue<AuditJob> {
  return new Queue<AuditJob>(q.name, {
    connection,
    defaultJobOptions: {
      attempts: q.attempts,
      backoff: { type: 'exponential', delay: q.backoffSeconds * 1000 },
      // Kept for 45 days: longer than a cycle, so an id is still known when a scheduler ticks again in the cycle.
      removeOnComplete: { age: 45 * 86_400 },
      removeOnFail: { age: 45 * 86_400 },
    },
  });
}

/** The queue for one task, its connection closed after. */
export async function withQueue<T>(q: QueueConfig, fn: (queue: Queue<AuditJob>) => Promise<T>): Promise<T> {
  const connection = redisOf(q, false);
  // Connection errors reach the caller through the failed command; the event itself need not crash anything.
  connection.on('error', () => undefined);
  const queue = openQueue(q, connection);
  queue.on('error', () => undefined);
  try {
    return await fn(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export interface Enqueued {
  cycle: string;
  added: string[];
  /** Agencies whose job for this cycle was already in the queue (waiting, running, done or failed). */
  already: string[];
}

export async function enqueueCycle(queue: Queue<AuditJob>, cycle: string, agencies: string[]): Promise<Enqueued> {
  const out: Enqueued = { cycle, added: [], already: [] };
  for (const agency of agencies) {
    const id = jobIdOf(cycle, agency);
    // The check is for the report only: add() with an existing id does nothing, whoever races us.
    if (await queue.getJob(id)) out.already.push(agency);
    else {
      await queue.add('audit', { agency, cycle }, { jobId: id });
      out.added.push(agency);
    }
  }
  return out;
}

export interface CycleCounts {
  cycle: string;
  waiting: number;
  active: number;
  done: number;
  failed: number;
  /** Retries waiting for their backoff, and jobs handed back. */
  delayed: number;
  /** When the oldest job still waiting was enqueued (ISO), if any. */
  oldestWaiting?: string;
}

export interface QueueStatus {
  name: string;
  cycles: CycleCounts[];
  /** Workers connected now (BullMQ's list). */
  workers: number;
}

const STATES = { waiting: ['waiting', 'prioritized'], active: ['active'], done: ['completed'], failed: ['failed'], delayed: ['delayed'] } as const;

/** Waiting / active / done / failed per cycle, newest cycle first, with the oldest waiting job of each. */
export async function queueStatus(queue: Queue<AuditJob>): Promise<QueueStatus> {
  const byCycle = new Map<string, CycleCounts>();
  const row = (cycle: string) => {
    let r = byCycle.get(cycle);
    if (!r) byCycle.set(cycle, (r = { cycle, waiting: 0, active: 0, done: 0, failed: 0, delayed: 0 }));
    return r;
  };
  for (const [key, states] of Object.entries(STATES) as Array<[keyof typeof STATES, readonly string[]]>) {
    // Jobs are read a page at a time: a national fleet has some 8,300 a cycle.
    for (let start = 0; ; start += 1000) {
      const jobs = await queue.getJobs(states as never, start, start + 999, true);
      for (const job of jobs) {
        if (!job?.data) continue;
        const r = row(job.data.cycle);
        r[key]++;
        if (key === 'waiting') {
          const at = new Date(job.timestamp).toISOString();
          if (!r.oldestWaiting || at < r.oldestWaiting) r.oldestWaiting = at;
        }
      }
      if (jobs.length < 1000) break;
    }
  }
  const workers = (await queue.getWorkers()).length;
  return { name: queue.name, cycles: [...byCycle.values()].sort((a, b) => b.cycle.localeCompare(a.cycle)), workers };
}
