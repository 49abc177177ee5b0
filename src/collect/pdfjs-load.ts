// Loads pdfjs-dist for text extraction only, without the 32 MB Skia binding it would load for rendering.
import { createRequire } from 'node:module';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * pdfjs-dist 5 requires `@napi-rs/canvas` on import, whatever the caller does, to polyfill DOMMatrix, ImageData and
 * Path2D for drawing pages. We never draw: text, page count and metadata need none of them. Loading the binding costs
 * about 28 MB of resident memory in each thread that imports pdfjs (measured with /proc/self/status), so the module
 * cache is given an inert stand-in first. pdfjs constructs one DOMMatrix at import (a drawing constant), so the
 * stand-ins are empty classes rather than nothing; test/collect/realworld.test.ts and the document tests extract
 * text from real PDFs through this loader.
 */
const DRAWING_ONLY = { DOMMatrix: class DOMMatrix {}, ImageData: class ImageData {}, Path2D: class Path2D {} };

let loading: Promise<Pdfjs> | undefined;

export function loadPdfjs(): Promise<Pdfjs> {
  return (loading ??= (async () => {
    const req = createRequire(import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs'));
    let canvasPath: string | undefined;
    try {
      canvasPath = req.resolve('@napi-rs/canvas');
    } catch {
      // Not installed (it is an optional dependency): pdfjs would then fail on `new DOMMatrix()` at import.
    }
    if (canvasPath && !req.cache[canvasPath]) req.cache[canvasPath] = { id: canvasPath, filename: canvasPath, loaded: true, exports: DRAWING_ONLY } as NodeJS.Module;
    for (const [name, stand] of Object.entries(DRAWING_ONLY)) (globalThis as Record<string, unknown>)[name] ??= stand;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })());
}
