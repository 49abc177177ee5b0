// Finds a Chromium to drive with Playwright: OIT_CHROMIUM, PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, the usual system paths.
import { existsSync } from 'node:fs';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export interface BrowserFound {
  path?: string;
  source: string;
  tried: string[];
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): BrowserFound {
  const tried: string[] = [];
  for (const [name, value] of [['OIT_CHROMIUM', env.OIT_CHROMIUM], ['PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH', env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH]] as const) {
    if (!value) continue;
    tried.push(`${name}=${value}`);
    if (existsSync(value)) return { path: value, source: name, tried };
  }
  for (const p of SYSTEM_PATHS) {
    tried.push(p);
    if (existsSync(p)) return { path: p, source: 'system', tried };
  }
  return { source: 'none', tried };
}

/**
 * Flags for a headless Chromium on a closed network as root: no sandbox (root), and no background networking,
 * which would otherwise try Google's hosts at every start.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export const INSTALL_HINT = 'ติดตั้ง Chromium ก่อน เช่น `apt-get install -y chromium` หรือกำหนด OIT_CHROMIUM=/path/to/chrome / install Chromium first (e.g. `apt-get install -y chromium`) or set OIT_CHROMIUM';
