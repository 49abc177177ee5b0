// What an agency's alert says: only what is new and confirmed since its previous audit (pure).
import { formatDate } from '../derive/thai-date.js';
import type { Lang } from '../lang.js';
import type { Notice } from '../model/notice.js';
import type { Result, Score } from '../model/result.js';
import { defectKey } from '../render/diff.js';
import { itemReasons, reasonText } from '../text/reasons.js';
import { say, ui } from '../text/say.js';
import { formatScore, scoreDropped } from '../score.js';

export interface Digest {
  agency: string;
  site: string;
  runId: number;
  asOf: string;
  score: number | null;
  previousScore: number | null;
  newBrokenLinks: Array<{ url: string; status: number; foundOn: string[]; error?: string }>;
  /** Each item newly failing with its reasons, worded as the reports word them (in the alert's language). */
  newlyFailing: Array<{ id: string; title: string; reason: string; reasons?: string[] }>;
  gradeDrop?: { from: string | null; to: string | null };
  /** The current rating in words (the same notice the reports show). */
  rating?: Notice;
  /** Evidence files that changed since the previous audit inside the assessment window (need a written explanation). */
  changedEvidence?: Array<{ id: string; url: string }>;
  /** The site could not be read: the only thing this digest says (no item, no score). */
  unreachable?: Notice;
}

/** The one alert of an outage: names the site and the reason, never an item. */
export function unreachableDigest(agency: string, runId: number, asOf: string, site: string, reason: Notice, previous: Result | undefined): Digest {
  return { agency, site, runId, asOf, score: null, previousScore: previous?.score.oit ?? null, newBrokenLinks: [], newlyFailing: [], unreachable: reason };
}

/**
 * The first audit of an agency is its baseline and alerts nothing. After that: links broken now (confirmed by the
 * crawl's re-check) that were not broken before, items failing now that did not fail before, and a drop in grade.
 * `waived`: keys (defectKey) of the defects a reviewer's waiver covers in this audit; they never alert — a broken
 * link whose defect is waived, an item failing only through waived defects, a waived changed-evidence defect — and
 * `alertScore` is the score with those items as they were before (alertOutcomes), so a drop they alone cause is not
 * announced either.
 */
export function buildDigest(agency: string, runId: number, current: Result, previous: Result | undefined, lang: Lang = 'th', review: { waived?: ReadonlySet<string>; alertScore?: Score } = {}): Digest | undefined {
  if (!previous) return undefined;
  const waived = review.waived ?? new Set<string>();
  const isWaived = (d: Parameters<typeof defectKey>[0]) => waived.has(defectKey(d));
  const waivedLinks = new Set(current.defects.filter((d) => d.kind === 'broken-link' && d.url && isWaived(d)).map((d) => d.url));
  const wasBroken = new Set(previous.links.broken.map((b) => b.url));
  const newBrokenLinks = current.links.broken.filter((b) => !wasBroken.has(b.url) && !waivedLinks.has(b.url));
  const was = new Map(previous.items.map((i) => [i.id, i.outcome]));
  const newlyFailing = current.items
    .filter((i) => i.outcome === 'fail' && was.get(i.id) !== 'fail' && !(i.defects.length && i.defects.every(isWaived)))
    .map((i) => {
      const reasons = itemReasons(i).map((x) => reasonText(lang, x, i));
      return { id: i.id, title: lang === 'en' ? i.titleEn : i.title, reason: reasons[0] ?? '', reasons };
    });
  const dropped = scoreDropped(review.alertScore ?? current.score, previous.score);
  const changedEvidence = current.items.flatMap((i) => i.defects.filter((d) => d.kind === 'evidence-changed' && !isWaived(d)).map((d) => ({ id: i.id, url: d.url ?? '' })));
  if (!newBrokenLinks.length && !newlyFailing.length && !dropped && !changedEvidence.length) return undefined;
  return {
    agency,
    site: current.site,
    runId,
    asOf: current.asOf,
    score: current.score.oit,
    previousScore: previous.score.oit,
    newBrokenLinks,
    newlyFailing,
    ...(dropped ? { gradeDrop: { from: previous.score.grade, to: current.score.grade } } : {}),
    ...(current.score.rating ? { rating: current.score.rating } : {}),
    ...(changedEvidence.length ? { changedEvidence } : {}),
  };
}

export function digestText(d: Digest, agencyName: string, lang: Lang): string {
  const date = formatDate(d.asOf, lang);
  if (d.unreachable) return [ui(lang, 'alert.unreachable', { agency: agencyName, date }), say(lang, d.unreachable)].join('\n');
  const lines = [
    ui(lang, 'alert.new', { agency: agencyName, date }),
    ui(lang, 'alert.score', { from: formatScore(d.previousScore), to: formatScore(d.score), grade: d.gradeDrop ? `${d.gradeDrop.from ?? '–'} → ${d.gradeDrop.to ?? '–'}` : '' }),
    ...(d.gradeDrop && d.rating ? [ui(lang, 'alert.rating', { rating: say(lang, d.rating) })] : []),
  ];
  if (d.newBrokenLinks.length) {
    lines.push(ui(lang, 'alert.broken', { count: d.newBrokenLinks.length }));
    for (const b of d.newBrokenLinks.slice(0, 20)) lines.push(ui(lang, 'alert.broken-line', { url: b.url, problem: say(lang, { code: 'link.problem', data: { status: b.status, error: b.error ?? '' } }), page: b.foundOn[0] ?? '' }));
    if (d.newBrokenLinks.length > 20) lines.push(`… +${d.newBrokenLinks.length - 20}`);
  }
  if (d.changedEvidence?.length) {
    lines.push(ui(lang, 'alert.changed', { count: d.changedEvidence.length }));
    for (const c of d.changedEvidence.slice(0, 20)) lines.push(`- ${c.id} ${c.url}`);
  }
  if (d.newlyFailing.length) {
    lines.push(ui(lang, 'alert.failing', { count: d.newlyFailing.length }));
    for (const i of d.newlyFailing) lines.push(`- ${i.id} ${i.title}: ${(i.reasons ?? [i.reason]).join(' · ')}`);
  }
  return lines.join('\n');
}
