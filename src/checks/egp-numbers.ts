// egp-numbers: every e-GP project number in the item's procurement tables and files has 11 digits.
import { z } from 'zod';
import { egpFromTables, egpFromText, isProcurementTable } from '../derive/egp.js';
import type { Table } from '../model/artifacts.js';
import type { Check, DefectDraft } from './types.js';

interface Source {
  url: string;
  tables: Table[];
  text: string;
}

export const egpNumbers: Check<{ required: boolean }> = {
  id: 'egp-numbers',
  description: 'e-GP project numbers (HTML tables, XLSX, PDF text) are 11 digits after Thai-digit normalisation.',
  options: z.strictObject({ required: z.boolean().default(false) }),
  defects: ['egp-invalid', 'missing-element'],
  run(ctx, { required }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const sources: Source[] = [];
    for (const t of ctx.targets) {
      if (t.page) sources.push({ url: t.page.url, tables: t.page.tables, text: '' });
      if (t.document) sources.push({ url: t.document.url, tables: t.document.tables, text: t.document.text });
      for (const c of t.children) if (c.document) sources.push({ url: c.document.url, tables: c.document.tables, text: c.document.text });
    }
    const defects: DefectDraft[] = [];
    const warnings: DefectDraft[] = [];
    let numbers = 0;
    let procurementTables = 0;
    for (const s of sources) {
      procurementTables += s.tables.filter(isProcurementTable).length;
      const findings = [...egpFromTables(s.tables, ctx.fiscalYear), ...(s.tables.length ? [] : egpFromText(s.text, ctx.fiscalYear))];
      numbers += findings.length;
      for (const f of findings) {
        const d: DefectDraft = { kind: 'egp-invalid', url: s.url, data: { value: f.value, normalized: f.normalized, row: f.row, problem: f.problem, ...(f.table !== undefined ? { table: f.table + 1 } : {}) } };
        if (!f.valid) defects.push(d);
        else if (f.problem === 'year-prefix') warnings.push(d);
      }
    }
    if (defects.length) return { status: 'fail', defects: [...defects, ...warnings] };
    // 11 digits but a year prefix far from the fiscal year: likely a typo or another year's project; a person checks.
    if (warnings.length) return { status: 'cant-tell', defects: warnings, note: { code: 'egp-prefix-unusual', data: {} } };
    if (numbers === 0 && required && procurementTables + sources.filter((s) => s.text).length > 0)
      return { status: 'fail', defects: [{ kind: 'missing-element', data: { element: 'เลขที่โครงการในระบบ e-GP', elementEn: 'e-GP project number' } }] };
    if (numbers === 0 && required) return { status: 'cant-tell', defects: [], note: { code: 'no-procurement-table', data: {} } };
    return { status: 'pass', defects: [], note: { code: 'egp-checked', data: { count: numbers } } };
  },
};
