// "Run now" from the web app: one audit at a time per agency, each in a child process (a long judge or a hostile
// site never blocks the server), its progress kept here for the agency page.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CrawlProgress } from '../collect/crawl-options.js';

export interface Job {
  agency: string;
  by: string;
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt?: string;
  runId?: number;
  progress?: CrawlProgress;
  /** The audit's final stage (alerted, unreachable, failed …) and score. */
  stage?: string;
  score?: number | null;
  error?: string;
}

/** What a running audit reports back. */
export interface JobEvents {
  start(runId: number): void;
  progress(p: CrawlProgress): void;
  done(stage: string, score: number | null, error?: string): void;
}

export type Launch = (agency: string, events: JobEvents) => { stop(): void };

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, { stop(): void }>();

  constructor(
    private readonly launch: Launch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(agency: string): Job | undefined {
    return this.jobs.get(agency);
  }

  /** Starts an audit of the agency, unless one is already running: then that one is returned. */
  start(agency: string, by: string): { job: Job; started: boolean } {
    const had = this.jobs.get(agency);
    if (had?.state === 'running') return { job: had, started: false };
    const job: Job = { agency, by, state: 'running', startedAt: this.now().toISOString() };
    this.jobs.set(agency, job);
    const finish = (state: Job['state'], patch: Partial<Job>) => {
      if (job.state !== 'running') return;
      Object.assign(job, patch, { state, finishedAt: this.now().toISOString() });
      this.running.delete(agency);
    };
    try {
      this.running.set(
        agency,
        this.launch(agency, {
          start: (runId) => void (job.runId = runId),
          progress: (p) => void (job.progress = p),
          done: (stage, score, error) => finish(stage === 'failed' ? 'failed' : 'done', { stage, score, ...(error ? { error } : {}) }),
        }),
      );
    } catch (err) {
      finish('failed', { error: (err as Error).message });
    }
    return { job, started: true };
  }

  /** Stops every running audit (the server is shutting down): what was collected is saved by the child. */
  stopAll(): void {
    for (const r of this.running.values()) r.stop();
  }
}

const CHILD = fileURLToPath(new URL('./run-child.js', import.meta.url));

/** Audits in a child process (`run-child.js`) over the same config and store. */
export function childLauncher(configFile: string): Launch {
  return (agency, events) => {
    if (!existsSync(CHILD)) throw new Error(`${CHILD} is missing (build with npm run build)`);
    const child = fork(CHILD, [configFile, agency], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let settled = false;
    child.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString('utf8')).slice(-2000)));
    child.on('message', (m: { type: string; runId?: number; progress?: CrawlProgress; stage?: string; score?: number | null; error?: string }) => {
      if (m.type === 'start' && m.runId !== undefined) events.start(m.runId);
      else if (m.type === 'progress' && m.progress) events.progress(m.progress);
      else if (m.type === 'done') {
        settled = true;
        events.done(m.stage ?? 'failed', m.score ?? null, m.error);
      }
    });
    child.on('exit', (code, signal) => {
      if (!settled) events.done('failed', null, `the audit process ended (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`);
    });
    return { stop: () => void child.kill('SIGTERM') };
  };
}
