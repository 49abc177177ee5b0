// egp-numbers: every e-GP project number in the item's procurement tables and files has 11 digits.
import { z } from 'zod';
import { documentSource, egpDefectData, egpFromSource, isProcurementTable, pageSource, type EgpSource } from '../derive/egp.js';
import type { Check, DefectDraft } from './types.js';

export const egpNumbers: Check<{ required: boolean }> = {
  id: 'egp-numbers',
  description: 'e-GP project numbers (HTML tables, XLSX, PDF text) are 11 digits after Thai-digit normalisation.',
  options: z.strictObject({ required: z.boolean().default(false) }),
  defects: ['egp-invalid', 'missing-element'],
  run(ctx, { required }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const sources: Array<EgpSource & { url: string }> = [];
    for (const t of ctx.targets) {
      if (t.page) sources.push({ url: t.page.url, ...pageSource(t.page) });
      if (t.document) sources.push({ url: t.document.url, ...documentSource(t.document) });
      for (const c of t.children) if (c.document) sources.push({ url: c.document.url, ...documentSource(c.document) });
    }
    const defects: DefectDraft[] = [];
    const warnings: DefectDraft[] = [];
    let numbers = 0;
    let procurementTables = 0;
    for (const s of sources) {
      procurementTables += s.tables.filter(isProcurementTable).length;
      // Each document is judged against the fiscal year it states for itself (a FY2565 report read in FY2566).
      const findings = egpFromSource(s, ctx.fiscalYear);
      numbers += findings.length;
      for (const f of findings) {
        const d: DefectDraft = { kind: 'egp-invalid', url: s.url, data: egpDefectData(f) };
        if (!f.valid) defects.push(d);
        else if (f.problem === 'year-prefix') warnings.push(d);
      }
    }
    if (defects.length) return { status: 'fail', defects: [...defects, ...warnings] };
    // 11 digits but a year prefix far from the fiscal year: likely a typo or another year's project; a person checks.
    if (warnings.length) return { status: 'cant-tell', defects: warnings, note: { code: 'egp-prefix-unusual', data: {} } };
    if (numbers === 0 && required && procurementTables + sources.filter((s) => s.kind === 'document' && s.text).length > 0)
      return { status: 'fail', defects: [{ kind: 'missing-element', data: { element: 'เลขที่โครงการในระบบ e-GP', elementEn: 'e-GP project number' } }] };
    if (numbers === 0 && required) return { status: 'cant-tell', defects: [], note: { code: 'no-procurement-table', data: {} } };
    return { status: 'pass', defects: [], note: { code: 'egp-checked', data: { count: numbers } } };
  },
};
