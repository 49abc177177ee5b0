// The CLI as a user runs it (built dist/cli.js): published figures, JSON shape, exit codes and precise errors.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { todayBangkok } from '../src/commands/options.js';
import { DEMO_SITE_DIR, serveDirectory } from '../src/demo/serve.js';
import { frameworkForDate } from '../src/rules/load.js';

const oit = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout: 20_000 });

describe('oit CLI', () => {
  it('prints Thai help by default and English with --lang en', () => {
    expect(oit('--help').stdout).toContain('ตรวจความพร้อมเว็บไซต์');
    expect(oit('--help', '--lang', 'en').stdout).toContain('Usage:');
  });

  it('oit score --json reproduces the ita-2565 figures', () => {
    const r = oit('score', '--rules', 'ita-2565', '--fail', 'O11,O24', '--iit', '84.72,75.90,81.11,71.62,78.38', '--eit', '74.76,66.78,70.81', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.indicators).toEqual({ '9': 94.64, '10': 100 });
    expect(j.oit).toBe(97.32);
    expect(j.ita).toBe(83.67);
    expect(j.grade).toBe('B');
    expect(j.pass).toBe(false);
    expect(j.subIndicators['9.2']).toBe(87.5);
  });

  it('exit 2 with a precise message for a bad flag value or unknown item', () => {
    const bad = oit('score', '--iit', 'abc', '--oit', '90', '--eit', '80');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--iit');
    const unknown = oit('score', '--rules', 'ita-2568', '--fail', 'O40');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('O40');
  });

  it('oit rules show prints requirements, time rule and how to fix in Thai', () => {
    const r = oit('rules', 'show', 'ita-2566', 'O21');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('สรุปผลการจัดซื้อจัดจ้าง');
    expect(r.stdout).toContain('รายเดือน');
    expect(r.stdout).toContain('ไม่มีการจัดซื้อจัดจ้าง');
  });

  it('oit rules check exits 2 naming the file and field of a broken folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-bad-'));
    writeFileSync(join(dir, 'framework.json'), JSON.stringify({ schemaVersion: 1, id: 'x', title: 't', titleEn: 't', assessmentYears: [2566], provisional: 'no' }));
    const r = oit('rules', 'check', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('framework.json');
    expect(r.stderr).toContain('provisional');
  });

  it('oit judge re-judges saved artifacts offline, and rejects a bad artifacts.json with the field named', () => {
    const out = mkdtempSync(join(tmpdir(), 'oit-judge-'));
    const r = oit('judge', 'test/golden/demo-artifacts.json', '--rules', 'ita-2566', '--as-of', '2023-05-15', '--out', out);
    expect([0, 1]).toContain(r.status);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ framework: { id: 'ita-2566' }, fiscalYear: 2566, asOf: '2023-05-15' });
    expect(r.status).toBe(result.score.pass ? 0 : 1);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('O21');
    // summary.txt: the same text without Markdown, for LINE; the agency named from the site, the date in Thai.
    const txt = readFileSync(join(out, 'summary.txt'), 'utf8');
    expect(txt.split('\n')[0]).toBe('ผลตรวจความพร้อม OIT: องค์การบริหารส่วนตำบลหนองน้ำใส');
    expect(txt).toContain('15 พ.ค. 2566');
    expect(txt).not.toMatch(/\*\*|^#/m);
    const bad = join(out, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, pages: 'none' }));
    const e = oit('judge', bad, '--out', out);
    expect(e.status).toBe(2);
    expect(e.stderr).toContain('bad.json');
    expect(e.stderr).toContain('pages');
  });

  it('oit audit exits 3 when the site cannot be crawled, and 2 for a bad --as-of', () => {
    const out = mkdtempSync(join(tmpdir(), 'oit-audit-'));
    const down = oit('audit', 'http://127.0.0.1:9/', '--out', out, '--quiet', '--timeout', '2');
    expect(down.status).toBe(3);
    expect(down.stderr).toContain('127.0.0.1:9');
    const bad = oit('audit', 'http://127.0.0.1:9/', '--as-of', '2023-13-45', '--out', out);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--as-of');
  });

  it('lists frameworks with their status, and checks them all', () => {
    const list = oit('rules', 'list', '--lang', 'en').stdout;
    expect(list).toMatch(/ita-2565.*\[confirmed\][\s\S]*ita-2566.*\[confirmed\][\s\S]*ita-2568.*\[provisional: 7 items unconfirmed\][\s\S]*ita-2569.*\[provisional: every item unconfirmed\][\s\S]*ita-2570.*\[provisional: every item unconfirmed\]/);
    const check = oit('rules', 'check', '--lang', 'en');
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split('\n')).toEqual(['OK: ita-2565, 43 items', 'OK: ita-2566, 43 items', 'OK: ita-2568, 27 items', 'OK: ita-2569, 26 items', 'OK: ita-2570, 26 items']);
  });

  it('oit rules show and diff say that ita-2570 is unconfirmed, and how 2569 maps to 2570', () => {
    const show = oit('rules', 'show', 'ita-2570', '--lang', 'en').stdout;
    expect(show).toContain('Nothing of ITA 2570 is published yet');
    expect(oit('rules', 'show', 'ita-2570', 'O11', '--lang', 'en').stdout).toContain('Oct 2569 – Mar 2570');
    const diff = oit('rules', 'diff', 'ita-2569', 'ita-2570', '--lang', 'en');
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('Summary: same 26 · renumbered 0 · merged 0 · split 0 · new 0 · dropped 0');
    expect(oit('rules', 'diff', 'ita-2568', 'ita-2569', '--lang', 'en').stdout).toMatch(/O27\s+→ O25 \+ O26\s+split/);
  });

  it('oit score gives the Rating Score label with IIT, EIT and OIT, and what OIT alone still allows', () => {
    const seeds = JSON.parse(oit('score', '--rules', 'ita-2568', '--iit', '99.38', '--eit', '99.70,99.76', '--oit', '67.50', '--json').stdout);
    expect(seeds).toMatchObject({ ita: 86.73, grade: 'ผ่าน', gradeBasis: 'ita' });
    const nacc = oit('score', '--rules', 'ita-2568', '--iit', '99', '--eit', '84', '--oit', '99.35');
    expect(nacc.stdout).toContain('ITA 94.64: ผ่าน');
    const alone = oit('score', '--rules', 'ita-2570', '--oit', '88', '--lang', 'en');
    expect(alone.stdout).toContain('OIT 88.00: "ผ่านดี" (Good) is still possible; "ผ่านดีเยี่ยม" (Excellent) needs OIT ≥ 95');
  });

  it('a flag of another command is a usage error that names it (oit crawl --fail O3)', () => {
    const r = oit('crawl', 'http://127.0.0.1:9/', '--fail', 'O3');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fail');
    expect(r.stderr).toContain('oit crawl');
    const unknown = oit('audit', 'http://127.0.0.1:9/', '--max-page', '5');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--max-page');
  });

  it('every bad argument or file: exit 2, one clear message naming it, no stack trace, and the process ends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-bad-'));
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1, ');
    const cases: Array<[string[], string]> = [
      [['audit', 'not-a-url'], 'not-a-url'],
      [['audit', 'ftp://www.example.go.th/'], 'ftp://www.example.go.th/'],
      [['crawl', 'javascript:alert(1)', '--out', dir], 'javascript:alert(1)'],
      [['judge', join(dir, 'missing.json')], 'missing.json'],
      [['render', join(dir, 'missing.json')], 'missing.json'],
      [['judge', join(dir, 'broken.json')], 'broken.json'],
      [['render', join(dir, 'broken.json')], 'broken.json'],
      [['audit', 'http://127.0.0.1:9/', '--rules', 'ita-2999'], 'ita-2999'],
      [['audit', 'http://127.0.0.1:9/', '--as-of', '2023-13-45'], '--as-of'],
      [['audit', 'http://127.0.0.1:9/', '--max-pages', 'many'], '--max-pages'],
      [['nonsense'], 'nonsense'],
    ];
    for (const [args, named] of cases) {
      const r = oit(...args);
      expect(r.error, args.join(' ')).toBeUndefined(); // no timeout: the process ended by itself
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(named);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('a document URL as the start is audited as a one-document site, not refused as unreachable', async () => {
    const { serveDirectory, DEMO_SITE_DIR } = await import('../src/demo/serve.js');
    const served = await serveDirectory(DEMO_SITE_DIR);
    try {
      const out = mkdtempSync(join(tmpdir(), 'oit-doc-'));
      const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, ['dist/cli.js', 'audit', `${served.url}files/skr1-mar-2566.xlsx`, '--out', out, '--rules', 'ita-2566', '--as-of', '2023-05-15', '--quiet', '--render', 'never'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        c.stdout.on('data', (d: Buffer) => (stdout += d));
        c.stderr.on('data', (d: Buffer) => (stderr += d));
        c.on('exit', (status) => resolve({ status, stdout, stderr }));
      });
      expect(r.status, r.stderr).toBe(1);
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
      // The workbook is the monthly procurement summary of March 2566: found as that item's evidence by what it is.
      const o21 = result.items.find((i: { id: string }) => i.id === 'O21');
      expect(o21.evidence.map((e: { url: string }) => e.url)).toContain(`${served.url}files/skr1-mar-2566.xlsx`);
    } finally {
      await served.close();
    }
  });
});

