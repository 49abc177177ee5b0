// `oit worker`: takes agencies' jobs from the queue and audits them into the store, on as many machines as there
// are. BullMQ keeps a job's lock while its worker lives; a worker killed mid-job loses the lock after `lockSeconds`,
// and another worker's stalled-job check hands the job on. The audit resumes from the stage the store holds, and
// the store keeps one audit per agency per cycle, so a job done twice is recorded once.
import { hostname } from 'node:os';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { runQueuedAudit } from '../schedule/worker.js';
import type { Config, QueueConfig } from '../schedule/config.js';
import type { RunStore } from '../schedule/store-api.js';
import { openQueue, redisOf, type AuditJob } from './queue.js';
import { RedisHostSlots } from './redis-host-slots.js';

export interface FleetWorkerOptions {
  /** Agencies audited at once by this worker. */
  concurrency: number;
  /** Stop when the queue has nothing waiting, running or delayed (a batch job, a test, the bench). */
  exitWhenIdle?: boolean;
  log?: Logger;
  /** Told of each job as it ends (the command prints a line). */
  onJob?: (e: JobEvent) => void;
}

export interface JobEvent {
  agency: string;
  cycle: string;
  outcome: 'done' | 'skipped' | 'handed-back' | 'failed' | 'retry';
  stage?: string;
  score?: number | null;
  error?: string;
}

export interface FleetWorker {
  /** Resolves when the worker has stopped (idle with exitWhenIdle, or after stop()). */
  finished: Promise<{ done: number; failed: number }>;
  /**
   * Graceful stop: no new jobs; running audits get `graceMs` to finish, then are interrupted and handed back to the
   * queue for another worker (what they crawled is not lost: the next attempt starts from the saved stage).
   */
  stop(graceMs: number): Promise<void>;
}

export function startFleetWorker(config: Config & { queue: QueueConfig }, store: RunStore, opts: FleetWorkerOptions): FleetWorker {
  const q = config.queue;
  const connection = redisOf(q);
  const queue = openQueue(q, connection);
  // A slot lease outlives the longest request (headers then body, each up to the timeout), so it is never lost while
  // in use; a killed worker's slots come back after it.
  const slots = new RedisHostSlots(connection, { prefix: `oit:${q.name}:host-slots`, leaseMs: (config.collector.timeoutSeconds * 2 + 30) * 1000 });
  const interrupt = new AbortController();
  const counts = { done: 0, failed: 0 };

  // A job that hangs (a site that trickles bytes past every other limit) is stopped and retried, not held forever.
  const jobTimeoutMs = (q.jobTimeoutSeconds ?? config.collector.maxMinutes * 60 + 1800) * 1000;

  const processor = async (job: Job<AuditJob>, token?: string) => {
    const { agency, cycle } = job.data;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('job timed out')), jobTimeoutMs);
    const entry = await runQueuedAudit(config, store, cycle, agency, {
      signal: AbortSignal.any([interrupt.signal, timeout.signal]),
      hostSlots: slots,
      ...(opts.log ? { log: opts.log } : {}),
      trigger: 'queue',
      holder: `${hostname()}:${process.pid}:${job.id}`,
      leaseMs: q.lockSeconds * 1000,
    }).finally(() => clearTimeout(timer));
    if (entry.heldElsewhere) {
      // Another worker still audits it (this job reached us when its lock was lost to a stall): look again later.
      await job.moveToDelayed(Date.now() + (q.lockSeconds * 1000) / 2, token);
      throw new DelayedError();
    }
    if ((entry.stage === 'pending' || entry.stage === 'crawled') && timeout.signal.aborted && !interrupt.signal.aborted) {
      // BullMQ retries it with backoff, and fails it after its last attempt.
      throw new Error(`the audit of ${agency} was still running after ${Math.round(jobTimeoutMs / 1000)} s: stopped`);
    }
    if (entry.stage === 'pending' || entry.stage === 'crawled') {
      // Interrupted by a stop: back to the queue at once, for whichever worker is free.
      await job.moveToDelayed(Date.now(), token);
      opts.onJob?.({ agency, cycle, outcome: 'handed-back' });
      throw new DelayedError();
    }
    return { stage: entry.stage, score: entry.score, skipped: entry.skipped };
  };

  const worker = new Worker<AuditJob>(q.name, processor, {
    connection,
    // Shown as the job's processedBy and in `oit queue status`: which machine and process holds it.
    name: `${hostname()}:${process.pid}`,
    concurrency: opts.concurrency,
    lockDuration: q.lockSeconds * 1000,
    stalledInterval: Math.max(1000, (q.lockSeconds * 1000) / 2),
    // A job whose worker died twice is failed rather than handed on forever (a site that kills workers).
    maxStalledCount: 2,
  });
  worker.on('completed', (job, r: { stage: string; score: number | null; skipped: boolean }) => {
    counts.done++;
    opts.onJob?.({ agency: job.data.agency, cycle: job.data.cycle, outcome: r.skipped ? 'skipped' : 'done', stage: r.stage, score: r.score });
  });
  worker.on('failed', (job, err) => {
    if (!job || err instanceof DelayedError) return;
    const last = job.attemptsMade >= (job.opts.attempts ?? 1);
    if (last) {
      counts.failed++;
      // The history says so too, and the cycle can end without it.
      const p = failInStore(job.data, err.message).catch((e: Error) => opts.log?.error({ err: e.message }, 'could not record the failure'));
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    opts.onJob?.({ agency: job.data.agency, cycle: job.data.cycle, outcome: last ? 'failed' : 'retry', error: err.message });
    opts.log?.error({ agency: job.data.agency, cycle: job.data.cycle, attempt: job.attemptsMade, err: err.message }, last ? 'job failed' : 'job failed, will retry');
  });
  // Connection trouble is logged, not thrown: ioredis reconnects and BullMQ carries on.
  worker.on('error', (err) => opts.log?.error({ err: err.message }, 'queue worker error'));

  const pending = new Set<Promise<unknown>>();
  const failInStore = async (data: AuditJob, message: string) => {
    const row = await store.cycleAudit(data.cycle, { id: data.agency, outDir: () => '' }, new Date());
    if (row.stage === 'alerted' || row.stage === 'recorded' || row.stage === 'unreachable') return;
    await store.setStage(row.run_id, data.agency, 'failed', message);
    await store.finishCycle(row.run_id, new Date());
  };

  let stopping: Promise<void> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const close = async () => {
    if (idleTimer) clearInterval(idleTimer);
    await worker.close();
    await Promise.all(pending);
    await queue.close();
    connection.disconnect();
  };
  const finished = new Promise<{ done: number; failed: number }>((resolve, reject) => {
    worker.once('closed', () => resolve(counts));
    if (opts.exitWhenIdle) {
      let checking = false;
      idleTimer = setInterval(() => {
        if (checking || stopping) return;
        checking = true;
        queue
          .getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'waiting-children')
          .then((c) => {
            // Active includes a job whose worker died and whose lock has not yet run out: we wait for it.
            if (Object.values(c).every((n) => n === 0)) stopping ??= close();
          })
          .catch(reject)
          .finally(() => (checking = false));
      }, 500);
    }
  });

  return {
    finished,
    stop(graceMs: number) {
      if (stopping) return stopping;
      const timer = setTimeout(() => interrupt.abort(new Error('worker stopping')), graceMs);
      stopping = close().finally(() => clearTimeout(timer));
      return stopping;
    },
  };
}
