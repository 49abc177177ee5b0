// The result contract: item outcomes, defects, links and the score, as plain JSON that renderers re-read.
import { z } from 'zod';
import { DefectKind } from './rule-set.js';

export const RESULT_SCHEMA_VERSION = 1;

export const Outcome = z.enum(['pass', 'fail', 'review', 'error']);
export type Outcome = z.infer<typeof Outcome>;

export const Defect = z.strictObject({
  kind: DefectKind,
  item: z.string().optional(),
  url: z.string().optional(),
  /** Thai message; `messageEn` is its English twin. */
  message: z.string(),
  messageEn: z.string().default(''),
  fix: z.string().default(''),
  fixEn: z.string().default(''),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type Defect = z.infer<typeof Defect>;

export const Evidence = z.strictObject({
  url: z.string(),
  /** How it was found: index (the ITA/OIT table), link (menu/link text), heading, url (URL pattern). */
  via: z.enum(['index', 'link', 'heading', 'url']),
  confidence: z.number().min(0).max(1),
  label: z.string().optional(),
  text: z.string().optional(),
  /** Title of the page or file the link leads to, for the answer sheet's explanation. */
  title: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const CheckResult = z.strictObject({
  check: z.string(),
  status: z.enum(['pass', 'fail', 'cant-tell', 'error']),
  note: z.string().optional(),
});

export const ItemResult = z.strictObject({
  id: z.string(),
  title: z.string(),
  titleEn: z.string(),
  subIndicator: z.string(),
  outcome: Outcome,
  evidence: z.array(Evidence),
  defects: z.array(Defect),
  checks: z.array(CheckResult).default([]),
});
export type ItemResult = z.infer<typeof ItemResult>;

const Scores = z.record(z.string(), z.number().nullable());

export const Score = z.strictObject({
  items: z.record(z.string(), z.number().nullable()),
  subIndicators: Scores,
  indicators: Scores,
  oit: z.number().nullable(),
  iit: z.number().nullable().default(null),
  eit: z.number().nullable().default(null),
  ita: z.number().nullable().default(null),
  grade: z.string().nullable(),
  gradeEn: z.string().nullable().default(null),
  /** The grade is the ITA's when IIT and EIT were given, else the OIT readiness score's. */
  gradeBasis: z.enum(['ita', 'oit']).nullable().default(null),
  pass: z.boolean().nullable(),
  passMark: z.number(),
  /** True when some items need review or ended in error: the score is not final. */
  provisional: z.boolean(),
  provisionalReasons: z.array(z.string()).default([]),
});
export type Score = z.infer<typeof Score>;

export const Result = z.strictObject({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  framework: z.strictObject({
    id: z.string(),
    title: z.string(),
    provisional: z.boolean(),
    /** Indicator and sub-indicator names, so reports can be rendered from the result alone. */
    structure: z
      .array(z.strictObject({ id: z.string(), title: z.string(), titleEn: z.string(), subIndicators: z.array(z.strictObject({ id: z.string(), title: z.string(), titleEn: z.string() })) }))
      .default([]),
  }),
  site: z.string(),
  agency: z.string().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Buddhist-era fiscal year assessed. */
  fiscalYear: z.number().int(),
  crawledAt: z.string().optional(),
  items: z.array(ItemResult),
  score: Score,
  links: z.strictObject({
    checked: z.number().int(),
    broken: z.array(z.strictObject({ url: z.string(), status: z.number().int(), foundOn: z.array(z.string()), error: z.string().optional() })),
    unverifiable: z.number().int().default(0),
  }),
  /** Every defect, item ones and site-level ones, flattened for filtering. */
  defects: z.array(Defect),
  warnings: z.array(z.string()).default([]),
});
export type Result = z.infer<typeof Result>;
