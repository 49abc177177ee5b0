// The browser paths through the CLI: screenshots in the report, SIGTERM mid-crawl saves what was collected.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../src/collect/browser.js';
import { send, serve } from './fixtures/server.js';

const haveBrowser = Boolean(findChromium().path);

/** The process ids below `root` (its children, theirs, …), read from /proc: only what this test started counts. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* the process ended while we looked */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [pid, pp] of parent)
      if (pp === p) {
        out.push(pid);
        walk(pid);
      }
  };
  walk(root);
  return out;
}

/** Running, not a zombie waiting to be reaped. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

describe.skipIf(!haveBrowser)('CLI with a browser', () => {
  it('oit demo --screenshots puts a picture of each evidence page in report.html', { timeout: 120_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'oit-shots-'));
    const r = spawnSync(process.execPath, ['dist/cli.js', 'demo', '--out', out, '--screenshots', '--quiet'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const shots = readdirSync(join(out, 'screenshots'));
    expect(shots).toContain('O1.png');
    expect(shots.length).toBeGreaterThan(30);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<img class="shot" src="screenshots/O1.png"');
  });

  it('SIGTERM during a rendering crawl stops it, writes artifacts.json and leaves no browser behind', { timeout: 60_000 }, async () => {
    let n = 0;
    const site = await serve({}, (_q, r) => {
      // An endless site of script-built pages, slow enough to be stopped in the middle.
      n++;
      setTimeout(() => send(r, 200, `<!doctype html><title>p${n}</title><div id=app>กำลังโหลดข้อมูล...</div><script>document.getElementById('app').innerHTML='<a href="/p${n}a">a</a> <a href="/p${n}b">b</a>'</script>`), 100);
    });
    const out = mkdtempSync(join(tmpdir(), 'oit-term-'));
    const child = spawn(process.execPath, ['dist/cli.js', 'crawl', site.url, '--out', out, '--render', 'always', '--quiet'], { stdio: 'ignore' });
    // The browser and its helpers are noted while the CLI runs: once it exits they would be re-parented and lost.
    const started = new Set<number>();
    const watch = setInterval(() => descendants(child.pid!).forEach((p) => started.add(p)), 100);
    await new Promise((r) => setTimeout(r, 4000));
    clearInterval(watch);
    descendants(child.pid!).forEach((p) => started.add(p));
    expect(started.size, 'the crawl started a browser').toBeGreaterThan(0);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    await site.close();
    expect(code).toBe(0);
    const a = JSON.parse(readFileSync(join(out, 'artifacts.json'), 'utf8'));
    expect(a.pages.length).toBeGreaterThan(0);
    expect(a.stats.budgetHit, JSON.stringify({ stats: a.stats, errors: a.errors })).toBe('aborted');
    expect(existsSync(join(out, 'pages.spool.jsonl'))).toBe(false);
    // Chromium's helpers take a moment to follow their parent out.
    for (let i = 0; i < 50 && [...started].some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect([...started].filter(alive).map((p) => `${p} ${readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 120)}`)).toEqual([]);
  });
});
