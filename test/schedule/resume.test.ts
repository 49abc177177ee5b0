// kill -9 in the middle of a run, then start again: the run completes, finished agencies are not redone, history kept.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/schedule/store.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';

let quick: Fixture;
let slow: Fixture;
beforeAll(async () => {
  quick = await serve({ '/': (_q, r) => send(r, 200, html('อบต.เร็ว', '<a href="/a.html">ก</a>')), '/a.html': (_q, r) => send(r, 200, html('ก', '')) });
  // Thirty pages, each answered after 250 ms: long enough to be killed in the middle of.
  slow = await serve({}, (_q, r, u) => {
    const n = Number(/\d+/.exec(u.pathname)?.[0] ?? 0);
    setTimeout(() => send(r, 200, html(`หน้า ${n}`, n < 30 ? `<a href="/p${n + 1}.html">ต่อไป</a>` : '')), 250);
  });
});
afterAll(async () => {
  await quick.close();
  await slow.close();
});

/** The CLI as a child process, awaited without blocking this process (its fixture servers must keep answering). */
function oit(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['dist/cli.js', ...args]);
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('a run killed with kill -9', () => {
  it('resumes on the next start and keeps every earlier run', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-resume-'));
    const cfg = join(dir, 'oit.config.yaml');
    writeFileSync(cfg, `agencies:\n  - id: a-quick\n    name: อบต.เร็ว\n    url: ${quick.url}\n  - id: b-slow\n    name: อบต.ช้า\n    url: ${slow.url}\nschedule:\n  parallel: 1\ncollector:\n  render: never\n  perHost: 1\nstore: ./data\n`);
    const first = await oit(['run', '--config', cfg]);
    expect(first.status, first.stderr).toBe(0);

    const child = spawn(process.execPath, ['dist/cli.js', 'run', '--config', cfg], { stdio: 'ignore' });
    const slowBefore = slow.log.length;
    // Wait until the second run is crawling the slow site (so the quick one is done), then pull the plug.
    for (let i = 0; i < 200 && slow.log.length < slowBefore + 5; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    const store = new HistoryStore(join(dir, 'data'));
    expect(store.unfinishedRun()).toBe(2);
    const stages = Object.fromEntries(store.audits(2).map((a) => [a.agency, a.stage]));
    expect(stages['a-quick']).toBe('alerted');
    expect(stages['b-slow']).toBe('pending');
    store.close();

    const quickBefore = quick.log.length;
    const again = await oit(['run', '--config', cfg]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/รอบที่ 2 \(ทำต่อจากครั้งที่ถูกหยุด\)/);
    // The agency finished before the kill is not crawled again.
    expect(quick.log.length).toBe(quickBefore);

    const after = new HistoryStore(join(dir, 'data'));
    expect(after.unfinishedRun()).toBeUndefined();
    for (const agency of ['a-quick', 'b-slow']) expect(after.history(agency).map((h) => [h.run_id, h.stage])).toEqual([[1, 'alerted'], [2, 'alerted']]);
    after.close();
    const history = await oit(['history', 'b-slow', '--config', cfg]);
    expect(history.stdout).toContain('รอบ 1');
    expect(history.stdout).toContain('รอบ 2');
  });
});
