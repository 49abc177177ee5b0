// A queue cycle: the `everyDays`-long period a date falls in, counted from a fixed day so that every scheduler, on
// any machine, on any day of the cycle, names it the same. Its name is part of each job's id, so an agency is
// enqueued once per cycle however often the schedulers tick.
import { dayNumber } from '../schedule/scheduler.js';

export interface Cycle {
  /** `c2026-11-26`: the cycle's first day (in the schedule's time zone). */
  id: string;
  start: string;
  /** The first day of the next cycle. */
  next: string;
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export function cycleOf(now: Date, everyDays: number, timeZone: string): Cycle {
  const day = dayNumber(now, timeZone);
  const first = day - (day % everyDays);
  return { id: `c${isoDay(first)}`, start: isoDay(first), next: isoDay(first + everyDays) };
}
