// Commands beyond score/rules: each takes positionals and parsed flags and returns an exit code.
import type { Lang } from '../lang.js';

export type CommandFn = (positionals: string[], values: Record<string, string | boolean | undefined>, lang: Lang) => Promise<number>;

export const COMMANDS: Record<string, CommandFn> = {};
