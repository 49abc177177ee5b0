// Browser tests: report.html and index.html in a real Chromium (Debian's, found like the tool finds it).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src/collect/browser.js';

const chromium = findChromium();

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.pw.ts',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { ...(chromium.path ? { executablePath: chromium.path } : {}), args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
  },
});
