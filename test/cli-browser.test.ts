// The browser paths through the CLI: screenshots in the report, SIGTERM mid-crawl saves what was collected.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../src/collect/browser.js';
import { send, serve } from './fixtures/server.js';

const haveBrowser = Boolean(findChromium().path);
const chromiumCount = () => spawnSync('bash', ['-c', 'ps -eo args | grep -c "[c]hromium.*disable-background-networking" || true'], { encoding: 'utf8' }).stdout.trim();

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
    const before = chromiumCount();
    const out = mkdtempSync(join(tmpdir(), 'oit-term-'));
    const child = spawn(process.execPath, ['dist/cli.js', 'crawl', site.url, '--out', out, '--render', 'always', '--quiet'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 4000));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    await site.close();
    expect(code).toBe(0);
    const a = JSON.parse(readFileSync(join(out, 'artifacts.json'), 'utf8'));
    expect(a.pages.length).toBeGreaterThan(0);
    expect(a.stats.budgetHit, JSON.stringify({ stats: a.stats, errors: a.errors })).toBe('aborted');
    expect(existsSync(join(out, 'pages.spool.jsonl'))).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(chromiumCount()).toBe(before);
  });
});
