// The check registry: check id → check. Rule data names checks by these ids.
import { activityDate } from './activity-date.js';
import { egpNumbers } from './egp-numbers.js';
import { evidenceFound } from './evidence-found.js';
import { formatsOffered } from './formats-offered.js';
import { linkWorks } from './link-works.js';
import { monthlyCoverage } from './monthly-coverage.js';
import { noneStated } from './none-stated.js';
import { onSite } from './on-site.js';
import { ownDuties } from './own-duties.js';
import { period } from './period.js';
import { requiredElements } from './required-elements.js';
import type { Check } from './types.js';
import { vacancyMarked } from './vacancy-marked.js';

export const CHECKS: Readonly<Record<string, Check<any>>> = Object.freeze(
  Object.fromEntries([evidenceFound, onSite, linkWorks, requiredElements, period, monthlyCoverage, egpNumbers, activityDate, ownDuties, vacancyMarked, noneStated, formatsOffered].map((c) => [c.id, c])),
);
