// Reading and writing the stage files (artifacts.json, result.json): parsed with zod, written atomically.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Artifacts } from '../model/artifacts.js';
import { parseJsonText, parseOrThrow } from '../model/input-error.js';
import { Result } from '../model/result.js';

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
        // Pages and documents spooled during the crawl are copied line by line, never all held at once.
        writeSync(fd, '[');
        let n = 0;
        for (const line of readLines(spool)) writeSync(fd, `${n++ ? ',' : ''}\n${line}`);
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

/** The lines of a file, read in 1 MiB blocks. */
function* readLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const parts = (rest + decoder.write(buf.subarray(0, n))).split('\n');
      rest = parts.pop()!;
      for (const p of parts) if (p) yield p;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

export function readArtifacts(file: string) {
  return parseOrThrow(Artifacts, parseJsonText(readFileSync(file, 'utf8'), file), file);
}

export function readResult(file: string) {
  return parseOrThrow(Result, parseJsonText(readFileSync(file, 'utf8'), file), file);
}
