// Reading and writing the stage files (artifacts.json, result.json): parsed with zod, written atomically.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

export function readArtifacts(file: string) {
  return parseOrThrow(Artifacts, parseJsonText(readFileSync(file, 'utf8'), file), file);
}

export function readResult(file: string) {
  return parseOrThrow(Result, parseJsonText(readFileSync(file, 'utf8'), file), file);
}
