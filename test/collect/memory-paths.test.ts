// The parts of the collector that keep memory small: pdfjs without its drawing binding, pages spooled by whichever
// thread made them and assembled into artifacts.json byte for byte.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/collect/documents.js';
import { appendLine, spoolSink, SPOOL_FILES } from '../../src/collect/sink.js';
import { writeArtifacts, readArtifacts } from '../../src/commands/files.js';
import { artifacts, page, doc } from '../fixtures/artifacts.js';
import { textPdf } from '../fixtures/files.js';

describe('pdfjs for text only', () => {
  it('extracts text without loading the @napi-rs/canvas binding', async () => {
    const x = await extractDocument(textPdf(['Annual report 2567', 'page two']), 'http://x.test/a.pdf', 'application/pdf');
    expect(x.kind).toBe('pdf');
    expect(x.text).toContain('Annual report 2567');
    const req = createRequire(import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs'));
    let canvasPath: string | undefined;
    try {
      canvasPath = req.resolve('@napi-rs/canvas');
    } catch {
      return; // not installed: nothing to keep out
    }
    const cached = req.cache[canvasPath];
    expect(cached, 'pdfjs asked for the binding through the module cache').toBeDefined();
    // The stand-in has the three classes pdfjs polyfills from, and none of the binding's drawing API.
    expect(Object.keys(cached!.exports as object).sort()).toEqual(['DOMMatrix', 'ImageData', 'Path2D']);
    expect((cached!.exports as Record<string, unknown>).createCanvas).toBeUndefined();
  });
});

describe('spool → artifacts.json', () => {
  it('keeps every line whole across 1 MiB read blocks, with Thai text and lines from two writers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-spool-'));
    const sink = spoolSink(dir);
    // ~3 MB of Thai (3 bytes a character in UTF-8): lines cross the copier's 1 MiB block boundaries at arbitrary bytes.
    const pages = Array.from({ length: 60 }, (_, i) => page(`/p${i}.html`, `หน้า ${i}`, `ข้อความภาษาไทย ${'ก่ำ'.repeat(5000 + i * 37)} จบ ${i}`));
    pages.forEach((p, i) => {
      if (i % 2) sink.page(p);
      else {
        // What a body worker does: append to the same descriptor, then the crawl counts it.
        appendLine(sink.fds!.page, p);
        sink.written('page');
      }
    });
    sink.document(doc('/d.pdf', 'รายงาน'));
    expect(sink.counts).toEqual({ pages: 60, documents: 1 });
    sink.close();
    const a = artifacts([], []);
    const file = writeArtifacts(dir, { ...a, pages: [], documents: [] }, { pages: join(dir, SPOOL_FILES.pages), documents: join(dir, SPOOL_FILES.documents) });
    const back = readArtifacts(file);
    expect(back.pages.map((p) => p.url)).toEqual(pages.map((p) => p.url));
    expect(back.pages[59]!.text).toBe(pages[59]!.text);
    expect(back.documents.map((d) => d.text)).toEqual(['รายงาน']);
    expect(readFileSync(file, 'utf8')).toMatch(/^\{\n"schemaVersion":/);
  });
});
