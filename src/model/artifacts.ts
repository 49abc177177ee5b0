// The artifacts contract: everything the collector saw, as plain JSON that the judge can re-read offline.
import { z } from 'zod';

export const ARTIFACTS_SCHEMA_VERSION = 1;

/** Errors are data: a stable code users and checks can branch on, and a human message. */
export const ErrorInfo = z.strictObject({ code: z.string().min(1), message: z.string() });
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const Hop = z.strictObject({ url: z.string(), status: z.number().int() });

export const Link = z.strictObject({
  /** Absolute, normalised URL (fragment removed). */
  url: z.string(),
  /** The href as written in the page, bounded. */
  href: z.string(),
  text: z.string(),
  /** Nearest heading above the link. */
  heading: z.string().optional(),
  /** Text of the whole enclosing table row, list item or accordion section: where ITA index pages put the item label. */
  context: z.string().optional(),
  tag: z.enum(['a', 'area', 'iframe', 'embed', 'object', 'frame', 'img', 'link', 'form']).default('a'),
});
export type Link = z.infer<typeof Link>;

export const Table = z.strictObject({
  /** Cell texts, row by row (header rows included), bounded. */
  rows: z.array(z.array(z.string())),
  /** A spreadsheet's own row number of each row (blank rows are not read), so findings cite the sheet's row. */
  rowNumbers: z.array(z.number().int()).optional(),
  truncated: z.boolean().default(false),
});
export type Table = z.infer<typeof Table>;

export const Page = z.strictObject({
  url: z.string(),
  finalUrl: z.string(),
  redirects: z.array(Hop).default([]),
  status: z.number().int(),
  contentType: z.string().default(''),
  charset: z.string().default(''),
  /** How the charset was decided: header, bom, meta, detected, default. */
  charsetSource: z.string().default(''),
  depth: z.number().int().min(0),
  title: z.string().default(''),
  headings: z.array(z.strictObject({ level: z.number().int(), text: z.string() })).default([]),
  text: z.string().default(''),
  /** Lines of `text` (by index) that sit in the site's navigation, footer or side columns, by their markup. */
  chromeLines: z.array(z.number().int()).optional(),
  textTruncated: z.boolean().default(false),
  links: z.array(Link).default([]),
  tables: z.array(Table).default([]),
  /** Content images (bounded): an org chart or a poster may carry an item's data as a picture. */
  images: z.array(z.strictObject({ src: z.string(), alt: z.string() })).default([]),
  soft404: z.boolean().default(false),
  /** Looks like a login form, bot wall or an app shell whose content needs scripts. */
  flags: z.array(z.enum(['login-wall', 'bot-wall', 'app-shell', 'rendered', 'tls-insecure', 'font-encoded'])).default([]),
  error: ErrorInfo.optional(),
});
export type Page = z.infer<typeof Page>;

export const DocKind = z.enum(['pdf', 'docx', 'xlsx', 'doc', 'xls', 'image', 'html', 'zip', 'text', 'empty', 'other']);
export type DocKind = z.infer<typeof DocKind>;

export const Document = z.strictObject({
  url: z.string(),
  finalUrl: z.string(),
  status: z.number().int(),
  contentType: z.string().default(''),
  /** What the bytes really are (magic bytes), whatever the URL or header claim. */
  kind: DocKind,
  /** What the URL's extension claimed, for "an HTML error page served as .pdf". */
  claimedKind: z.string().default(''),
  size: z.number().int().min(0),
  /** SHA-256 of the bytes read (hex): a file replaced between two audits is seen even at the same size. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** The body was cut at the size cap. */
  sizeCapped: z.boolean().default(false),
  text: z.string().default(''),
  textTruncated: z.boolean().default(false),
  pageCount: z.number().int().optional(),
  /** False for a scanned PDF (pages but no extractable text); undefined where the question does not apply. */
  hasTextLayer: z.boolean().optional(),
  meta: z
    .strictObject({ title: z.string().optional(), created: z.string().optional(), modified: z.string().optional() })
    .default({}),
  tables: z.array(Table).default([]),
  error: ErrorInfo.optional(),
});
export type Document = z.infer<typeof Document>;

export const LinkState = z.enum(['ok', 'broken', 'unverifiable', 'skipped']);
export type LinkState = z.infer<typeof LinkState>;

/** One row per distinct URL the crawl saw linked: its final state, whether or not its content was kept. */
export const LinkCheck = z.strictObject({
  url: z.string(),
  state: LinkState,
  /** HTTP status of the last response (0 = no response). */
  status: z.number().int(),
  finalUrl: z.string().optional(),
  redirects: z.array(Hop).default([]),
  sameSite: z.boolean(),
  /** Pages that link here (bounded). */
  foundOn: z.array(z.string()).default([]),
  error: ErrorInfo.optional(),
  /** Why it is unverifiable or skipped (e.g. `google-drive`, `social`, `login`, `robots`, `scheme`). */
  reason: z.string().optional(),
  /** A failure seen twice (the confirming retry agreed). */
  confirmed: z.boolean().default(false),
});
export type LinkCheck = z.infer<typeof LinkCheck>;

export const Artifacts = z.strictObject({
  schemaVersion: z.literal(ARTIFACTS_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  startUrl: z.string(),
  /** The agency's main website: the origin of the start URL after redirects. */
  site: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  options: z.record(z.string(), z.unknown()).default({}),
  robots: z
    .strictObject({
      url: z.string(),
      status: z.number().int(),
      respected: z.boolean(),
      crawlDelaySeconds: z.number().optional(),
      disallowedSeen: z.number().int().default(0),
    })
    .optional(),
  pages: z.array(Page),
  documents: z.array(Document),
  links: z.array(LinkCheck),
  /** Crawl-level problems that are not tied to one URL (budget hit, trap detected, start URL unreachable). */
  errors: z.array(ErrorInfo.extend({ url: z.string().optional() })).default([]),
  stats: z
    .strictObject({
      requests: z.number().int(),
      pages: z.number().int(),
      documents: z.number().int(),
      bytes: z.number().int(),
      retries: z.number().int(),
      rendered: z.number().int().default(0),
      /** The most requests this crawl had open at once, counted where they are sent (never above --concurrency). */
      peakInFlight: z.number().int().optional(),
      durationMs: z.number(),
      budgetHit: z.string().optional(),
      /** Peak resident memory of the crawl's process and of its largest parse child, in MB (read from the OS). */
      memory: z.strictObject({ crawlMb: z.number(), parserMb: z.number() }).optional(),
      /** Parse children that died (out of memory, killed) and were replaced; each lost only the file it held. */
      parserCrashes: z.number().int().optional(),
    })
    .optional(),
});
export type Artifacts = z.infer<typeof Artifacts>;