describe('oit audit with no --rules picks the framework of the assessment the date prepares for', () => {
  /** The built CLI, asynchronously: the demo site is served by this process, which must keep answering. */
  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const r = await promisify(execFile)(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const audit = async (...extra: string[]) => {
    const s = await serveDirectory(DEMO_SITE_DIR);
    try {
      const out = mkdtempSync(join(tmpdir(), 'oit-fw-'));
      const r = await cli('audit', s.url, '--out', out, '--quiet', '--format', 'md,html', '--max-minutes', '2', ...extra);
      return { ...r, out, result: JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) };
    } finally {
      s.server.close();
    }
  };

  it('today: the framework of today\'s date (in December 2569, ita-2570), said provisional once, with a banner in every report', { timeout: 60_000 }, async () => {
    const expected = frameworkForDate(todayBangkok());
    const r = await audit();
    expect([0, 1]).toContain(r.code);
    expect(r.result.framework.id).toBe(expected.id);
    expect(r.stderr).toContain(`ใช้กรอบ ${expected.id}`);
    if (expected.provisional) {
      const banner = r.result.framework.banner.th as string;
      expect((r.stderr + r.stdout).split(banner).length - 1).toBe(1);
      expect(readFileSync(join(r.out, 'summary.md'), 'utf8')).toContain(banner);
      expect(readFileSync(join(r.out, 'report.html'), 'utf8')).toContain('class="banner"');
    }
  });

  it('as of 1 December 2026 (2569): ita-2570, provisional; as of 15 May 2023: ita-2566, no banner', { timeout: 90_000 }, async () => {
    const dec = await audit('--as-of', '2026-12-01');
    expect(dec.result).toMatchObject({ framework: { id: 'ita-2570', provisional: true }, fiscalYear: 2570 });
    expect(dec.stderr).toContain('ใช้กรอบ ita-2570 ตามวันที่ 2026-12-01 (ช่วงเตรียมรับการประเมิน ITA 2570)');
    expect(dec.stderr.match(/ชั่วคราว/g)).toHaveLength(1);
    expect(readFileSync(join(dec.out, 'summary.md'), 'utf8')).toContain('ITA 2570 ยังไม่มีคู่มือหรือรายการที่เผยแพร่');
    expect(readFileSync(join(dec.out, 'report.html'), 'utf8')).toContain('ITA 2570 ยังไม่มีคู่มือหรือรายการที่เผยแพร่');
    const may = await audit('--as-of', '2023-05-15');
    expect(may.result).toMatchObject({ framework: { id: 'ita-2566', provisional: false }, fiscalYear: 2566 });
    expect(may.stderr).not.toContain('ชั่วคราว');
    expect(readFileSync(join(may.out, 'report.html'), 'utf8')).not.toContain('class="banner"');
    // An explicit --rules works for every year, and is never overridden by the date.
    const explicit = await audit('--as-of', '2026-12-01', '--rules', 'ita-2568');
    expect(explicit.result.framework.id).toBe('ita-2568');
  });
});
