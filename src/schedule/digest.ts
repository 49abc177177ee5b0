// What an agency's alert says: only what is new and confirmed since its previous audit (pure).
import type { Lang } from '../lang.js';
import { tr } from '../lang.js';
import type { Notice } from '../model/notice.js';
import type { Result, Score } from '../model/result.js';
import { defectKey } from '../render/diff.js';
import { defectText, say } from '../text/say.js';
import { formatScore, scoreDropped } from '../score.js';

export interface Digest {
  agency: string;
  site: string;
  runId: number;
  asOf: string;
  score: number | null;
  previousScore: number | null;
  newBrokenLinks: Array<{ url: string; status: number; foundOn: string[] }>;
  newlyFailing: Array<{ id: string; title: string; reason: string }>;
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
export function buildDigest(agency: string, runId: number, current: Result, previous: Result | undefined, review: { waived?: ReadonlySet<string>; alertScore?: Score } = {}): Digest | undefined {
  if (!previous) return undefined;
  const waived = review.waived ?? new Set<string>();
  const isWaived = (d: Parameters<typeof defectKey>[0]) => waived.has(defectKey(d));
  const waivedLinks = new Set(current.defects.filter((d) => d.kind === 'broken-link' && d.url && isWaived(d)).map((d) => d.url));
  const wasBroken = new Set(previous.links.broken.map((b) => b.url));
  const newBrokenLinks = current.links.broken.filter((b) => !wasBroken.has(b.url) && !waivedLinks.has(b.url));
  const was = new Map(previous.items.map((i) => [i.id, i.outcome]));
  const newlyFailing = current.items
    .filter((i) => i.outcome === 'fail' && was.get(i.id) !== 'fail' && !(i.defects.length && i.defects.every(isWaived)))
    .map((i) => ({ id: i.id, title: i.title, reason: i.defects[0] ? defectText('th', i.defects[0], i) : '' }));
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
  if (d.unreachable) return [tr(lang, `[oit-crawler] ${agencyName}: เว็บไซต์เข้าไม่ได้ (${d.asOf})`, `[oit-crawler] ${agencyName}: site unreachable (${d.asOf})`), say(lang, d.unreachable)].join('\n');
  const fmt = formatScore;
  const lines = [
    tr(lang, `[oit-crawler] ${agencyName}: พบปัญหาใหม่ (${d.asOf})`, `[oit-crawler] ${agencyName}: new problems (${d.asOf})`),
    `${tr(lang, 'คะแนน OIT', 'OIT score')}: ${fmt(d.previousScore)} → ${fmt(d.score)}${d.gradeDrop ? ` (${d.gradeDrop.from ?? '–'} → ${d.gradeDrop.to ?? '–'})` : ''}`,
    ...(d.gradeDrop && d.rating ? [`${tr(lang, 'ระดับ', 'Rating')}: ${say(lang, d.rating)}`] : []),
  ];
  if (d.newBrokenLinks.length) {
    lines.push(tr(lang, `ลิงก์ที่เพิ่งเสีย (${d.newBrokenLinks.length}):`, `Newly broken links (${d.newBrokenLinks.length}):`));
    for (const b of d.newBrokenLinks.slice(0, 20)) lines.push(`- ${b.url} (${b.status || 'no response'})${b.foundOn[0] ? ` ${tr(lang, 'อยู่ในหน้า', 'on')} ${b.foundOn[0]}` : ''}`);
    if (d.newBrokenLinks.length > 20) lines.push(`… +${d.newBrokenLinks.length - 20}`);
  }
  if (d.changedEvidence?.length) {
    lines.push(tr(lang, `ไฟล์หลักฐานที่เปลี่ยนระหว่างการประเมิน (${d.changedEvidence.length}) — อัปเดตไฟล์หลักฐานระหว่างการประเมินต้องมีหนังสือชี้แจง:`, `Evidence files changed during the assessment (${d.changedEvidence.length}) — a replaced file needs a written explanation:`));
    for (const c of d.changedEvidence.slice(0, 20)) lines.push(`- ${c.id} ${c.url}`);
  }
  if (d.newlyFailing.length) {
    lines.push(tr(lang, `ข้อที่เพิ่งไม่ผ่าน (${d.newlyFailing.length}):`, `Items newly failing (${d.newlyFailing.length}):`));
    for (const i of d.newlyFailing) lines.push(`- ${i.id} ${i.title}: ${i.reason}`);
  }
  return lines.join('\n');
}
