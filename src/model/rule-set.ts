// The rule-set contract: what a framework folder under rules/<framework>/ must contain (zod schemas + inferred types).
import { z } from 'zod';

export const RULESET_SCHEMA_VERSION = 1;

/** The fixed defect vocabulary users can filter on (issue 4). */
export const DEFECT_KINDS = [
  'broken-link',
  'not-found',
  'missing-file',
  'out-of-period',
  'egp-invalid',
  'missing-element',
  'month-missing',
  'off-site',
  'unverifiable',
  'soft-404',
  'scanned-document',
  'tls-error',
  'redirect-loop',
  'timeout',
  'evidence-changed',
  'format-missing',
] as const;
export const DefectKind = z.enum(DEFECT_KINDS);
export type DefectKind = z.infer<typeof DefectKind>;

/**
 * Time rules as the manuals phrase them. "current" = must be up to date, no date test;
 * "fiscal-year" = dated within the assessed fiscal year; "previous-fiscal-year" = a report on FY-1;
 * "first-six-months" = covers Oct–Mar of the fiscal year; "covers-fiscal-year" = a multi-year plan whose span
 * includes the fiscal year; "monthly" = one document per month of the first six months.
 */
export const TimeRule = z.enum([
  'current',
  'fiscal-year',
  'previous-fiscal-year',
  'first-six-months',
  'covers-fiscal-year',
  'monthly',
]);
export type TimeRule = z.infer<typeof TimeRule>;

const nonEmpty = z.string().min(1);

export const Element = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'element ids are lower-case kebab-case'),
  th: nonEmpty,
  en: nonEmpty,
  /** Any of these phrases (Thai-normalised, case-insensitive) found in the evidence text proves the element. */
  anyOf: z.array(nonEmpty).min(1),
  /** Local governments (อปท.) must show more: both the political and the civil-service wing. */
  appliesTo: z.enum(['all', 'local-government']).default('all'),
  /** Often shown only as a picture (an org chart, a map): when missing from the text beside content images, a person looks. */
  picture: z.boolean().default(false),
  /**
   * A picture is the element itself (an executive's photo): any content image of the evidence page shows it. In a
   * file whose pictures are not read (PDF, Word), a person looks rather than the element be called missing.
   */
  image: z.boolean().default(false),
  /**
   * The manual of this year does not state the element: it is carried over from an earlier year's item. Missing, it is
   * named as a hint but does not fail the item (a zero must rest on what the manual asks).
   */
  inferred: z.boolean().default(false),
});
export type Element = z.infer<typeof Element>;

export const CheckRef = z.strictObject({
  check: nonEmpty,
  options: z.record(z.string(), z.unknown()).optional(),
});
export type CheckRef = z.infer<typeof CheckRef>;

export const Fix = z.strictObject({ th: nonEmpty, en: nonEmpty });

const ItemId = z.string().regex(/^O\d{1,2}$/, 'item ids are written as the manual writes them: O1 … O43');

export const Item = z.strictObject({
  id: ItemId,
  title: nonEmpty,
  titleEn: nonEmpty,
  time: TimeRule,
  /** True where the item list, title or grouping is not confirmed against the NACC manual. */
  provisional: z.boolean().default(false),
  /** Why it is provisional ("title seen on one agency's page only"): required when provisional is true. */
  provisionalReason: z.string().min(1).optional(),
  /**
   * The items of the framework's `previous` list this item continues (same content, perhaps renumbered; several =
   * merged). Empty: a new item. Absent only in a framework that names no previous one.
   */
  continues: z.array(ItemId).optional(),
  elements: z.array(Element).default([]),
  hints: z.strictObject({
    /** Link texts, headings and synonyms an assessor would recognise (Thai and English). */
    keywords: z.array(nonEmpty).min(1),
    /** Regular expressions (source text) matched against the URL path. */
    urlPatterns: z.array(nonEmpty).default([]),
    /**
     * The site-wide header and footer count as evidence for this item (contact details, the complaint phone line):
     * for every other item the chrome repeated on all pages is not content.
     */
    siteChrome: z.boolean().default(false),
  }),
  checks: z.array(CheckRef).min(1),
  /** Item-specific how-to-fix text per defect kind; src/text words the rest, the same for every year. */
  fix: z.partialRecord(DefectKind, Fix).default({}),
  note: z.string().optional(),
});
export type Item = z.infer<typeof Item>;

