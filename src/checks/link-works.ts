// link-works: the evidence link opens and yields real content (not broken, not a soft 404, not a fake or empty file).
import { z } from 'zod';
import type { Document, LinkCheck, Page } from '../model/artifacts.js';
import type { Check, CheckOutput, DefectDraft } from './types.js';

interface Target {
  url: string;
  link?: LinkCheck;
  page?: Page;
  document?: Document;
}

type Verdict = { ok: true; defects: DefectDraft[] } | { ok: false; status: 'fail' | 'cant-tell'; defects: DefectDraft[] };

const KIND_NAMES: Record<string, string> = { pdf: 'PDF', docx: 'Word', doc: 'Word', xlsx: 'Excel', xls: 'Excel' };

/**
 * Why a fetched document is not the file it claims to be, or does not open: a code the wording turns into words
 * (`empty`, `html-not-file` with the kind it claimed, or the parse error's code) and the raw message.
 */
export function documentProblem(d: Document): { problem: string; reason: string; claimed?: string } | undefined {
  if (d.kind === 'empty') return { problem: 'empty', reason: 'ไฟล์ว่าง 0 ไบต์ / empty file' };
  if (d.claimedKind && KIND_NAMES[d.claimedKind] && d.kind === 'html')
    return { problem: 'html-not-file', claimed: KIND_NAMES[d.claimedKind]!, reason: `เป็นหน้าเว็บ HTML ไม่ใช่ไฟล์ ${KIND_NAMES[d.claimedKind]} / an HTML page served as .${d.claimedKind}` };
  if (d.error && ['corrupt', 'encrypted', 'zip-bomb', 'unsupported'].includes(d.error.code)) return { problem: d.error.code, reason: d.error.message };
  return undefined;
}

/** How much a page says itself, beyond its title: its own text with spaces taken out. */
const OWN_CONTENT_CHARS = 300;
const ownContent = (page: Page | undefined): number => (page ? page.text.replace(page.title, '').replace(/\s+/g, '').length : 0);

export function judgeTarget(t: Target, acceptUnverifiable: boolean): Verdict {
  const link = t.link;
  if (!link) return { ok: false, status: 'cant-tell', defects: [{ kind: 'unverifiable', url: t.url, data: { reason: 'not checked (crawl budget)' } }] };
  const url = link.url;
  if (link.state === 'unverifiable' || link.state === 'skipped') {
    if (acceptUnverifiable && link.state === 'unverifiable') return { ok: true, defects: [] };
    return { ok: false, status: 'cant-tell', defects: [{ kind: 'unverifiable', url, data: { reason: link.reason ?? link.state } }] };
  }
  if (link.state === 'broken') {
    const code = link.error?.code ?? '';
    const kind = code === 'redirect-loop' || code === 'too-many-redirects' ? 'redirect-loop' : code === 'timeout' ? 'timeout' : code === 'tls' ? 'tls-error' : 'broken-link';
    const chain = kind === 'redirect-loop' ? { chain: link.redirects.map((h) => `${h.status} ${h.url}`).slice(0, 15) } : {};
    return { ok: false, status: 'fail', defects: [{ kind, url, data: { status: link.status, reason: link.error?.message ?? '', ...(code ? { error: code } : {}), ...chain } }] };
  }
  const defects: DefectDraft[] = [];
  if (link.error?.code === 'tls') defects.push({ kind: 'tls-error', url, data: { reason: link.error.message } });
  if (t.page?.soft404) return { ok: false, status: 'fail', defects: [...defects, { kind: 'soft-404', url }] };
  if (t.page?.flags.includes('login-wall') || t.page?.flags.includes('bot-wall'))
    return { ok: false, status: 'cant-tell', defects: [...defects, { kind: 'unverifiable', url, data: { reason: t.page.flags.includes('login-wall') ? 'login' : 'bot wall' } }] };
  if (t.document) {
    const problem = documentProblem(t.document);
    if (problem) return { ok: false, status: 'fail', defects: [...defects, { kind: 'missing-file', url, data: { ...problem } }] };
  }
  // A certificate problem leaves the content readable, but the assessor sees a browser warning: a person decides.
  if (defects.length) return { ok: false, status: 'cant-tell', defects };
  return { ok: true, defects };
}

export const linkWorks: Check<{ acceptUnverifiable: boolean }> = {
  id: 'link-works',
  description: 'The evidence link and the files it lists open and hold real content.',
  options: z.strictObject({ acceptUnverifiable: z.boolean().default(false) }),
  defects: ['broken-link', 'soft-404', 'missing-file', 'unverifiable', 'tls-error', 'redirect-loop', 'timeout'],
  run(ctx, { acceptUnverifiable }): CheckOutput {
    if (ctx.targets.length === 0) return { status: 'cant-tell', defects: [], note: { code: 'no-evidence', data: {} } };
    const failures: Verdict[] = [];
    for (const t of ctx.targets) {
      const v = judgeTarget({ url: t.evidence.url, ...t }, acceptUnverifiable);
      if (!v.ok) {
        failures.push(v);
        continue;
      }
      // The first working target is what an assessor would open: every file it lists must open too.
      const childDefects: DefectDraft[] = [];
      let worst: 'pass' | 'fail' | 'cant-tell' = 'pass';
      for (const c of t.children) {
        const cv = judgeTarget(c, acceptUnverifiable);
        if (cv.ok) continue;
        childDefects.push(...cv.defects);
        if (cv.status === 'fail') worst = 'fail';
        else if (worst === 'pass') worst = 'cant-tell';
      }
      // Files beside evidence that has content of its own (an old plan's dead link next to the current one, a form
      // next to a complete manual) are extras: the item's content checks decide. A page that is little more than a
      // title and the link IS that link's content.
      const readableFile = t.children.some((c) => c.document && c.document.text.length >= OWN_CONTENT_CHARS && judgeTarget(c, acceptUnverifiable).ok);
      const extrasOnly = worst !== 'pass' && v.defects.length === 0 && (ownContent(t.page) >= OWN_CONTENT_CHARS || readableFile);
      return { status: worst, defects: [...v.defects, ...childDefects], ...(extrasOnly ? { extrasOnly } : {}) };
    }
    const status = failures.some((f) => !f.ok && f.status === 'cant-tell') ? 'cant-tell' : 'fail';
    return { status, defects: failures.flatMap((f) => f.defects) };
  },
};
