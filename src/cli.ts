#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=10
// The shebang's flags bound memory at no cost in speed (npm run bench, same wall time both times):
// - a small young generation: crawls allocate many short-lived strings, and the default 16 MB semi-space let the
//   process hold ~90 MB more (346 → 258 MB);
// - a full collection whenever the old generation grows 10% past what survived the last one, instead of V8's default
//   of up to 4x: the crawl's live data is small (pages go to disk) but request garbage piled up to 70 MB on the
//   crawl's thread between collections (about 255 → 200 MB).
// The command line: argv → stage functions; the only place that writes files and sets exit codes.
import { parseArgs } from 'node:util';

import { helpText } from './help.js';
import { pickLang } from './lang.js';
import { InputError } from './model/input-error.js';
import { CrawlFailedError, EXIT, UsageError } from './commands/errors.js';
import { runScore } from './commands/score.js';
import { rulesCheck, rulesList, rulesShow } from './commands/rules.js';
import { COMMANDS } from './commands/index.js';
import { RenderUnavailable } from './collect/render.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  rules: { type: 'string' },
  fail: { type: 'string' },
  review: { type: 'string' },
  iit: { type: 'string' },
  eit: { type: 'string' },
  oit: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'as-of': { type: 'string' },
  'fiscal-year': { type: 'string' },
  'max-pages': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-minutes': { type: 'string' },
  'per-host': { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'ignore-robots': { type: 'boolean' },
  'user-agent': { type: 'string' },
  format: { type: 'string' },
  previous: { type: 'string' },
  port: { type: 'string' },
  render: { type: 'string' },
  screenshots: { type: 'boolean' },
  config: { type: 'string' },
  agency: { type: 'string' },
  once: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export type CliValues = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const lang = pickLang(values.lang);
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    process.stdout.write(`${helpText(lang)}\n`);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  switch (command) {
    case 'score': {
      const r = runScore({ ...values, lang } as Parameters<typeof runScore>[0]);
      process.stdout.write(`${r.text}\n`);
      return r.exit;
    }
    case 'rules': {
      const [sub, a, b] = rest;
      const text = sub === 'list' ? rulesList(lang) : sub === 'show' ? rulesShow(a, b, lang) : sub === 'check' ? rulesCheck(a, lang) : undefined;
      if (text === undefined) throw new UsageError('usage: oit rules list | show <framework> [item] | check <folder>');
      process.stdout.write(`${text}\n`);
      return EXIT.ok;
    }
    default: {
      const run = COMMANDS[command];
      if (!run) throw new UsageError(`unknown command "${command}" (see oit --help)`);
      return run(rest, values, lang);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof InputError) {
      process.stderr.write(`oit: ข้อมูลนำเข้าไม่ถูกต้อง / invalid input: ${err.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (err instanceof UsageError) {
      process.stderr.write(`oit: ${err.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (err instanceof RenderUnavailable) {
      process.stderr.write(`oit: ${err.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (err instanceof CrawlFailedError) {
      process.stderr.write(`oit: เข้าเว็บไซต์ไม่ได้ / could not crawl: ${err.message}\n`);
      process.exitCode = EXIT.crawlFailed;
    } else {
      process.stderr.write(`oit: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
