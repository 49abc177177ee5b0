// `oit render`: re-renders reports from result.json files without crawling again; several results make index.html.
import { dirname, join, relative } from 'node:path';
import { tr } from '../lang.js';
import { renderIndexHtml, type IndexEntry } from '../render/index-html.js';
import { EXIT, UsageError } from './errors.js';
import { readResult, writeFileAtomic } from './files.js';
import type { CommandFn } from './index.js';
import { parseFormats, writeReports } from './reports.js';

export const renderCommand: CommandFn = async (pos, values, lang) => {
  if (!pos.length) throw new UsageError('usage: oit render <result.json> [more result.json …] [--format html,csv,xlsx,md,junit,pdf,index,all] [--previous old/result.json] [--out dir]');
  const formats = typeof values.format === 'string' ? values.format.split(',').map((s) => s.trim()) : [];
  const wantIndex = formats.includes('index') || pos.length > 1;
  const rest = formats.filter((f) => f !== 'index').join(',');
  const previous = typeof values.previous === 'string' ? readResult(values.previous) : undefined;
  const results = pos.map((file) => ({ file, result: readResult(file) }));
  const written: string[] = [];
  if (pos.length === 1 && (rest || !wantIndex)) {
    const out = typeof values.out === 'string' ? values.out : dirname(pos[0]!);
    written.push(...(await writeReports(results[0]!.result, out, parseFormats(rest || undefined), lang, previous)));
  }
  if (wantIndex) {
    const out = typeof values.out === 'string' ? values.out : '.';
    const entries: IndexEntry[] = results.map(({ file, result }) => ({ result, href: relative(out, join(dirname(file), 'report.html')) }));
    const file = join(out, 'index.html');
    writeFileAtomic(file, renderIndexHtml(entries, lang));
    written.push(file);
  }
  process.stdout.write(`${tr(lang, 'เขียนไฟล์', 'wrote')}:\n${written.map((w) => `  ${w}`).join('\n')}\n`);
  return EXIT.ok;
};
