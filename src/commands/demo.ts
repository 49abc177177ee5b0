// `oit demo`: audits the embedded sample agency site on loopback (no Internet needed).
import { DEMO_SITE_DIR, serveDirectory } from '../demo/serve.js';
import { tr } from '../lang.js';
import { audit } from './stages.js';
import { summaryText } from '../render/summary-md.js';
import type { CommandFn } from './index.js';

/** The demo is a fixed scenario: an อบต. site prepared for ITA 2566, assessed in May 2566. */
export const DEMO_DEFAULTS = { rules: 'ita-2566', 'as-of': '2023-05-15', out: 'reports/demo' } as const;

export const demoCommand: CommandFn = async (_pos, values, lang) => {
  const { url, server } = await serveDirectory(DEMO_SITE_DIR, typeof values.port === 'string' ? Number(values.port) : 0);
  try {
    process.stderr.write(tr(lang, `เว็บไซต์ตัวอย่าง: ${url}\n`, `demo site: ${url}\n`));
    const merged = { ...DEMO_DEFAULTS, 'ignore-robots': false, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) };
    const { result, out } = await audit(url, merged, lang, 'อบต.หนองน้ำใส (ตัวอย่าง)');
    process.stdout.write(summaryText(result, lang));
    process.stdout.write(`\n${tr(lang, 'ไฟล์ผลลัพธ์', 'Output')}: ${out}/ (report.html, itas.csv, itas.xlsx, summary.md, junit.xml, result.json, artifacts.json)\n`);
    // The demo site is built to be "not ready": the command itself succeeded.
    return 0;
  } finally {
    server.close();
  }
};
