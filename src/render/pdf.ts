// report.pdf: report.html printed by headless Chromium (Playwright) with the system's Thai fonts, by its own @page rules.
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from '../collect/browser.js';

export async function htmlToPdf(html: string): Promise<Buffer> {
  const found = findChromium();
  if (!found.path) throw new Error(`PDF needs a browser: ${INSTALL_HINT} (tried ${found.tried.join(', ')})`);
  const browser = await (await import('playwright-core')).chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // Nothing is fetched while printing: the report is self-contained.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // The report's own @page rules (A4, margins, running header, page numbers) decide, as when a reader prints it.
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
