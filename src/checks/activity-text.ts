// The activity's own text: its heading, caption, body and the documents about it — not the site's furniture (footer,
// copyright, visitor counter), not the index's link text, and not an order, announcement or code filed beside it.
import type { Page } from '../model/artifacts.js';
import { isDocumentUrl } from '../derive/classify.js';
import { compactKey, matchKey } from '../derive/thai-text.js';
import { decodeName } from './corpus.js';
import type { EvidenceTarget } from './types.js';

export interface ActivityText {
  /** One entry per page or file that shows the activity, so a date and a time are looked for in the same place. */
  own: string[];
  /** What was left out (furniture lines, document references, the index's link text): dated, but not the activity. */
  beside: string[];
  /** Same-site pages the evidence links to that tell of an activity ("โครงการอบรม…"), when they were not given. */
  linkedActivities: string[];
}

const DOC_TEXT_LIMIT = 20_000;

// Lines every page of a CMS prints: a copyright year, a "last updated" stamp, the visitor counter. The judge may
// already have taken the site's chrome out of the page text (then none of these remain); this keeps them out anyway.
const FURNITURE = /©|copyright|สงวนลิขสิทธิ์|(?:ปรับปรุง|แก้ไข|อัปเดต|อัพเดท|อัพเดต|อัปเดท)(?:ข้อมูล)?\s*ล่าสุด|^\s*(?:ปรับปรุง|แก้ไข)(?:ข้อมูล)?\s*เมื่อ|last\s*updated?|สถิติผู้เข้าชม|ผู้เข้าชมวันนี้|ออนไลน์ขณะนี้/i;

// A text that opens with a document type is that document, dated by its signing, not an activity: "คำสั่งแต่งตั้ง
// คณะทำงาน…", "ประกาศ ณ วันที่ 2 ตุลาคม 2567", "ประมวลจริยธรรม…", "แผนปฏิบัติการ…" — unless it also tells of an event
// ("ประกาศเจตนารมณ์ร่วมกัน ณ ห้องประชุม…").
const DOCUMENT_START = /^[\s\d.)(\-–•*:]*(?:คำสั่ง|ประกาศ|ประมวล|คู่มือ|แผน|นโยบาย|ข้อกำหนด|ระเบียบ|แนวทาง|แนวปฏิบัติ|มาตรการ|หลักเกณฑ์|แบบฟอร์ม|do\s*(?:&|and)\s*don)/i;
const EVENT = /กิจกรรม|อบรม|ประชุม|สัมมนา|ประชาคม|เวที|เสวนา|รณรงค์|ศึกษาดูงาน|ร่วมกัน|เข้าร่วม/;

/** A text (a line, a link text, a file's title) that names a document rather than tells of an activity. */
export function namesDocument(text: string): boolean {
  const t = matchKey(text);
  return DOCUMENT_START.test(t) && !EVENT.test(t);
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim()) ?? '';
}

/** The label a file goes by: its link text, else its title, its file name, or its first line. */
function fileLabel(anchor: string, url: string, title: string | undefined, text: string): string {
  return [anchor, title ?? '', decodeName(url), firstLine(text)].find((s) => s.trim() && !/^(ดาวน์โหลด|download|คลิก|เอกสารแนบ|ไฟล์แนบ|pdf|\d+)$/i.test(s.trim())) ?? '';
}

function pageText(p: Page, own: string[], beside: string[]): void {
  const lines = p.text.split('\n');
  const keep = (l: string) => !FURNITURE.test(l) && !namesDocument(l);
  own.push([p.title, ...p.headings.map((h) => h.text), ...lines.filter(keep), ...p.images.map((i) => i.alt)].join('\n'));
  beside.push(lines.filter((l) => !keep(l)).join('\n'));
}

const sameOrigin = (a: string, b: string) => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/**
 * Links from the page to another page of the site whose text names an activity: the activity an assessor clicks
 * into. Short menu words ("ภาพกิจกรรม") are not one activity.
 */
export function activityLinks(p: Page, given: ReadonlySet<string> = new Set()): string[] {
  return p.links
    .filter((l) => l.tag === 'a' && l.url && !given.has(l.url) && l.url !== p.url && sameOrigin(l.url, p.url) && !isDocumentUrl(l.url))
    .filter((l) => compactKey(l.text).length >= 16 && (EVENT.test(matchKey(l.text)) || /โครงการ/.test(l.text)) && !namesDocument(l.text))
    .map((l) => l.url);
}

/** Split a target into the activity's own text and what stands beside it (see ActivityText). */
export function activityText(t: EvidenceTarget): ActivityText {
  const own: string[] = [];
  const beside: string[] = [t.evidence.label ?? '', t.evidence.text ?? ''];
  if (t.page) pageText(t.page, own, beside);
  const files = [
    ...(t.document ? [{ anchor: '', url: t.document.url, doc: t.document }] : []),
    ...t.children.map((c) => ({ anchor: c.anchor, url: c.url, doc: c.document })),
  ];
  for (const f of files) {
    const text = f.doc?.text.slice(0, DOC_TEXT_LIMIT) ?? '';
    const whole = [f.anchor, decodeName(f.url), text].join('\n');
    if (namesDocument(fileLabel(f.anchor, f.url, f.doc?.meta.title, text))) beside.push(whole);
    else own.push(whole);
  }
  // A linked page the judge did give (the activity one click away) is read like the evidence page.
  for (const c of t.children) if (c.page && !namesDocument(c.anchor)) pageText(c.page, own, beside);
  const given = new Set(t.children.filter((c) => c.page).map((c) => c.url));
  return { own: own.filter((s) => s.trim()), beside: beside.filter((s) => s.trim()), linkedActivities: t.page ? activityLinks(t.page, given) : [] };
}
