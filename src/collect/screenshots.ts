// Screenshots of each item's evidence page (and every failing item's page), so the committee sees what assessors see.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../model/result.js';
import { CHROMIUM_ARGS, INSTALL_HINT } from './browser.js';
import { locateBrowser } from './render.js';
import { isDocumentUrl } from '../derive/classify.js';

/** Takes the shots into `<out>/screenshots/<item>.png`; returns item id → relative file name. */
export async function takeScreenshots(result: Result, out: string, opts: { timeoutMs: number; userAgent: string; max?: number }): Promise<Record<string, string>> {
  const found = locateBrowser();
  if (!found.path) throw new Error(`--screenshots needs a browser: ${INSTALL_HINT}`);
  const dir = join(out, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const shots: Record<string, string> = {};
  const browser = await (await import('playwright-core')).chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: opts.userAgent, ignoreHTTPSErrors: true });
    // Failing items first: they are the ones a committee needs to see.
    const items = [...result.items].sort((a, b) => Number(b.outcome === 'fail') - Number(a.outcome === 'fail'));
    for (const item of items.slice(0, opts.max ?? 60)) {
      const url = item.evidence.find((e) => /^https?:/i.test(e.url) && !isDocumentUrl(e.url))?.url;
      if (!url) continue;
      const page = await context.newPage();
      try {
        await page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs });
        await page.screenshot({ path: join(dir, `${item.id}.png`) });
        shots[item.id] = `screenshots/${item.id}.png`;
      } catch {
        // A page that does not load has no picture; its defects say why.
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return shots;
}
