// A small pool of body-processing workers, so parsing and PDF text never stall the crawl's network I/O.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BodyJob, BodyResult } from './body-job.js';

export interface BodyProcessor {
  run(job: BodyJob): Promise<BodyResult>;
  close(): Promise<void>;
}

const WORKER_FILE = fileURLToPath(new URL('./body-worker.js', import.meta.url));

/**
 * Each worker's heap is capped: one hostile or huge document (a 5 MB scan, a PDF built to exhaust a parser) kills
 * that worker, which is replaced; the crawl records the file as unreadable and its memory stays bounded.
 */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 3 };

interface Job {
  id: number;
  job: BodyJob;
  resolve: (r: BodyResult) => void;
  reject: (e: Error) => void;
}

class Slot {
  worker!: Worker;
  readonly jobs = new Map<number, Job>();
  constructor(private readonly closed: () => boolean) {
    this.spawn();
  }
  private spawn(): void {
    const worker = new Worker(WORKER_FILE, { resourceLimits: WORKER_LIMITS });
    this.worker = worker;
    worker.on('message', (m: { id: number; result?: BodyResult; error?: string }) => {
      const j = this.jobs.get(m.id);
      if (!j) return;
      this.jobs.delete(m.id);
      if (m.error !== undefined) j.reject(new Error(m.error));
      else j.resolve(m.result!);
    });
    const fail = (err: Error) => {
      if (worker !== this.worker) return;
      for (const [id, j] of this.jobs) {
        this.jobs.delete(id);
        j.reject(err);
      }
      if (!this.closed()) this.spawn();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker stopped (exit ${code}): the file needed more memory than allowed`)));
  }
  send(j: Job): void {
    this.jobs.set(j.id, j);
    // A body that owns its whole ArrayBuffer moves to the worker instead of being copied: the crawl's thread would
    // otherwise hold a second copy of every page and file until its next full collection.
    const b = j.job.body;
    const owned = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.byteLength > 0 && !(b.buffer instanceof SharedArrayBuffer);
    this.worker.postMessage({ id: j.id, job: j.job }, owned ? [b.buffer as ArrayBuffer] : []);
  }
}

/** `size` workers, least-busy first; size 0, or no compiled worker file (tests on the TypeScript sources), runs inline. */
export function makeBodyProcessor(size: number): BodyProcessor {
  // Inline, the parsers are loaded on first use: a crawl's thread that hands bodies to workers never loads them.
  if (size <= 0 || !existsSync(WORKER_FILE)) return { run: async (job) => (await import('./process-body.js')).processBody(job), close: async () => undefined };
  let closed = false;
  let nextId = 0;
  const slots = Array.from({ length: size }, () => new Slot(() => closed));
  return {
    run(job) {
      const slot = slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      return new Promise((resolve, reject) => slot.send({ id: nextId++, job, resolve, reject }));
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
