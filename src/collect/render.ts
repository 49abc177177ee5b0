// Renders pages that need scripts (app shells, "กำลังโหลดข้อมูล...") in headless Chromium, within a per-site budget.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import type { Logger } from 'pino';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from './browser.js';

export type RenderMode = 'auto' | 'never' | 'always';

export interface RenderBudget {
  pages: number;
  seconds: number;
}

export class RenderUnavailable extends Error {
  override name = 'RenderUnavailable';
}

/** Playwright's own downloaded Chromium, where one exists (it cannot be downloaded on a closed network). */
function playwrightChromium(): string | undefined {
  try {
    // Only Playwright's registry knows where its own download went; load it just for that question.
    const require = createRequire(import.meta.url);
    const p = (require('playwright-core') as typeof import('playwright-core')).chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export function locateBrowser(): { path?: string; source: string; tried: string[] } {
  const found = findChromium();
  if (found.path) return found;
  const own = playwrightChromium();
  if (own) return { path: own, source: 'playwright', tried: [...found.tried, own] };
  return found;
}

/**
 * One browser per crawl, started on first use and closed by close() on every path. Only the page's HTML, scripts
 * and data are loaded: images, media and fonts are blocked, since only the links and text are wanted.
 */
export class Renderer {
  private browser: Promise<Browser> | undefined;
  private used = 0;
  private readonly started = Date.now();
  private warned = false;
  readonly unavailable: string | undefined;

  constructor(
    readonly mode: RenderMode,
    private readonly budget: RenderBudget,
    private readonly userAgent: string,
    private readonly log?: Logger,
    locate: () => { path?: string; tried: string[] } = locateBrowser,
  ) {
    const b = mode === 'never' ? undefined : locate();
    this.path = b?.path;
    if (mode !== 'never' && !this.path) this.unavailable = `no Chromium found (tried ${b?.tried.join(', ')}). ${INSTALL_HINT}`;
    if (mode === 'always' && this.unavailable) throw new RenderUnavailable(`--render always: ${this.unavailable}`);
  }
  private readonly path: string | undefined;

  /**
   * Takes one page of the budget if any is left (reserved now: pages waiting in the queue count against it).
   * The first refusal for a missing browser is logged once.
   */
  reserve(): boolean {
    if (this.mode === 'never') return false;
    if (!this.path) {
      if (!this.warned) this.log?.warn({ reason: this.unavailable }, 'pages that need scripts are read statically');
      this.warned = true;
      return false;
    }
    if (this.used >= this.budget.pages || Date.now() - this.started >= this.budget.seconds * 1000) return false;
    this.used++;
    return true;
  }

  /** The DOM after scripts ran, serialised as HTML. */
  async render(url: string, timeoutMs: number): Promise<string> {
    // Our own shutdown closes the browser (after the crawl saved what it has): Playwright must not kill it first.
    // playwright-core is loaded only when a page really needs a browser: a static crawl never pays for it.
    this.browser ??= import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: this.path!, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }));
    const browser = await this.browser;
    const context = await browser.newContext({ userAgent: this.userAgent, ignoreHTTPSErrors: true, javaScriptEnabled: true });
    try {
      await context.route('**/*', (route) => {
        const type = route.request().resourceType();
        return type === 'image' || type === 'media' || type === 'font' ? route.abort() : route.continue();
      });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'networkidle', timeout: timeoutMs }).catch(async (err: Error) => {
        // A page that keeps polling never goes idle: take what the scripts built by then.
        if (!/Timeout/i.test(err.message)) throw err;
      });
      return await page.content();
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  get pagesRendered(): number {
    return this.used;
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
  }
}
