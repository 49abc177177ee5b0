// Commands beyond score/rules: each takes positionals and parsed flags and returns an exit code.
import type { Lang } from '../lang.js';
import { demoCommand } from './demo.js';
import { doctorCommand } from './doctor.js';
import { configCommand, historyCommand, initCommand, runCommand, scheduleCommand } from './schedule.js';
import { renderCommand } from './render.js';
import { auditCommand, crawlCommand, judgeCommand } from './stages.js';

export type CommandFn = (positionals: string[], values: Record<string, string | boolean | undefined>, lang: Lang) => Promise<number>;

export const COMMANDS: Record<string, CommandFn> = {
  crawl: crawlCommand,
  judge: judgeCommand,
  audit: auditCommand,
  demo: demoCommand,
  render: renderCommand,
  doctor: doctorCommand,
  config: configCommand,
  init: initCommand,
  run: runCommand,
  schedule: scheduleCommand,
  history: historyCommand,
};
