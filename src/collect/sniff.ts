// What a file really is, from its first bytes (an HTML error page served as ".pdf" is not a PDF).
import type { DocKind } from '../model/artifacts.js';

export function sniffKind(bytes: Uint8Array, zipEntries?: string[]): DocKind {
  if (bytes.length === 0) return 'empty';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-') || ascii.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) {
    if (zipEntries?.some((e) => e.startsWith('word/'))) return 'docx';
    if (zipEntries?.some((e) => e.startsWith('xl/'))) return 'xlsx';
    return 'zip';
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'doc'; // OLE2: .doc or .xls, refined by caller
  if (head[0] === 0x89 && ascii.slice(1, 4) === 'PNG') return 'image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'image';
  if (ascii.startsWith('GIF8') || ascii.startsWith('BM') || (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP')) return 'image';
  const trimmed = ascii.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (trimmed.startsWith('<!doctype html') || trimmed.startsWith('<html') || /^<(head|body|meta|title|script|div|p|h1)\b/.test(trimmed)) return 'html';
  if (trimmed.startsWith('<?xml') || trimmed.startsWith('<svg')) return trimmed.includes('<svg') ? 'image' : 'text';
  // Mostly printable: a text file.
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  return printable / head.length > 0.95 ? 'text' : 'other';
}
