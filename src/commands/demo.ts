// `oit demo`: audits the embedded sample agency site on loopback (no Internet needed).
import { DEMO_SITE_DIR, serveDirectory } from '../demo/serve.js';
import { tr } from '../lang.js';
import { audit, reportOutcome } from './stages.js';
import type { AnyValues } from './options.js';
import type { CommandFn } from './index.js';

/** The demo is a fixed scenario: an อบต. site prepared for ITA 2566, assessed in May 2566. */
export const DEMO_DEFAULTS = { rules: 'ita-2566', 'as-of': '2023-05-15', out: 'reports/demo' } as const satisfies AnyValues;

export const demoCommand: CommandFn = async (_pos, values, lang) => {
  const { url, server } = await serveDirectory(DEMO_SITE_DIR, values.port ?? 0);
  try {
    process.stderr.write(tr(lang, `เว็บไซต์ตัวอย่าง: ${url}\n`, `demo site: ${url}\n`));
    const merged: AnyValues = { ...DEMO_DEFAULTS, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) };
    const code = reportOutcome(await audit(url, merged, lang, 'อบต.หนองน้ำใส (ตัวอย่าง)'), lang);
    // The demo site is built to be "not ready": the command itself succeeded.
    return code === 1 ? 0 : code;
  } finally {
    server.close();
  }
};