export const ItemsFile = z.strictObject({
  schemaVersion: z.literal(RULESET_SCHEMA_VERSION),
  items: z.array(Item).min(1),
});

export const Band = z.strictObject({
  min: z.number().min(0).max(100),
  label: nonEmpty,
  labelEn: nonEmpty,
  /**
   * The Rating Score's per-tool threshold (from ITA 2566): this label also needs IIT, EIT and OIT each at least this
   * ("ผ่านดีเยี่ยม": total ≥ 95 and every tool ≥ 95). A total that reaches `min` without it gets a lower label.
   */
  each: z.number().min(0).max(100).optional(),
});

export const SubIndicator = z.strictObject({
  id: z.string().regex(/^\d+\.\d+$/),
  title: nonEmpty,
  titleEn: nonEmpty,
  items: z.array(ItemId).min(1),
  provisional: z.boolean().default(false),
  /** Why the grouping is provisional (e.g. "one of several groupings that fit a published score, not identified"). */
  provisionalReason: z.string().min(1).optional(),
});

export const Indicator = z.strictObject({
  id: z.string().regex(/^\d+$/),
  title: nonEmpty,
  titleEn: nonEmpty,
  subIndicators: z.array(SubIndicator).min(1),
});

export const ScoringFile = z
  .strictObject({
    schemaVersion: z.literal(RULESET_SCHEMA_VERSION),
    /** Survey weights in percent: ITA = (iit·IIT + eit·EIT + oit·OIT) / 100. */
    weights: z.strictObject({ iit: z.number().min(0), eit: z.number().min(0), oit: z.number().min(0) }),
    passMark: z.number().min(0).max(100),
    /**
     * Rating labels, highest first: a score gets the first band whose min it reaches (and, for a band with `each`,
     * whose per-tool threshold every tool reaches). AA–F up to ITA 2565; the five Rating Score labels from 2566.
     */
    bands: z.array(Band).min(1),
    /** Which indicators make up the OIT score (their unweighted mean). */
    oitIndicators: z.array(z.string()).min(1),
    indicators: z.array(Indicator).min(1),
    /**
     * How items that need human review (or ended in error) enter the readiness score. Either way the score is
     * flagged provisional; they are never counted as passes.
     */
    reviewPolicy: z.enum(['count-as-fail', 'exclude']),
  })
  .refine((s) => Math.abs(s.weights.iit + s.weights.eit + s.weights.oit - 100) < 1e-9, {
    message: 'weights must add up to 100',
    path: ['weights'],
  });
export type ScoringFile = z.infer<typeof ScoringFile>;

export const FrameworkFile = z.strictObject({
  schemaVersion: z.literal(RULESET_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: nonEmpty,
  titleEn: nonEmpty,
  /** The BE assessment years that used this list. */
  assessmentYears: z.array(z.number().int().min(2500).max(2700)).min(1),
  provisional: z.boolean(),
  /**
   * What every report and `oit rules show` says about a provisional framework (Thai and English): required when
   * provisional is true.
   */
  banner: z.strictObject({ th: nonEmpty, en: nonEmpty }).optional(),
  /** The framework whose items `continues` refers to (the list used the year before). */
  previous: z.string().regex(/^[a-z0-9-]+$/).optional(),
  /**
   * When assessors read the published evidence, as month-day in the assessment year (BE year = the fiscal year):
   * a file replaced inside it needs a written explanation (domain §6 reason 14).
   */
  assessmentWindow: z.strictObject({ from: z.string().regex(/^\d{2}-\d{2}$/), to: z.string().regex(/^\d{2}-\d{2}$/) }).optional(),
  notes: z.array(z.string()).default([]),
});

/** A framework after loading: the three files, cross-checked, with each item's sub-indicator resolved. */
export interface RuleSet {
  id: string;
  dir: string;
  framework: z.infer<typeof FrameworkFile>;
  items: Item[];
  scoring: ScoringFile;
  subIndicatorOf: Record<string, string>;
  /** The assessment years of the framework named by `previous` (an index page of those years uses its numbering). */
  previousYears?: number[];
}
