// Extracts text, tables, page count and dates from a downloaded document; a broken file becomes an error, never a crash.
import type { Document, DocKind, ErrorInfo, Table } from '../model/artifacts.js';
import { normaliseThai } from '../derive/thai-text.js';
import { decodeHtml } from './decode.js';
import { loadPdfjs } from './pdfjs-load.js';
import { parseHtml } from './html.js';
import { sniffKind } from './sniff.js';
import { inspectZip, ZipRefused } from './zip-guard.js';

export interface DocLimits {
  textChars: number;
  pdfPages: number;
  sheetRows: number;
}
export const DEFAULT_DOC_LIMITS: DocLimits = { textChars: 200_000, pdfPages: 80, sheetRows: 5_000 };

export interface Extracted {
  kind: DocKind;
  text: string;
  textTruncated: boolean;
  pageCount?: number;
  hasTextLayer?: boolean;
  meta: Document['meta'];
  tables: Table[];
  error?: ErrorInfo;
}

const cap = (s: string, n: number) => ({ text: s.length > n ? s.slice(0, n) : s, textTruncated: s.length > n });

/** PDF dates "D:20181114093000+07'00'" → ISO. */
function pdfDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?/.exec(raw);
  if (!m) return undefined;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}${m[4] ? `T${m[4]}:${m[5] ?? '00'}:${m[6] ?? '00'}` : ''}`;
}


async function extractPdf(bytes: Uint8Array, limits: DocLimits): Promise<Extracted> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages = Math.min(doc.numPages, limits.pdfPages);
    const parts: string[] = [];
    let len = 0;
    for (let p = 1; p <= pages && len < limits.textChars; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          parts.push(line);
          len += line.length;
          line = '';
        }
      }
      if (line) parts.push(line);
      parts.push('\n');
      page.cleanup();
    }
    const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    const text = normaliseThai(parts.join('\n')).replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n');
    const letters = text.replace(/\s/g, '').length;
    // Fonts without a Unicode map give control characters instead of text: as good as no text layer.
    // Control characters are exactly what this counts: text that is binary garbage, not Thai.
    // eslint-disable-next-line no-control-regex
    const garbage = (text.match(/[\u0000-\u0008\u000B-\u001F\uFFFD]/g) ?? []).length;
    const unreadable = letters > 0 && garbage / letters > 0.1;
    await doc.destroy();
    if (unreadable) {
      return { kind: 'pdf', text: '', textTruncated: false, pageCount: doc.numPages, hasTextLayer: false, meta: {}, tables: [], error: { code: 'no-unicode-map', message: 'ข้อความในไฟล์อ่านไม่ได้ (ฟอนต์ไม่มีการแมปอักขระ) / text layer unreadable (no Unicode map)' } };
    }
    return {
      kind: 'pdf',
      ...cap(text, limits.textChars),
      pageCount: doc.numPages,
      // Fewer than ~20 characters a page: a scan (or pictures of text) that needs a person or OCR.
      hasTextLayer: letters >= 20 * Math.min(pages, 3),
      meta: {
        ...(typeof info.Title === 'string' && info.Title ? { title: normaliseThai(info.Title) } : {}),
        ...(pdfDate(info.CreationDate) ? { created: pdfDate(info.CreationDate) } : {}),
        ...(pdfDate(info.ModDate) ? { modified: pdfDate(info.ModDate) } : {}),
      },
      tables: [],
    };
  } catch (err) {
    const e = err as { name?: string; message?: string };
    const code = e.name === 'PasswordException' ? 'encrypted' : 'corrupt';
    return { kind: 'pdf', text: '', textTruncated: false, meta: {}, tables: [], error: { code, message: code === 'encrypted' ? 'PDF ใส่รหัสผ่าน / password-protected PDF' : `PDF เสียหาย / corrupt PDF: ${e.message ?? String(err)}` } };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

async function extractDocx(bytes: Buffer, limits: DocLimits): Promise<Extracted> {
  const mammoth = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return { kind: 'docx', ...cap(normaliseThai(value), limits.textChars), meta: {}, tables: [] };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: Array<{ text: string }>; result?: unknown; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return '';
  }
  return String(v);
}

async function extractXlsx(bytes: Buffer, limits: DocLimits): Promise<Extracted> {
  const { default: ExcelJS } = await import('exceljs');
  const { Readable } = await import('node:stream');
  // The streaming reader keeps one row at a time (plus shared strings), and stops at the row cap: a 7,944-row
  // agency-code workbook fits in a worker's capped heap, where the whole-workbook loader does not.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  const tables: Table[] = [];
  const lines: string[] = [];
  for await (const ws of reader as AsyncIterable<AsyncIterable<{ values: unknown; number: number }>>) {
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    let truncated = false;
    for await (const row of ws) {
      if (rows.length >= limits.sheetRows) {
        truncated = true;
        continue;
      }
      // exceljs gives a sparse array: a blank cell is a hole, which must stay an empty cell in its column (a
      // totals row "รวม 30 โครงการ" has blanks between its numbers), never a null or a shifted column.
      const values = Array.from((row.values as unknown[]).slice(1), (v) => normaliseThai(cellText(v)).trim());
      rows.push(values);
      rowNumbers.push(row.number);
      if (lines.length < limits.sheetRows) lines.push(values.join(' '));
    }
    if (rows.length) tables.push({ rows, rowNumbers, truncated });
  }
  return { kind: 'xlsx', ...cap(lines.join('\n'), limits.textChars), meta: {}, tables };
}

async function extractDoc(bytes: Buffer, limits: DocLimits): Promise<Extracted> {
  const { default: WordExtractor } = await import('word-extractor');
  const doc = await new WordExtractor().extract(bytes);
  return { kind: 'doc', ...cap(normaliseThai(doc.getBody()), limits.textChars), meta: {}, tables: [] };
}

/** What kind the URL's extension claims, for "served as .pdf but is HTML". */

export async function extractDocument(bytes: Buffer, url: string, contentType: string, limits: DocLimits = DEFAULT_DOC_LIMITS): Promise<Extracted> {
  const empty = (kind: DocKind, error?: ErrorInfo): Extracted => ({ kind, text: '', textTruncated: false, meta: {}, tables: [], ...(error ? { error } : {}) });
  let kind = sniffKind(bytes);
  try {
    if (kind === 'zip') {
      const entries = await inspectZip(bytes);
      kind = sniffKind(bytes, entries);
      if (kind === 'docx') return await extractDocx(bytes, limits);
      if (kind === 'xlsx') return await extractXlsx(bytes, limits);
      return empty('zip');
    }
    if (kind === 'pdf') return await extractPdf(bytes, limits);
    if (kind === 'doc') {
      if (/\.xls$/i.test(url) || /excel/i.test(contentType)) return empty('xls');
      return await extractDoc(bytes, limits);
    }
    if (kind === 'html') {
      const decoded = decodeHtml(bytes, contentType);
      const parsed = parseHtml(decoded.text, url);
      return { kind: 'html', ...cap(parsed.text, limits.textChars), meta: parsed.title ? { title: parsed.title } : {}, tables: parsed.tables };
    }
    if (kind === 'text') {
      const decoded = decodeHtml(bytes, contentType);
      return { kind: 'text', ...cap(normaliseThai(decoded.text), limits.textChars), meta: {}, tables: [] };
    }
    return empty(kind);
  } catch (err) {
    if (err instanceof ZipRefused) return empty(kind, { code: err.code, message: err.code === 'zip-bomb' ? `ไฟล์บีบอัดผิดปกติ (zip bomb) / ${err.message}` : `ไฟล์เสียหาย / corrupt file: ${err.message}` });
    return empty(kind, { code: 'corrupt', message: `เปิดไฟล์ไม่ได้ / cannot open: ${(err as Error).message}` });
  }
}
