// The result contract: item outcomes, defects, links and the score, as plain JSON that renderers re-read.
import { z } from 'zod';
import { Notice } from './notice.js';
import { DefectKind } from './rule-set.js';

/** 2: defects, warnings, notes and reasons are {code, data}; wording is applied when rendering (src/text). */
export const RESULT_SCHEMA_VERSION = 2;

export const Outcome = z.enum(['pass', 'fail', 'review', 'error']);
export type Outcome = z.infer<typeof Outcome>;

/** A defect is data: its kind and values. What it says and how to fix it are worded per language when rendered. */
export const Defect = z.strictObject({
  kind: DefectKind,
  item: z.string().optional(),
  url: z.string().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
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
  /** The page whose link led here (the ITA/OIT index page for `index`), so the answer sheet can say how to reach it. */
  from: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const CheckResult = z.strictObject({
  check: z.string(),
  status: z.enum(['pass', 'fail', 'cant-tell', 'error']),
  note: Notice.optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const ItemResult = z.strictObject({
  id: z.string(),
  title: z.string(),
  titleEn: z.string(),
  subIndicator: z.string(),
  outcome: Outcome,
  evidence: z.array(Evidence),
  defects: z.array(Defect),
  checks: z.array(CheckResult).default([]),
  /** The rule set's own how-to-fix text for this item, per defect kind it raised (rule data, worded per language). */
  fixes: z.record(z.string(), z.strictObject({ th: z.string(), en: z.string() })).default({}),
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
  /**
   * The rating in words (a notice): `rating-label` when IIT, EIT and OIT gave the ITA; `rating-ceiling` from OIT alone
   * in a Rating Score year (which labels the OIT still allows); `rating-oit-band` from OIT alone in earlier years.
   */
  rating: Notice.nullable().default(null),
  pass: z.boolean().nullable(),
  passMark: z.number(),
  /** True when some items need review or ended in error: the score is not final. */
  provisional: z.boolean(),
  provisionalReasons: z.array(Notice).default([]),
  /** OIT points each item not passing is worth: the OIT if that item alone passed, minus the OIT now (src/score.ts). */
  gains: z.record(z.string(), z.number()).default({}),
  /**
   * The best this audit can still become without fixing a failing item: every item needing review (or in error) passes.
   * What is settled: a best case below a label means that label needs a failing item fixed.
   */
  bestCase: z.strictObject({ oit: z.number().nullable(), rating: Notice.nullable(), items: z.array(z.string()) }).nullable().default(null),
});
export type Score = z.infer<typeof Score>;

export const Result = z.strictObject({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  framework: z.strictObject({
    id: z.string(),
    title: z.string(),
    titleEn: z.string().default(''),
    provisional: z.boolean(),
    /** What every report says about a provisional framework (its framework.json banner). */
    banner: z.strictObject({ th: z.string(), en: z.string() }).optional(),
    /** Indicator and sub-indicator names, so reports can be rendered from the result alone. */
    structure: z
      .array(z.strictObject({ id: z.string(), title: z.string(), titleEn: z.string(), subIndicators: z.array(z.strictObject({ id: z.string(), title: z.string(), titleEn: z.string() })) }))
      .default([]),
  }),
  site: z.string(),
  agency: z.string().optional(),
  /** Where the agency's name came from: the config or command line, the site's own header or titles, or its host. */
  agencySource: z.enum(['config', 'site', 'host']).optional(),
  /** The ITA/OIT index pages the judge read the items from (the agency's own list of its evidence). */
  indexPages: z.array(z.strictObject({ url: z.string(), title: z.string().default(''), year: z.number().int().optional() })).default([]),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Buddhist-era fiscal year assessed. */
  fiscalYear: z.number().int(),
  crawledAt: z.string().optional(),
  items: z.array(ItemResult),
  score: Score,
  links: z.strictObject({
    checked: z.number().int(),
    broken: z.array(
      z.strictObject({
        url: z.string(),
        status: z.number().int(),
        foundOn: z.array(z.string()),
        error: z.string().optional(),
        /** The words of the link on the first page that has it. */
        text: z.string().optional(),
        /** How many crawled pages link to it (foundOn keeps only the first few). */
        pages: z.number().int().optional(),
      }),
    ),
    unverifiable: z.number().int().default(0),
    /** The links counted as unverifiable, each with why (google-drive, login, social …), bounded. */
    unverifiableLinks: z
      .array(z.strictObject({ url: z.string(), reason: z.string(), foundOn: z.array(z.string()), text: z.string().optional(), pages: z.number().int().optional() }))
      .default([]),
  }),
  /**
   * SHA-256 of each file read as evidence (the evidence itself and the files its page links), by URL: the next audit
   * compares them to see a file replaced during the assessment.
   */
  evidenceFiles: z.record(z.string(), z.string()).default({}),
  /** Every defect, item ones and site-level ones, flattened for filtering. */
  defects: z.array(Defect),
  warnings: z.array(Notice).default([]),
});
export type Result = z.infer<typeof Result>;

/**
 * A result.json written by version 1 (wording baked in): read into version 2 so earlier runs still render and compare.
 * Its texts become `legacy-text` notices; defects keep their kind, place and data.
 */
export function upgradeResult(raw: unknown): unknown {
  const r = raw as Record<string, any>;
  if (!r || typeof r !== 'object' || r.schemaVersion !== 1) return raw;
  const text = (t: unknown) => ({ code: 'legacy-text', data: { text: String(t) } });
  const defect = (d: Record<string, unknown>) => ({ kind: d.kind, ...(d.item ? { item: d.item } : {}), ...(d.url ? { url: d.url } : {}), data: d.data ?? {} });
  return {
    ...r,
    schemaVersion: 2,
    items: (r.items ?? []).map((i: Record<string, any>) => ({
      ...i,
      defects: (i.defects ?? []).map(defect),
      checks: (i.checks ?? []).map((c: Record<string, unknown>) => ({ ...c, ...(c.note ? { note: text(c.note) } : {}) })),
    })),
    defects: (r.defects ?? []).map(defect),
    warnings: (r.warnings ?? []).map(text),
    score: { ...r.score, provisionalReasons: (r.score?.provisionalReasons ?? []).map(text) },
  };
}
