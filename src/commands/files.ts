// Reading and writing the stage files (artifacts.json, result.json): parsed with zod, written atomically.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Artifacts } from '../model/artifacts.js';
import { InputError, parseJsonText, parseOrThrow } from '../model/input-error.js';
import { Result, upgradeResult } from '../model/result.js';

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/**
 * artifacts.json written element by element: one JSON.stringify of a whole crawl (and its pretty-printed copy)
 * would double the crawl's memory at the very end.
 */
export function writeArtifacts(dir: string, artifacts: Record<string, unknown>, spooled?: Record<string, string>): string {
  const file = join(dir, 'artifacts.json');
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let first = true;
    writeSync(fd, '{');
    for (const [key, value] of Object.entries(artifacts)) {
      if (value === undefined) continue;
      writeSync(fd, `${first ? '' : ','}\n${JSON.stringify(key)}:`);
      first = false;
      const spool = spooled?.[key];
      if (spool && existsSync(spool)) {
        writeSync(fd, '[');
        copyLinesAsArrayItems(spool, fd);
        writeSync(fd, ']');
      } else if (Array.isArray(value)) {
        writeSync(fd, '[');
        value.forEach((v, i) => writeSync(fd, `${i ? ',' : ''}\n${JSON.stringify(v)}`));
        writeSync(fd, ']');
      } else writeSync(fd, JSON.stringify(value));
    }
    writeSync(fd, '\n}\n');
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  for (const f of Object.values(spooled ?? {})) rmSync(f, { force: true });
  return file;
}

/**
 * The lines of a JSON-lines spool, copied as array items (`\n<line>`, then `,\n<line>`) byte for byte: tens of
 * megabytes of pages never pass through the heap as strings at the very end of a crawl.
 */
function copyLinesAsArrayItems(file: string, out: number): void {
  const src = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let items = 0;
  let inLine = false;
  try {
    for (let len = readSync(src, buf, 0, buf.length, null); len > 0; len = readSync(src, buf, 0, buf.length, null)) {
      const block = buf.subarray(0, len);
      let pos = 0;
      while (pos < len) {
        if (!inLine) {
          if (block[pos] === 0x0a) {
            pos++;
            continue;
          }
          writeSync(out, items++ ? ',\n' : '\n');
          inLine = true;
        }
        const nl = block.indexOf(0x0a, pos);
        const end = nl === -1 ? len : nl;
        writeSync(out, block, pos, end - pos);
        pos = end;
        if (nl !== -1) inLine = false;
      }
    }
  } finally {
    closeSync(src);
  }
}

/** A stage file's text; a missing or unreadable file is an input error that names it, not a crash. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, [{ path: '', message: code === 'ENOENT' ? 'file does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read: ${(err as Error).message}` }]);
  }
}

export function readArtifacts(file: string) {
  return parseOrThrow(Artifacts, parseJsonText(readText(file), file), file);
}

export function readResult(file: string) {
  return parseResultText(readText(file), file);
}

/** A result.json's text (a file, or a row of the PostgreSQL store named by `where`), upgraded and checked. */
export function parseResultText(text: string, where: string) {
  return parseOrThrow(Result, upgradeResult(parseJsonText(text, where)), where);
}
