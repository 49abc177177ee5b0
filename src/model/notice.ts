// A message as data: a code and its values. Wording lives in src/text/ per language and is applied when rendering.
import { z } from 'zod';

export const Notice = z.strictObject({
  code: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type Notice = z.infer<typeof Notice>;
