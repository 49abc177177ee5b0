// Parses the shared command-line options of crawl/judge/audit into typed values, rejecting bad ones precisely.
import { z } from 'zod';
import type { CrawlOptions } from '../collect/crawl.js';
import { UsageError } from './errors.js';

type Values = Record<string, string | boolean | undefined>;

const int = (flag: string, min: number, max: number) =>
  z.string().regex(/^\d+$/, `${flag} must be a whole number`).transform(Number).pipe(z.number().min(min, `${flag} must be at least ${min}`).max(max, `${flag} must be at most ${max}`));

const Schema = z.object({
  'max-pages': int('--max-pages', 1, 1_000_000).optional(),
  'max-depth': int('--max-depth', 0, 100).optional(),
  'max-minutes': int('--max-minutes', 1, 24 * 60).optional(),
  concurrency: int('--concurrency', 1, 256).optional(),
  'per-host': int('--per-host', 1, 64).optional(),
  timeout: int('--timeout', 1, 600).optional(),
  'ignore-robots': z.boolean().optional(),
  'user-agent': z.string().min(3).optional(),
  'as-of': z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '--as-of must be YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), '--as-of is not a real date').optional(),
  'fiscal-year': int('--fiscal-year', 2500, 2700).optional(),
  render: z.enum(['auto', 'never', 'always'], { message: '--render must be auto, never or always' }).optional(),
});

export function parseCommonOptions(values: Values) {
  const parsed = Schema.safeParse(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)));
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

export function crawlOptionsFrom(values: Values): Partial<CrawlOptions> {
  const o = parseCommonOptions(values);
  const out: Partial<CrawlOptions> = {};
  if (o['max-pages'] !== undefined) out.maxPages = o['max-pages'];
  if (o['max-depth'] !== undefined) out.maxDepth = o['max-depth'];
  if (o['max-minutes'] !== undefined) out.maxMinutes = o['max-minutes'];
  if (o.concurrency !== undefined) out.concurrency = o.concurrency;
  if (o['per-host'] !== undefined) out.perHost = o['per-host'];
  if (o.timeout !== undefined) out.timeoutSeconds = o.timeout;
  if (o['ignore-robots']) out.respectRobots = false;
  if (o['user-agent']) out.userAgent = o['user-agent'];
  if (o.render) out.render = o.render;
  return out;
}

/** Today in Asia/Bangkok, as YYYY-MM-DD: the default assessment date. */
export function todayBangkok(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
