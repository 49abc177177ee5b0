// evidence-found: the item's data was located on the site at all.
import { z } from 'zod';
import { pass, type Check } from './types.js';

export const evidenceFound: Check<Record<string, never>> = {
  id: 'evidence-found',
  description: 'The item is published: a link or page for it was found (ITA index, menu, heading or URL).',
  options: z.strictObject({}),
  defects: ['not-found'],
  run(ctx) {
    if (ctx.targets.length > 0) return pass();
    // Not seen is not absent when part of the site was not read.
    if (ctx.incomplete) return { status: 'cant-tell', defects: [{ kind: 'not-found', data: { incomplete: ctx.incomplete.code } }], note: ctx.incomplete };
    return { status: 'fail', defects: [{ kind: 'not-found' }] };
  },
};
