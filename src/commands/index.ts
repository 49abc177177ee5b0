// Commands beyond score/rules, loaded on demand (a crawl does not load SQLite, a scheduler does not load pdfjs).
import type { Lang } from '../lang.js';
import type { AnyValues, CommandName } from './options.js';

export type CommandFn = (positionals: string[], values: AnyValues, lang: Lang) => Promise<number>;

const lazy =
  (load: () => Promise<CommandFn>): CommandFn =>
  async (...args) =>
    (await load())(...args);

export const COMMANDS: Record<Exclude<CommandName, 'score' | 'rules'>, CommandFn> = {
  crawl: lazy(async () => (await import('./stages.js')).crawlCommand),
  judge: lazy(async () => (await import('./stages.js')).judgeCommand),
  audit: lazy(async () => (await import('./stages.js')).auditCommand),
  demo: lazy(async () => (await import('./demo.js')).demoCommand),
  render: lazy(async () => (await import('./render.js')).renderCommand),
  doctor: lazy(async () => (await import('./doctor.js')).doctorCommand),
  config: lazy(async () => (await import('./schedule.js')).configCommand),
  init: lazy(async () => (await import('./schedule.js')).initCommand),
  run: lazy(async () => (await import('./schedule.js')).runCommand),
  schedule: lazy(async () => (await import('./schedule.js')).scheduleCommand),
  history: lazy(async () => (await import('./schedule.js')).historyCommand),
  store: lazy(async () => (await import('./schedule.js')).storeCommand),
  worker: lazy(async () => (await import('./fleet.js')).workerCommand),
  queue: lazy(async () => (await import('./fleet.js')).queueCommand),
  serve: lazy(async () => (await import('./serve.js')).serveCommand),
  users: lazy(async () => (await import('./serve.js')).usersCommand),
};
