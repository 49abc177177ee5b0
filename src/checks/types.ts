// What a generic check sees (one item's located evidence) and what it answers (pass / fail / cant-tell + defects).
import type { z } from 'zod';
import type { Document, LinkCheck, Page } from '../model/artifacts.js';
import type { Notice } from '../model/notice.js';
import type { Evidence } from '../model/result.js';
import type { DefectKind, Item } from '../model/rule-set.js';

/** A document or page that the evidence page links to (an assessor clicks into these). */
export interface ChildTarget {
  url: string;
  anchor: string;
  link?: LinkCheck;
  page?: Page;
  document?: Document;
}

export interface EvidenceTarget {
  evidence: Evidence;
  link?: LinkCheck;
  /** The page's own content: the site's repeated menus, banners and footer are taken out (see judge/site-chrome). */
  page?: Page;
  /** The site-wide header/footer lines of that page, for items whose rule data lets them count (contact details). */
  chromeText?: string;
  document?: Document;
  children: ChildTarget[];
}

export interface CheckContext {
  item: Item;
  /** The agency's main website origin. */
  site: string;
  fiscalYear: number;
  /** Assessment date, YYYY-MM-DD (Asia/Bangkok). */
  asOf: string;
  agencyType: 'local-government' | 'other';
  /** Best first. Empty when nothing was found. */
  targets: EvidenceTarget[];
  /**
   * Why the audit did not see the whole site (the crawl stopped at a limit; the ITA index is built by a script and
   * could not be read): then "not found" is not a finding, a person looks.
   */
  incomplete?: Notice;
}

/** Checks report a defect kind with data; the judge builds the message from the rule set (ESLint's messageId). */
export interface DefectDraft {
  kind: DefectKind;
  url?: string;
  data?: Record<string, unknown>;
}

export interface CheckOutput {
  status: 'pass' | 'fail' | 'cant-tell';
  defects: DefectDraft[];
  /**
   * "Can't tell" only about extra links beside evidence that works (a Google Form next to a complete service manual):
   * it must not override a content check that already passed.
   */
  extrasOnly?: boolean;
  note?: Notice;
}

export interface Check<O = unknown> {
  id: string;
  description: string;
  options: z.ZodType<O>;
  /** Every defect kind this check can report: the conformance test demands a message and a fix for each. */
  defects: readonly DefectKind[];
  run(ctx: CheckContext, options: O): CheckOutput;
}

export const pass = (note?: Notice): CheckOutput => ({ status: 'pass', defects: [], ...(note ? { note } : {}) });
