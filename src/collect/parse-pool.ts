// Parse children: body parsing and document extraction run in child processes, each with its own heap cap, so
// nothing a website sends can take the audit down. A child that dies (out of memory, a crash, kill -9) fails only
// the jobs it held; they are recorded as unreadable with the reason, and a new child takes the next job.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BodyJob, BodyResult } from './body-job.js';

export interface BodyProcessor {
  run(job: BodyJob): Promise<BodyResult>;
  close(): Promise<void>;
  /** The largest resident size any parse child reached, in MB (0 when parsing runs in the crawl's process). */
  peakRssMb(): number;
  /** Children that died and were replaced: why, and the files they held (each read again once on the new child). */
  readonly crashes: Array<{ why: string; urls: string[] }>;
}

const CHILD_FILE = fileURLToPath(new URL('./parse-child.js', import.meta.url));

/**
 * Heap of one parse child. Measured on this project's 2-core machine: parsing the largest page the crawler accepts
 * (maxHtmlBytes, 5 MiB of dense Thai table rows, 16,800 rows with links) used 72 MB of heap (142 MB resident) for one
 * page and 120 MB of heap (195 MB resident) for two at once, and still finished under a 96 MB cap. 256 MB is twice
 * the worst of those; a decompressed or endless body is cut at its cap before it gets here.
 */
export const PARSE_HEAP_MB = 256;
/** Files a parse child holds at once. */
const JOBS_PER_CHILD = 2;
/** A parse that takes longer than this is stuck (a pathological document): its child is replaced. */
export const PARSE_TIMEOUT_MS = 120_000;

interface Pending {
  resolve: (r: BodyResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  job: BodyJob & { spoolPath?: string };
  /** Whether this job was already sent again after a child died holding it. */
  retried: boolean;
}

class Child {
  proc!: ChildProcess;
  readonly jobs = new Map<number, Pending>();
  stderr = '';
  peakKb = 0;
  constructor(private readonly pool: { closed: boolean; crashes: Array<{ why: string; urls: string[] }>; heapMb: number }) {
    this.spawn();
  }

  private spawn(): void {
    // A heap cap, a small young generation, collection at 10% growth and V8's size-over-speed mode: measured with
    // npm run bench, the parse child's peak went from 129 to 114 MB for about 2 s more CPU over 5,113 requests, which
    // keeps the whole audit (crawl + child) under 256 MB. The parent's own flags (inspector, loaders) are not inherited.
    const proc = fork(CHILD_FILE, [], { execArgv: [`--max-old-space-size=${this.pool.heapMb}`, '--max-semi-space-size=1', '--heap-growing-percent=10', '--optimize-for-size'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.proc = proc;
    this.stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-2000);
    });
    proc.on('message', (m: { id: number; result?: BodyResult; error?: string; maxRssKb?: number }) => {
      if (m.maxRssKb) this.peakKb = Math.max(this.peakKb, m.maxRssKb);
      const j = this.jobs.get(m.id);
      if (!j) return;
      this.jobs.delete(m.id);
      clearTimeout(j.timer);
      if (m.error !== undefined) j.reject(new Error(m.error));
      else j.resolve(m.result!);
    });
    proc.on('exit', (code, signal) => {
      if (proc !== this.proc) return;
      if (this.pool.closed && this.jobs.size === 0) return;
      const oom = /heap out of memory|Reached heap limit/i.test(this.stderr);
      const why = oom ? `the parser ran out of memory (limit ${this.pool.heapMb} MB)` : signal ? `the parser process was stopped (${signal})` : `the parser process ended (exit ${code})`;
      const held = [...this.jobs.entries()];
      this.jobs.clear();
      this.pool.crashes.push({ why, urls: held.map(([, j]) => j.job.url) });
      if (!this.pool.closed) this.spawn();
      // Each file the dead child held is read once more on the new one: it may not be the one that killed it (a
      // neighbour, or a kill from outside). A file that kills a child twice is recorded as not read, with why.
      for (const [id, j] of held) {
        clearTimeout(j.timer);
        if (j.retried || this.pool.closed) j.reject(new Error(why));
        else this.send(id, j.job, { resolve: j.resolve, reject: j.reject }, true);
      }
    });
    // A child that cannot be started (or an IPC write to a dying child) is an exit like any other.
    proc.on('error', () => undefined);
  }

  send(id: number, job: BodyJob & { spoolPath?: string }, p: Pick<Pending, 'resolve' | 'reject'>, retried = false): void {
    const timer = setTimeout(() => {
      // Stuck: the job fails with its reason, and the child is replaced (its other jobs fail with the exit).
      if (!this.jobs.has(id)) return;
      this.jobs.delete(id);
      p.reject(new Error(`the parser took longer than ${PARSE_TIMEOUT_MS / 1000} s`));
      this.proc.kill('SIGKILL');
    }, PARSE_TIMEOUT_MS);
    timer.unref();
    this.jobs.set(id, { ...p, timer, job, retried });
    try {
      this.proc.send({ id, job });
    } catch (err) {
      this.jobs.delete(id);
      clearTimeout(timer);
      p.reject(err as Error);
    }
  }

  close(): Promise<void> {
    const proc = this.proc;
    if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => proc.kill('SIGKILL'), 2000);
      proc.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      // Disconnecting lets the child close its spool descriptors and exit by itself.
      if (proc.connected) proc.disconnect();
      else proc.kill('SIGKILL');
    });
  }
}

/**
 * `size` parse children, least busy first. Size 0, or no compiled child file (tests on the TypeScript sources), parses
 * in the crawl's own process. `spoolPaths` maps the descriptors a job names to the files a child opens itself.
 */
export function makeBodyProcessor(size: number, spoolPaths: Record<number, string> = {}, heapMb = PARSE_HEAP_MB): BodyProcessor {
  const crashes: Array<{ why: string; urls: string[] }> = [];
  // Inline, the parsers are loaded on first use: a crawl that hands bodies to children never loads them.
  if (size <= 0 || !existsSync(CHILD_FILE)) return { run: async (job) => (await import('./process-body.js')).processBody(job), close: async () => undefined, peakRssMb: () => 0, crashes };
  const pool = { closed: false, crashes, heapMb };
  let nextId = 0;
  const children = Array.from({ length: size }, () => new Child(pool));
  // A child holds a few files at a time: the rest wait here, as bodies the crawl holds anyway, so a burst of large
  // documents never piles up in one child's heap (its peak stays that of a couple of files, not of sixteen).
  const waiting: Array<() => void> = [];
  const dispatch = () => {
    while (waiting.length && children.some((c) => c.jobs.size < JOBS_PER_CHILD)) waiting.shift()!();
  };
  return {
    run(job) {
      const { spoolFd, ...rest } = job;
      const spoolPath = spoolFd !== undefined ? spoolPaths[spoolFd] : undefined;
      const payload = { ...rest, ...(spoolPath ? { spoolPath } : {}) };
      return new Promise((resolve, reject) => {
        const settle = (fn: () => void) => {
          fn();
          dispatch();
        };
        waiting.push(() => {
          const child = children.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
          child.send(nextId++, payload, { resolve: (r) => settle(() => resolve(r)), reject: (e) => settle(() => reject(e)) });
        });
        dispatch();
      });
    },
    async close() {
      pool.closed = true;
      await Promise.all(children.map((c) => c.close()));
    },
    peakRssMb: () => Math.max(0, ...children.map((c) => c.peakKb)) / 1024,
    crashes,
  };
}
