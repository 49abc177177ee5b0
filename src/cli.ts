#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=10
// The shebang's flags bound memory at no cost in speed (npm run bench, same wall time both times):
// - a small young generation: crawls allocate many short-lived strings, and the default 16 MB semi-space let the
//   process hold ~90 MB more (346 → 258 MB);
// - a full collection whenever the old generation grows 10% past what survived the last one, instead of V8's default
//   of up to 4x: the crawl's live data is small (pages go to disk) but request garbage piled up to 70 MB on the
//   crawl's thread between collections (about 255 → 200 MB).
// The command line: argv → stage functions; the only place that writes files and sets exit codes.
import { helpText } from './help.js';
import { InputError } from './model/input-error.js';
import { CrawlFailedError, EXIT, UsageError, ServiceError } from './commands/errors.js';
import { runScore } from './commands/score.js';
import { rulesCheck, rulesDiff, rulesList, rulesShow } from './commands/rules.js';
import { COMMANDS } from './commands/index.js';
import { parseCommandLine } from './commands/options.js';
import { RenderUnavailable } from './collect/render.js';

async function main(argv: string[]): Promise<number> {
  const { command, positionals: rest, values, lang } = parseCommandLine(argv);
  if (values.help || !command) {
    process.stdout.write(`${helpText(lang, command)}\n`);
    return values.help || argv[0] === 'help' ? EXIT.ok : EXIT.usage;
  }
  switch (command) {
    case 'score': {
      const r = runScore({ ...values, lang });
      process.stdout.write(`${r.text}\n`);
      return r.exit;
    }
    case 'rules': {
      const [sub, a, b] = rest;
      const text = sub === 'list' ? rulesList(lang) : sub === 'show' ? rulesShow(a, b, lang) : sub === 'check' ? rulesCheck(a, lang) : sub === 'diff' ? rulesDiff(a, b, lang) : undefined;
      if (text === undefined) throw new UsageError('usage: oit rules list | show <framework> [item] | check <folder> | diff <framework> <framework>');
      process.stdout.write(`${text}\n`);
      return EXIT.ok;
    }
    default:
      return COMMANDS[command](rest, values, lang);
  }
}

// A command that has settled is done: a handle left open by a failed library (a socket, a worker) must not keep a
// cron job waiting forever. The timer is unref'd, so a clean exit does not wait for it.
const exitSoon = () => setTimeout(() => process.exit(), 1500).unref();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    exitSoon();
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
    } else if (err instanceof ServiceError) {
      process.stderr.write(`oit: บริการไม่ตอบ / a service did not answer: ${err.message}\n`);
      process.exitCode = EXIT.service;
    } else if (err instanceof CrawlFailedError) {
      process.stderr.write(`oit: เข้าเว็บไซต์ไม่ได้ / could not crawl: ${err.message}\n`);
      process.exitCode = EXIT.crawlFailed;
    } else {
      process.stderr.write(`oit: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 70;
    }
    exitSoon();
  },
);
