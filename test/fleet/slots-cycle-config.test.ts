// The fleet's small parts: per-host slots in memory and in Redis (with leases that outlive a killed worker), the
// cycle every scheduler names alike, and the `queue:` setting.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { MemoryHostSlots } from '../../src/collect/host-slots.js';
import { cycleOf } from '../../src/fleet/cycle.js';
import { jobIdOf } from '../../src/fleet/queue.js';
import { RedisHostSlots } from '../../src/fleet/redis-host-slots.js';
import { loadConfig } from '../../src/schedule/config.js';
import { REDIS_SKIP, REDIS_URL } from './services.js';

/** Runs `n` tasks of `ms` each through the slots, `limit` at a time per host; returns the most held at once. */
async function peakOf(slots: { acquire(h: string, l: number): Promise<() => void> }, n: number, limit: number, ms: number): Promise<number> {
  let open = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const release = await slots.acquire('agency.example:80', limit);
      open++;
      peak = Math.max(peak, open);
      await new Promise((r) => setTimeout(r, ms));
      open--;
      release();
    }),
  );
  return peak;
}

describe('per-host slots in memory', () => {
  it('never more than the limit at once, every waiter served, a double release gives back one slot', async () => {
    const slots = new MemoryHostSlots();
    expect(await peakOf(slots, 12, 3, 5)).toBe(3);
    expect(slots.inUse('agency.example:80')).toBe(0);
    const r1 = await slots.acquire('h', 1);
    r1();
    r1();
    const r2 = await slots.acquire('h', 1);
    let third = false;
    void slots.acquire('h', 1).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    r2();
    await new Promise((r) => setTimeout(r, 0));
    expect(third).toBe(true);
  });

  it('a waiter whose crawl is stopped stops waiting', async () => {
    const slots = new MemoryHostSlots();
    const held = await slots.acquire('h', 1);
    const ac = new AbortController();
    const waiting = slots.acquire('h', 1, ac.signal);
    ac.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    held();
    expect(slots.inUse('h')).toBe(0);
  });
});

describe.skipIf(REDIS_SKIP)(`per-host slots in Redis${REDIS_SKIP ? ` [${REDIS_SKIP}]` : ''}`, () => {
  it('two workers (two connections) share the limit; a killed holder’s slot comes back after its lease', async () => {
    const prefix = `oit:test-slots:${process.pid}:${Date.now()}`;
    const a = new Redis(REDIS_URL);
    const b = new Redis(REDIS_URL);
    try {
      const sa = new RedisHostSlots(a, { prefix, leaseMs: 10_000 });
      const sb = new RedisHostSlots(b, { prefix, leaseMs: 10_000 });
      let open = 0;
      let peak = 0;
      const task = async (s: RedisHostSlots) => {
        const release = await s.acquire('shared.example:80', 2);
        open++;
        peak = Math.max(peak, open);
        await new Promise((r) => setTimeout(r, 15));
        open--;
        release();
      };
      await Promise.all(Array.from({ length: 16 }, (_, i) => task(i % 2 ? sa : sb)));
      expect(peak).toBe(2);

      // A worker that dies holding the only slot: never released, freed by its lease (short here).
      const dying = new RedisHostSlots(a, { prefix, leaseMs: 300 });
      await dying.acquire('dead.example:80', 1);
      const t0 = Date.now();
      const release = await sb.acquire('dead.example:80', 1);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
      release();
    } finally {
      const keys = await a.keys(`${prefix}:*`);
      if (keys.length) await a.del(...keys);
      a.disconnect();
      b.disconnect();
    }
  });
});

describe('cycles', () => {
  it('every day of a cycle names it alike; the next day after it names the next', () => {
    const tz = 'Asia/Bangkok';
    const first = cycleOf(new Date('2026-11-25T17:00:00Z'), 15, tz); // 26 Nov, 00:00 in Bangkok
    expect(first.start <= '2026-11-26').toBe(true);
    const ids = new Set<string>();
    for (let d = 0; d < 15; d++) ids.add(cycleOf(new Date(Date.parse(`${first.start}T00:00:00+07:00`) + d * 86_400_000 + 3_600_000), 15, tz).id);
    expect(ids).toEqual(new Set([first.id]));
    const next = cycleOf(new Date(Date.parse(`${first.next}T00:30:00+07:00`)), 15, tz);
    expect(next.id).not.toBe(first.id);
    expect(next.start).toBe(first.next);
    // Bangkok's date decides, not UTC's: 17:30 UTC on the cycle's last UTC day is 00:30 of the next cycle in Bangkok.
    const lastUtcDay = new Date(Date.parse(`${first.next}T00:00:00Z`) - 86_400_000);
    expect(cycleOf(new Date(lastUtcDay.getTime() + 17.5 * 3_600_000), 15, tz).id).toBe(next.id);
    expect(cycleOf(new Date(lastUtcDay.getTime() + 16.5 * 3_600_000), 15, tz).id).toBe(first.id);
    expect(jobIdOf(first.id, 'nongnamsai')).not.toContain(':');
  });
});

describe('the queue setting', () => {
  const write = (text: string) => {
    const f = join(mkdtempSync(join(tmpdir(), 'oit-qcfg-')), 'oit.config.yaml');
    writeFileSync(f, `agencies:\n  - id: a\n    name: อบต.ก\n    url: https://a.example.go.th/\n${text}`);
    return f;
  };

  it('a URL alone takes the defaults; the long form tunes them', () => {
    expect(loadConfig(write('queue: redis://127.0.0.1:6379\n')).queue).toEqual({ url: 'redis://127.0.0.1:6379', name: 'oit-audits', lockSeconds: 60, attempts: 3, backoffSeconds: 60 });
    expect(loadConfig(write('queue:\n  url: rediss://cache.example:6380/2\n  name: province-12\n  lockSeconds: 30\n')).queue).toMatchObject({ url: 'rediss://cache.example:6380/2', name: 'province-12', lockSeconds: 30 });
    expect(loadConfig(write('')).queue).toBeUndefined();
  });

  it('a bad URL or name is refused with the line and the field', () => {
    expect(() => loadConfig(write('queue: http://127.0.0.1:6379\n'))).toThrow(/line 5.*queue\.url.*redis:\/\//s);
    expect(() => loadConfig(write('queue:\n  url: redis://x\n  name: "Bad:Name"\n'))).toThrow(/queue\.name.*lower-case/s);
    expect(() => loadConfig(write('queue:\n  url: redis://x\n  lockSeconds: 1\n'))).toThrow(/queue\.lockSeconds/);
  });
});
