// The scheduler's clock under fake timers: the 15-day cadence at night in Asia/Bangkok, and no overlapping runs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigSchema, type Config } from '../../src/schedule/config.js';
import { dayNumber, isDue, Scheduler } from '../../src/schedule/scheduler.js';

const config = (over: object = {}): Config => ({ ...ConfigSchema.parse({ agencies: [{ id: 'a', name: 'อบต.ก', url: 'http://127.0.0.1:9/' }], ...over }), file: 'x', dir: '.' });
const DAY = 86_400_000;
afterEach(() => vi.useRealTimers());

describe('cadence', () => {
  it('is due on the 15th calendar day in Bangkok, whatever minute the last run ended', () => {
    const last = new Date('2026-01-01T19:40:00Z'); // 02:40 on 2 Jan in Bangkok
    expect(isDue(last, new Date('2026-01-15T19:00:00Z'), 15, 'Asia/Bangkok')).toBe(false); // 02:00, 16 Jan: day 14
    expect(isDue(last, new Date('2026-01-16T19:00:00Z'), 15, 'Asia/Bangkok')).toBe(true); // 02:00, 17 Jan: day 15, 20 min short of 15×24 h
    expect(isDue(undefined, new Date(), 15, 'Asia/Bangkok')).toBe(true);
    expect(dayNumber(new Date('2026-01-01T17:30:00Z'), 'Asia/Bangkok') - dayNumber(new Date('2026-01-01T16:30:00Z'), 'Asia/Bangkok')).toBe(1);
  });
});

describe('Scheduler with node-cron under fake timers', () => {
  it('runs every 15 days at 02:00 Bangkok time over 61 days', { timeout: 30_000 }, async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T12:00:00+07:00') });
    const runs: string[] = [];
    let last: Date | undefined;
    const s = new Scheduler(config(), {
      run: async () => {
        runs.push(new Date().toISOString());
        last = new Date();
      },
      lastCompleted: () => last,
      now: () => new Date(),
    });
    s.start();
    for (let h = 0; h < 61 * 4; h++) await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    await s.stop();
    // 02:00 in Bangkok is 19:00 UTC the day before.
    expect(runs).toEqual(['2026-01-01T19:00:00.000Z', '2026-01-16T19:00:00.000Z', '2026-01-31T19:00:00.000Z', '2026-02-15T19:00:00.000Z', '2026-03-02T19:00:00.000Z']);
  });

  it('never starts a run while one is still going', { timeout: 30_000 }, async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T12:00:00+07:00') });
    let active = 0;
    let maxActive = 0;
    let started = 0;
    const s = new Scheduler(config({ schedule: { everyDays: 1 } }), {
      // A run that takes three days: two daily ticks fall inside it.
      run: async () => {
        started++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 3 * DAY));
        active--;
      },
      lastCompleted: () => undefined,
      now: () => new Date(),
    });
    s.start();
    for (let h = 0; h < 8 * 4; h++) await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    const stopped = s.stop();
    await vi.advanceTimersByTimeAsync(3 * DAY);
    await stopped;
    expect(maxActive).toBe(1);
    // Ticks on days 0–7: runs of three days start on days 0, 3 and 6; the five ticks in between are skipped.
    expect(started).toBe(3);
    expect(s.skippedForOverlap).toBe(5);
  });
});
