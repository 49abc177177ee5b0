// Per-host slots counted in Redis, so that every worker of a fleet, on any machine, keeps one host within its limit.
// A slot is a member of the host's sorted set scored by when its lease ends (Redis's own clock, so machines need not
// agree on the time): a worker killed while it holds slots frees them when their leases run out.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HostSlots, Release } from '../collect/host-slots.js';

// KEYS[1] the host's set; ARGV: limit, lease ms, token. Takes a slot if fewer than `limit` unexpired ones are held.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0`;

export interface RedisHostSlotsOptions {
  /** Key prefix (one fleet per prefix). */
  prefix?: string;
  /**
   * How long a slot is held at most: longer than any one request can take (headers and body timeouts, retries are
   * separate requests), short enough that a killed worker's slots come back soon.
   */
  leaseMs: number;
}

export class RedisHostSlots implements HostSlots {
  private readonly prefix: string;
  private readonly token = randomBytes(6).toString('hex');
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    private readonly opts: RedisHostSlotsOptions,
  ) {
    this.prefix = opts.prefix ?? 'oit:host-slots';
  }

  async acquire(host: string, limit: number, signal?: AbortSignal): Promise<Release> {
    const key = `${this.prefix}:${host}`;
    const member = `${this.token}:${++this.seq}`;
    // Polling with a growing, jittered pause: a slot frees when a request ends, tens to hundreds of ms apart.
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      const got = (await this.redis.eval(ACQUIRE, 1, key, String(limit), String(this.opts.leaseMs), member)) as number;
      if (got === 1) break;
      await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A release that fails (Redis gone) is covered by the lease.
      this.redis.zrem(key, member).catch(() => undefined);
    };
  }
}
