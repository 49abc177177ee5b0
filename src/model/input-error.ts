// Turns zod failures on user-given files into one error that names the file and the JSON path of each bad field.
import type { z } from 'zod';

export interface Problem {
  /** JSON path of the bad field, e.g. `items[3].hints.keywords`. Empty for the whole file. */
  path: string;
  message: string;
}

/** A file (config, rule set, artifacts) that a user gave us is wrong. The CLI maps this to exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p.path || '(file)'}: ${p.message}`).join('\n')}`);
    this.name = 'InputError';
  }
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

/** Parse `data` with `schema`, or throw an InputError naming `file` and every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InputError(file, zodProblems(parsed.error));
  return parsed.data;
}

/** JSON.parse with the file named in the error instead of a bare SyntaxError. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(file, [{ path: '', message: `not valid JSON: ${(err as Error).message}` }]);
  }
}
