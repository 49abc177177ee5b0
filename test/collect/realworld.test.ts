// Every file of ../shared/realworld (real Thai agency pages and documents) is read without a crash, Thai not mojibake.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/collect/decode.js';
import { extractDocument } from '../../src/collect/documents.js';
import { parseHtml } from '../../src/collect/html.js';
import { pageFlags } from '../../src/collect/page-signals.js';

const ROOT = join(import.meta.dirname, '../../../shared/realworld');
const have = existsSync(ROOT);
if (!have) console.warn(`../shared/realworld not found (${ROOT}): real-world corpus tests skipped; the fixture tests still run`);

function* walk(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}
const files = have ? [...walk(ROOT)].filter((p) => !p.endsWith('MANIFEST.md')) : [];
// Mojibake of Thai read as Latin-1 looks like "Êӹѡ¡ÒÃ": Latin-1 letters between 0xC0 and 0xFF in runs.
const MOJIBAKE = /[\u00C0-\u00FF]{3,}/;

describe.skipIf(!have)('real-world corpus', () => {
  it.each(files.filter((f) => /\.html?$/i.test(f)).map((f) => [relative(ROOT, f), f]))('%s decodes to Thai and parses', (_rel, file) => {
    const d = decodeHtml(readFileSync(file));
    const p = parseHtml(d.text, 'http://agency.example.go.th/page.html');
    expect(p.text.length + p.title.length).toBeGreaterThan(0);
    // Pages drawn with private or legacy font codes carry no Thai letters: they must be flagged so that no check
    // reads them as text (pdf2htmlEX output, and a PDF conversion typed in a legacy Thai font).
    if (!/[\u0E01-\u0E5B]/.test(`${p.title} ${p.text}`)) expect(pageFlags(p, 'http://x/')).toContain('font-encoded');
    expect(MOJIBAKE.test(`${p.title} ${p.text.slice(0, 5000)}`)).toBe(false);
  });

  it.each(files.filter((f) => !/\.(html?|md|txt|xml)$/i.test(f)).map((f) => [relative(ROOT, f), f]))('%s is read or reported, never crashes', { timeout: 60_000 }, async (rel, file) => {
    const r = await extractDocument(readFileSync(file), `http://agency.example.go.th/${encodeURIComponent(rel)}`, '');
    expect(r.kind).not.toBe('other');
    if (r.kind === 'pdf' && r.hasTextLayer) expect(r.text).toMatch(/[\u0E01-\u0E5B]/);
  });

  it('reads the undeclared TIS-620 login page as Thai and flags nothing as mojibake', () => {
    const d = decodeHtml(readFileSync(join(ROOT, 'yongyot--saiyoidenchai/member/index.html')));
    expect(d.charset).toBe('windows-874');
    expect(d.text).toContain('ระบบสมาชิก');
  });

  it('reads the e-GP RSS captures declared Windows-874', () => {
    for (const n of ['1', '2', '3']) {
      const d = decodeHtml(readFileSync(join(ROOT, `unknownclub--AutoEGP/DataTest/${n}.xml`)));
      expect(d.charset).toBe('windows-874');
      expect(d.text).toMatch(/[\u0E01-\u0E5B]/);
    }
  });

  it('marks the copier scan as having no text layer and the empty file as empty', async () => {
    const scan = await extractDocument(readFileSync(join(ROOT, 'Mhaew--PhichaiHospital/public/assets/document/pdf/moit1-2-68.pdf')), 'http://x/moit1-2-68.pdf', 'application/pdf');
    expect(scan).toMatchObject({ kind: 'pdf', hasTextLayer: false, pageCount: 4 });
    const empty = await extractDocument(readFileSync(join(ROOT, 'yongyot--saiyoidenchai/images/file/รายงานการประชุมคณะกรรมการ สปสช.1 2558.pdf')), 'http://x/e.pdf', 'application/pdf');
    expect(empty.kind).toBe('empty');
  });
});
