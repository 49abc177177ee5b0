// activity-date: an activity is shown with its date, and its time where the year asks for it (assessors gave 0 for
// activities without a date or time: domain §6 reason 11).
import { z } from 'zod';
import { findThaiDates } from '../derive/thai-date.js';
import { findThaiTimes } from '../derive/thai-time.js';
import { activityText } from './activity-text.js';
import type { Check, DefectDraft } from './types.js';

const hasDay = (text: string) => findThaiDates(text).some((d) => d.day !== undefined);
const hasTime = (text: string) => findThaiTimes(text).length > 0;

const MISSING_DATE: DefectDraft = { kind: 'missing-element', data: { element: 'วันที่จัดกิจกรรม', elementEn: 'the date of the activity' } };
const MISSING_TIME: DefectDraft = { kind: 'missing-element', data: { element: 'เวลาที่จัดกิจกรรม', elementEn: 'the time of the activity' } };

export const activityDate: Check<{ requireTime: boolean }> = {
  id: 'activity-date',
  description: 'The activity itself (its heading, caption, body or its own document) states the day it took place, and the time when requireTime is set (ITA 2568).',
  options: z.strictObject({ requireTime: z.boolean().default(false) }),
  defects: ['missing-element'],
  run(ctx, { requireTime }) {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const parts = ctx.targets.map(activityText);
    const own = parts.flatMap((p) => p.own);
    const dated = own.filter(hasDay);
    // Date and time of the same activity: both in the same page or file.
    if (dated.length && (!requireTime || dated.some(hasTime))) return { status: 'pass', defects: [] };
    const defects = dated.length ? [MISSING_TIME] : requireTime && !own.some(hasTime) ? [MISSING_DATE, MISSING_TIME] : [MISSING_DATE];
    // The activity may be on a page one click away that this check was not given: a person opens it.
    const linked = parts.flatMap((p) => p.linkedActivities);
    if (!dated.length && linked.length) return { status: 'cant-tell', defects: [], note: { code: 'activity-on-linked-page', data: { url: linked[0] } } };
    const datedBeside = !dated.length && parts.some((p) => p.beside.some(hasDay));
    return { status: 'fail', defects, ...(datedBeside ? { note: { code: 'date-not-activity', data: {} } } : {}) };
  },
};
