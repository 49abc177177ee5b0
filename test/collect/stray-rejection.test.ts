// Regression: a task of the crawl that rejected became an unhandled rejection (Pending.push did `void p.finally()`).
import { existsSync, mkdtempSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crawlSite } from '../../src/collect/crawl.js';
import { Pending } from '../../src/collect/pending.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
let fixture: Fixture | undefined;
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  await fixture?.close();
  fixture = undefined;
});
function safeLink(fd: string): string {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return '';
  }
}
/** Node reports an unhandled rejection after the microtask queue drains: give it a few turns of the event loop. */
const turns = () => new Promise((r) => setTimeout(r, 50));

describe('Pending', () => {
  it('rejects idle() with the first error once every task has settled', async () => {
    const pending = new Pending();
    const first = new Error('first');
    let lateDone = false;
    pending.push(Promise.reject(first));
    pending.push(Promise.reject(new Error('second')));
    pending.push(new Promise<void>((r) => setTimeout(() => ((lateDone = true), r()), 30)));
    expect(pending.failed).toBe(false);
    await expect(pending.idle()).rejects.toBe(first);
    expect(lateDone).toBe(true);
    expect(pending.failed).toBe(true);
    await expect(pending.idle()).rejects.toBe(first);
    await turns();
    expect(unhandled).toEqual([]);
  });

  it('fails even for a task that rejects with undefined', async () => {
    const pending = new Pending();
    pending.push(Promise.reject(undefined));
    await expect(pending.idle()).rejects.toBeUndefined();
    await turns();
    expect(unhandled).toEqual([]);
  });

  it('resolves idle() when every task fulfilled, including those added while waiting', async () => {
    const pending = new Pending();
    let added = false;
    pending.push(new Promise<void>((r) => setTimeout(() => (pending.push(new Promise<void>((r2) => setTimeout(() => ((added = true), r2()), 10))), r()), 10)));
    await expect(pending.idle()).resolves.toBeUndefined();
    expect(added).toBe(true);
  });
});

describe('a crawl task that rejects', () => {
  it('rejects the run with that error, after cleanup, and never as an unhandled rejection', async () => {
    const links = Array.from({ length: 60 }, (_, i) => `<a href="/p${i}">${i}</a>`).join(' ');
    fixture = await serve({ '/': (_q, r) => send(r, 200, html('home', links)) }, (_q, r) => send(r, 200, html('page', '')));
    const boom = new Error('progress hook failed');
    let calls = 0;
    // Linux shows the process's open files: the spool files must be closed on this path too.
    const openFiles = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').filter((fd) => /spool/.test(safeLink(fd))).length : 0);
    const spoolDir = mkdtempSync(join(tmpdir(), 'oit-stray-'));
    // The progress hook runs inside a crawl task: its throw is the stray rejection.
    const run = crawlSite(fixture.url, { recheckDelayMs: 50, timeoutSeconds: 5, sitemaps: false, concurrency: 1, perHost: 1 }, {
      spoolDir,
      onProgress: () => {
        if (++calls === 2) throw boom;
      },
    });
    await expect(run).rejects.toBe(boom);
    const seen = fixture.log.length;
    await turns();
    expect(unhandled).toEqual([]);
    // The run stopped fetching when the task failed (the 60 pages were queued), and nothing goes on after it rejected.
    expect(fixture.log.filter((l) => l.startsWith('GET /p')).length).toBeLessThan(5);
    expect(fixture.log.length).toBe(seen);
    expect(openFiles()).toBe(0);
  });
});
