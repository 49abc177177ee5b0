// The layer rules are enforced by ESLint (eslint.config.js): a pure layer that reaches for the network, the file
// system or the collector is an error, and the layers allowed to are not flagged.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const lint = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message);

describe('import boundaries', () => {
  it.each([
    ['src/judge/x.ts', "import { request } from 'undici';\nexport const r = request;\n"],
    ['src/checks/x.ts', "import { get } from 'node:https';\nexport const g = get;\n"],
    ['src/render/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['src/score.ts', "import { crawlSite } from './collect/crawl.js';\nexport const c = crawlSite;\n"],
    ['src/derive/x.ts', "import { runAudit } from '../audit.js';\nexport const a = runAudit;\n"],
    ['src/text/x.ts', "export const f = () => fetch('http://example.go.th/');\n"],
    ['src/commands/x.ts', "import { request } from 'undici';\nexport const r = request;\n"],
    ['src/serve/pages/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['src/serve/pages/x.ts', "import { HistoryStore } from '../../schedule/store.js';\nexport const h = HistoryStore;\n"],
    ['src/review/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['src/schedule/x.ts', "import Fastify from 'fastify';\nexport const f = Fastify;\n"],
  ])('%s may not do that', async (file, code) => {
    expect(await lint(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/collect/x.ts', "import { request } from 'undici';\nexport const r = request;\n"],
    ['src/schedule/send.ts', "export const f = () => fetch('http://127.0.0.1/');\n"],
    ['src/commands/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['src/serve/server.ts', "import Fastify from 'fastify';\nexport const f = Fastify;\n"],
  ])('%s may', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
