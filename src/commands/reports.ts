// Writes the report files of a result (the renderers are pure; this is where files are made).
import { join } from 'node:path';
import type { Lang } from '../lang.js';
import type { Result } from '../model/result.js';
import { renderItasCsv, renderItasXlsx } from '../render/itas.js';
import { renderJunit } from '../render/junit.js';
import { htmlToPdf } from '../render/pdf.js';
import { renderReportHtml } from '../render/report-html.js';
import { summaryText } from '../render/summary-md.js';
import { UsageError } from './errors.js';
import { writeFileAtomic } from './files.js';

export const FORMATS = ['html', 'csv', 'xlsx', 'md', 'junit', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];
/** What `oit audit` writes unless told otherwise (PDF needs a browser, so it is asked for). */
export const DEFAULT_FORMATS: Format[] = ['html', 'csv', 'xlsx', 'md', 'junit'];

export function parseFormats(value: string | undefined): Format[] {
  if (!value) return DEFAULT_FORMATS;
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const out = new Set<Format>();
  for (const f of list) {
    if (f === 'all') for (const x of FORMATS) out.add(x);
    else if ((FORMATS as readonly string[]).includes(f)) out.add(f as Format);
    else throw new UsageError(`--format: "${f}" is not one of ${[...FORMATS, 'all'].join(', ')}`);
  }
  return [...out];
}

export async function writeReports(result: Result, out: string, formats: Format[], lang: Lang, previous?: Result, screenshots?: Record<string, string>): Promise<string[]> {
  const written: string[] = [];
  const put = (name: string, content: string | Uint8Array) => {
    writeFileAtomic(join(out, name), content);
    written.push(join(out, name));
  };
  const html = renderReportHtml(result, { lang, ...(previous ? { previous } : {}), ...(screenshots ? { screenshots } : {}) });
  for (const f of formats) {
    if (f === 'html') put('report.html', html);
    if (f === 'csv') put('itas.csv', renderItasCsv(result, lang));
    if (f === 'xlsx') put('itas.xlsx', await renderItasXlsx(result, lang));
    if (f === 'md') {
      put('summary.md', summaryText(result, lang));
      put('summary.txt', summaryText(result, lang, { format: 'text' }));
    }
    if (f === 'junit') put('junit.xml', renderJunit(result, lang));
    if (f === 'pdf') put('report.pdf', await htmlToPdf(html));
  }
  return written;
}
