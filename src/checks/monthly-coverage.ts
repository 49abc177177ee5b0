// monthly-coverage: one summary per month of the period (Oct–Mar), an empty month stated as such.
import { z } from 'zod';
import { fiscalMonths, monthKey, monthNameTh, type YearMonth } from '../derive/fiscal.js';
import { findThaiDates } from '../derive/thai-date.js';
import { compactKey, containsAny } from '../derive/thai-text.js';
import { datingText } from './corpus.js';
import type { Check } from './types.js';

/** A month is due once it has ended by the assessment date. */
function ended(ym: YearMonth, asOf: string): boolean {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const asOfIndex = (y + 543) * 12 + (m - 1);
  return ym.year * 12 + (ym.month - 1) < asOfIndex;
}

export const monthlyCoverage: Check<{ months: number; emptyPhrases: string[] }> = {
  id: 'monthly-coverage',
  description: 'Every month of the period has its own summary; a month without purchases says "ไม่มีการจัดซื้อจัดจ้าง".',
  options: z.strictObject({ months: z.number().int().min(1).max(12), emptyPhrases: z.array(z.string().min(1)).default([]) }),
  defects: ['month-missing', 'scanned-document'],
  run(ctx, { months, emptyPhrases }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const due = fiscalMonths(ctx.fiscalYear, months).filter((ym) => ended(ym, ctx.asOf));
    if (due.length === 0) return { status: 'pass', defects: [], note: { code: 'no-month-due', data: {} } };
    const seen = new Set<string>();
    for (const t of ctx.targets) {
      // Whole documents, not just their start: one yearly file often holds a table row per month.
      const texts = [datingText(t, 200_000)];
      for (const tb of [...(t.page?.tables ?? []), ...t.children.flatMap((c) => c.document?.tables ?? [])])
        texts.push(tb.rows.map((r) => r.join(' ')).join('\n'));
      for (const text of texts) for (const d of findThaiDates(text)) seen.add(monthKey(d));
    }
    const missing = due.filter((ym) => !seen.has(monthKey(ym)));
    if (missing.length === 0) return { status: 'pass', defects: [] };
    const emptyStated = ctx.targets.some((t) => containsAny(compactKey(datingText(t, 200_000)), emptyPhrases));
    const scanned = ctx.targets.flatMap((t) => t.children.map((c) => c.document).filter((d) => d?.hasTextLayer === false));
    if (scanned.length && seen.size === 0)
      return { status: 'cant-tell', defects: scanned.map((d) => ({ kind: 'scanned-document' as const, url: d!.url })) };
    return {
      status: 'fail',
      defects: missing.map((ym) => ({ kind: 'month-missing' as const, url: ctx.targets[0]!.evidence.url, data: { month: monthKey(ym), monthTh: monthNameTh(ym) } })),
      ...(emptyStated ? { note: { code: 'empty-month-unlinked', data: {} } } : {}),
    };
  },
};
