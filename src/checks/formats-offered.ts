// formats-offered: where the year expects a document in two formats (a PDF to read and a spreadsheet to reuse, e.g.
// ITA 2569's monthly procurement summary and complaint statistics), one without the other is a warning, not a zero.
import { z } from 'zod';
import { extensionKind } from '../derive/classify.js';
import type { Check, DefectDraft, EvidenceTarget } from './types.js';

const FORMAT = z.enum(['pdf', 'spreadsheet', 'word']);
type Format = z.infer<typeof FORMAT>;

const KINDS: Record<Format, readonly string[]> = {
  pdf: ['pdf'],
  spreadsheet: ['xlsx', 'xls', 'csv', 'ods'],
  word: ['docx', 'doc', 'odt'],
};
const WORDS: Record<Format, [string, string]> = { pdf: ['PDF', 'PDF'], spreadsheet: ['ตารางคำนวณ (XLSX/XLS/CSV)', 'spreadsheet (XLSX/XLS/CSV)'], word: ['Word (DOCX)', 'Word (DOCX)'] };

function formatOf(kind: string): Format | undefined {
  return (Object.keys(KINDS) as Format[]).find((f) => KINDS[f].includes(kind));
}

/** The formats the evidence offers: the file itself, and the files its page links (fetched or not). */
function offered(targets: readonly EvidenceTarget[]): Set<Format> {
  const out = new Set<Format>();
  const add = (kind: string | undefined) => {
    const f = kind ? formatOf(kind) : undefined;
    if (f) out.add(f);
  };
  for (const t of targets) {
    add(t.document?.kind ?? (t.page ? undefined : extensionKind(t.evidence.url)));
    for (const c of t.children) add(c.document && c.document.kind !== 'other' ? c.document.kind : extensionKind(c.url));
  }
  return out;
}

export const formatsOffered: Check<{ expect: Format[] }> = {
  id: 'formats-offered',
  description: 'Every format the year expects is offered once one of them is (PDF beside a spreadsheet); a missing one is a warning.',
  options: z.strictObject({ expect: z.array(FORMAT).min(2) }),
  defects: ['format-missing'],
  run(ctx, { expect }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const have = offered(ctx.targets);
    const found = expect.filter((f) => have.has(f));
    // Nothing in any expected format (an HTML table): the other checks judge the content; nothing to pair.
    if (!found.length) return { status: 'pass', defects: [] };
    const missing = expect.filter((f) => !have.has(f));
    const foundTh = found.map((f) => WORDS[f][0]).join(', ');
    const foundEn = found.map((f) => WORDS[f][1]).join(', ');
    // A warning: the item still passes on its content (the year "expects" both, no zero is known for one alone).
    const defects: DefectDraft[] = missing.map((f) => ({ kind: 'format-missing', url: ctx.targets[0]!.evidence.url, data: { found: foundTh, foundEn, expected: WORDS[f][0], expectedEn: WORDS[f][1] } }));
    return { status: 'pass', defects, note: { code: 'formats-checked', data: { found: foundEn } } };
  },
};
