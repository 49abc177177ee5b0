// activity-date: an activity is shown with its date (assessors gave 0 for activities without a date or time).
import { z } from 'zod';
import { findThaiDates } from '../derive/thai-date.js';
import { datingText } from './corpus.js';
import type { Check } from './types.js';

export const activityDate: Check<Record<string, never>> = {
  id: 'activity-date',
  description: 'The activity evidence states the day it took place.',
  options: z.strictObject({}),
  defects: ['missing-element'],
  run(ctx) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const dated = ctx.targets.some((t) => findThaiDates(datingText(t, 20_000)).some((d) => d.day !== undefined));
    if (dated) return { status: 'pass', defects: [] };
    return { status: 'fail', defects: [{ kind: 'missing-element', data: { element: 'วันที่จัดกิจกรรม', elementEn: 'the date of the activity' } }] };
  },
};
