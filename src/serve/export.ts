// The final exports of an audit: the ITAS answer sheet (CSV, XLSX) and the PDF, after review, with the sign-off block.
import type { Lang } from '../lang.js';
import { tr } from '../lang.js';
import type { Result } from '../model/result.js';
import { csvCell } from '../render/escape.js';
import { renderItasCsv, renderItasXlsx } from '../render/itas.js';
import type { AuditData } from './data.js';
import { finalReportHtml, signoffLabel } from './pages/final.js';

/** The result as the reviewers left it: each item's reviewed outcome, and the score after review. */
export function reviewedResult(d: AuditData): Result {
  const r = d.result!;
  const by = new Map(d.reviewed!.items.map((i) => [i.id, i.reviewed]));
  return { ...r, items: r.items.map((i) => ({ ...i, outcome: by.get(i.id) ?? i.outcome })), score: d.afterReview! };
}

/** The rows under the answers: the state of the sign-off, then one row per step (name, time, comment). */
function signoffRows(d: AuditData, lang: Lang): string[][] {
  const state = d.signoff.frozen ? tr(lang, 'อนุมัติแล้ว', 'approved') : tr(lang, 'ร่าง — ยังไม่ได้อนุมัติ', 'DRAFT — not approved');
  const rows: string[][] = [[], [tr(lang, 'การลงนาม', 'Sign-off'), state, '', '', '', '']];
  for (const step of ['prepared', 'reviewed', 'approved'] as const) {
    const s = d.signoff.steps.find((x) => x.step === step);
    rows.push([signoffLabel(step, lang), s?.by ?? '', s?.at ?? '', s?.comment ?? '', '', '']);
  }
  return rows;
}

export function itasCsv(d: AuditData, lang: Lang): string {
  return `${renderItasCsv(reviewedResult(d), lang)}${signoffRows(d, lang)
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')}\r\n`;
}

export async function itasXlsx(d: AuditData, lang: Lang): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderItasXlsx(reviewedResult(d), lang)) as unknown as ArrayBuffer);
  // The answer sheet is the workbook's first sheet, whatever its name in the reader's language.
  const ws = wb.worksheets[0]!;
  for (const [i, row] of signoffRows(d, lang).entries()) {
    const added = ws.addRow(row);
    if (i <= 1) added.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function reportPdf(d: AuditData, lang: Lang): Promise<Buffer> {
  const { htmlToPdf } = await import('../render/pdf.js');
  return htmlToPdf(finalReportHtml(d, lang));
}
