// kill -9 of a parse child in the middle of a crawl loses nothing: the crawl finishes, says which file the dead child
// held, reads it again on a new child, and parses the rest. Through the built CLI, where
// parsing runs in child processes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { html, send, serve } from '../fixtures/server.js';

const PAGES = 60;

/** The parse children below a process: node processes running parse-child.js. */
function parseChildren(root: number): number[] {
  const kids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === root && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('parse-child.js')) kids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return kids;
}

const running = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'R';
  } catch {
    return false;
  }
};

describe.skipIf(!existsSync('dist/collect/parse-child.js'))('a parse child killed mid-crawl', () => {
  it('the crawl finishes, names what was not read, and keeps everything else', { timeout: 90_000 }, async () => {
    // Pages with a big table each, served slowly enough that the crawl is still parsing when the child is killed.
    const rows = Array.from({ length: 2000 }, (_, i) => `<tr><td>${i}</td><td>จัดซื้อวัสดุสำนักงาน รายการที่ ${i}</td></tr>`).join('');
    const big = Array.from({ length: 70000 }, (_, i) => `<tr><td>${i}</td><td>จัดซื้อวัสดุ ${i}</td></tr>`).join('');
    const served = new Set<string>();
    let bigServedAt = 0;
    const site = await serve({}, (req, res, url) => {
      served.add(url.pathname);
      if (url.pathname === '/p3.html') bigServedAt = Date.now();
      const m = /^\/p(\d+)\.html$/.exec(url.pathname);
      if (!m) return send(res, 404, html('404 ไม่พบหน้าที่ต้องการ', ''));
      const n = Number(m[1]);
      const next = n < PAGES ? `<a href="/p${n + 1}.html">หน้าถัดไป</a> <a href="/p${n + 2}.html">ข้ามไป</a>` : '';
      // p3 is a 4.5 MB table: its parse takes long enough for the child to be killed while it holds it.
      const table = n === 3 ? big : rows;
      setTimeout(() => send(res, 200, html(`หน้า ${n}`, `${next}<table>${table}</table>`)), 80);
    });
    const out = mkdtempSync(join(tmpdir(), 'oit-kill-'));
    const child = spawn(process.execPath, ['dist/cli.js', 'crawl', `${site.url}p0.html`, '--out', out, '--per-host', '2', '--quiet'], { stdio: 'ignore' });
    let killed = 0;
    const watch = setInterval(() => {
      if (killed || !bigServedAt) return;
      const kids = parseChildren(child.pid!);
      // Killed while it runs, that is while it holds a job (p3's 4.5 MB table keeps it busy).
      if (kids.length && running(kids[0]!)) {
        process.kill(kids[0]!, 'SIGKILL');
        killed = kids[0]!;
      }
    }, 5);
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    clearInterval(watch);
    await site.close();
    expect(killed, 'a parse child was found and killed').toBeGreaterThan(0);
    expect(code).toBe(0);
    const a = JSON.parse(readFileSync(join(out, 'artifacts.json'), 'utf8'));
    expect(a.stats.parserCrashes).toBeGreaterThanOrEqual(1);
    // Nothing fetched is silently lost: every page is in the artifacts, as a page or named as not read.
    const kept = new Set<string>([...a.pages.map((p: { url: string }) => new URL(p.url).pathname), ...a.documents.map((d: { url: string }) => new URL(d.url).pathname)]);
    // The crawl says which file the dead child held, and that it was read again; nothing stays unread after one kill.
    const restarted = a.errors.filter((e: { code: string }) => e.code === 'parser-restarted');
    expect(restarted.length).toBeGreaterThanOrEqual(1);
    for (const e of restarted) expect(e.message).toMatch(/stopped \(SIGKILL\)/);
    expect(a.errors.filter((e: { code: string }) => e.code === 'not-parsed')).toEqual([]);
    const lost = [...served].filter((p) => /^\/p\d+\.html$/.test(p) && !kept.has(p));
    expect(lost).toEqual([]);
    // The new child went on: every page fetched was parsed, the one held at the kill included.
    expect(a.pages.map((p: { url: string }) => new URL(p.url).pathname)).toEqual(expect.arrayContaining([...served].filter((p) => /^\/p\d+\.html$/.test(p))));
  });
});
