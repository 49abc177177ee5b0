// `oit doctor`: what this machine has for oit-crawler (Node, Chromium for rendering/PDF/screenshots, Thai fonts, rules).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../collect/browser.js';
import { locateBrowser } from '../collect/render.js';
import { tr } from '../lang.js';
import { BUILTIN_RULES_DIR, listFrameworks, loadRuleSet } from '../rules/load.js';
import type { CommandFn } from './index.js';

export const doctorCommand: CommandFn = async (_pos, _values, lang) => {
  const lines: string[] = [];
  let bad = 0;
  const ok = (good: boolean, th: string, en: string, optional = false) => {
    if (!good && !optional) bad++;
    lines.push(`${good ? '✓' : optional ? '!' : '✗'} ${tr(lang, th, en)}`);
  };
  const [maj, min] = process.versions.node.split('.').map(Number) as [number, number];
  ok(maj > 20 || (maj === 20 && min >= 19), `Node.js ${process.version} (ต้องการ ≥ 20.19)`, `Node.js ${process.version} (needs ≥ 20.19)`);
  for (const id of listFrameworks()) {
    try {
      const rs = loadRuleSet(join(BUILTIN_RULES_DIR, id));
      ok(true, `กฎ ${id}: ${rs.items.length} ข้อ${rs.framework.provisional ? ' (ชั่วคราว)' : ''}`, `rules ${id}: ${rs.items.length} items${rs.framework.provisional ? ' (provisional)' : ''}`);
    } catch (err) {
      ok(false, `กฎ ${id} ใช้ไม่ได้: ${(err as Error).message}`, `rules ${id} invalid: ${(err as Error).message}`);
    }
  }
  const b = locateBrowser();
  if (b.path) {
    try {
      const browser = await (await import('playwright-core')).chromium.launch({ executablePath: b.path, args: CHROMIUM_ARGS, timeout: 30_000 });
      const version = browser.version();
      await browser.close();
      ok(true, `Chromium ${version} ที่ ${b.path} (${b.source}): แสดงผลหน้าที่ใช้ JavaScript, ทำ PDF และภาพหน้าจอได้`, `Chromium ${version} at ${b.path} (${b.source}): rendering, PDF and screenshots available`);
    } catch (err) {
      ok(false, `พบ ${b.path} แต่เปิดไม่ได้: ${(err as Error).message.split('\n')[0]}`, `found ${b.path} but it does not start: ${(err as Error).message.split('\n')[0]}`, true);
    }
  } else {
    ok(false, `ไม่พบ Chromium (ลองแล้ว: ${b.tried.join(', ')}) หน้าที่สร้างด้วย JavaScript จะอ่านแบบ static; ติดตั้ง: apt-get install -y chromium`, `no Chromium (tried: ${b.tried.join(', ')}); script-built pages are read statically; install: apt-get install -y chromium`, true);
  }
  const fc = spawnSync('fc-list', [':lang=th', 'family'], { encoding: 'utf8' });
  const thaiFonts = fc.status === 0 ? [...new Set(fc.stdout.split('\n').map((l) => l.split(',')[0]!.trim()).filter(Boolean))] : [];
  ok(thaiFonts.length > 0, thaiFonts.length ? `ฟอนต์ภาษาไทย: ${thaiFonts.slice(0, 6).join(', ')}` : 'ไม่พบฟอนต์ภาษาไทยสำหรับ PDF: apt-get install -y fonts-thai-tlwg', thaiFonts.length ? `Thai fonts: ${thaiFonts.slice(0, 6).join(', ')}` : 'no Thai fonts for PDF: apt-get install -y fonts-thai-tlwg', true);
  try {
    mkdirSync('reports', { recursive: true });
    accessSync('reports', constants.W_OK);
    ok(true, 'เขียนโฟลเดอร์ reports/ ได้', 'reports/ is writable');
  } catch {
    ok(false, 'เขียนโฟลเดอร์ reports/ ไม่ได้ (ใช้ --out)', 'reports/ is not writable (use --out)');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return bad ? 1 : 0;
};
