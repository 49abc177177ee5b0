// The long-running worker's clock: a daily node-cron tick at night that starts a run when the cadence says so.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from './config.js';

export interface SchedulerDeps {
  /** One run over every agency; must stop soon after `signal` aborts, saving what it collected. */
  run(signal: AbortSignal): Promise<unknown>;
  /** When the last run finished, from the history store (a PostgreSQL store answers asynchronously). */
  lastCompleted(): Date | undefined | Promise<Date | undefined>;
  now(): Date;
  log?: Logger;
}

/** Calendar day number in a time zone, so "every 15 days at 02:00" does not slip to day 16 by minutes. */
export function dayNumber(d: Date, timeZone: string): number {
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d).split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, day) / 86_400_000);
}

export function isDue(last: Date | undefined, now: Date, everyDays: number, timeZone: string): boolean {
  return !last || dayNumber(now, timeZone) - dayNumber(last, timeZone) >= everyDays;
}

export class Scheduler {
  private task: ScheduledTask | undefined;
  private current: Promise<unknown> | undefined;
  private controller: AbortController | undefined;
  skippedForOverlap = 0;

  constructor(
    private readonly config: Config,
    private readonly deps: SchedulerDeps,
  ) {}

  private checking = false;

  start(): void {
    const [hh, mm] = this.config.schedule.at.split(':').map(Number) as [number, number];
    // Checked daily; isDue() decides. Our own flag prevents overlap (node-cron's noOverlap only covers its callback).
    this.task = cron.schedule(`${mm} ${hh} * * *`, () => void this.tick(), { timezone: this.config.schedule.timezone, name: 'oit-audit', noOverlap: false });
    this.deps.log?.info({ at: this.config.schedule.at, timezone: this.config.schedule.timezone, everyDays: this.config.schedule.everyDays, next: this.task.getNextRun()?.toISOString() }, 'scheduler started');
  }

  /** One tick: skip while a run is still going; start one when the cadence is due. */
  async tick(): Promise<void> {
    if (this.current || this.checking) {
      this.skippedForOverlap++;
      this.deps.log?.warn('previous run still going: this tick is skipped');
      return;
    }
    let last = this.deps.lastCompleted();
    if (last instanceof Promise) {
      // No other tick starts while the store answers.
      this.checking = true;
      try {
        last = await last;
      } finally {
        this.checking = false;
      }
    }
    if (!isDue(last, this.deps.now(), this.config.schedule.everyDays, this.config.schedule.timezone)) return;
    this.controller = new AbortController();
    this.current = this.deps
      .run(this.controller.signal)
      .catch((err) => this.deps.log?.error({ err: (err as Error).message }, 'run failed'))
      .finally(() => {
        this.current = undefined;
      });
    await this.current;
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Graceful stop (SIGTERM/SIGINT): no new ticks, the current run is asked to stop and awaited. */
  async stop(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
    this.controller?.abort();
    await this.current;
  }
}
