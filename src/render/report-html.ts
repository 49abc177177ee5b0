// report.html: the committee's self-contained report (no CDN, fonts or scripts), Thai first, printable.
import { defectFix, defectText, itemOf, say, type ItemWording } from '../text/say.js';
import type { Lang } from '../lang.js';
import { tr } from '../lang.js';
import type { Defect, ItemResult, Result } from '../model/result.js';
import { formatChange, formatScore } from '../score.js';
import { scoreChart } from './chart.js';
import { diffResults } from './diff.js';
import { escHtml, link } from './escape.js';
import { frameworkBanner, ratingText } from './summary-md.js';
import { kindWord, outcomeWord } from './words.js';

export interface ReportOptions {
  lang: Lang;
  previous?: Result;
  /** Screenshot file names (relative to the report) by item id, when the audit took them. */
  screenshots?: Record<string, string>;
}

/** No script may run, nothing may be fetched; images only from the report's own folder or inline. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--muted:#666;--line:#ddd}
*{box-sizing:border-box}
body{font-family:"Sarabun","Noto Sans Thai","Loma","Garuda","Tahoma","Leelawadee UI",sans-serif;margin:0;color:#222;line-height:1.5;font-size:15px}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.45em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:2px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted)}
.score{display:flex;flex-wrap:wrap;gap:12px;align-items:stretch;margin:12px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:150px}
.big{font-size:2em;font-weight:700}
.pass{color:var(--ok)}.fail{color:var(--bad)}.review{color:var(--warn)}.error{color:var(--bad)}
.note{background:#fff8e1;border-left:4px solid var(--warn);padding:8px 12px;margin:10px 0}
.banner{background:#fdecea;border:2px solid var(--bad);border-radius:8px;padding:10px 14px;margin:10px 0;font-weight:600}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px;vertical-align:top;text-align:left}
th{background:#f5f5f5}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85em;color:#fff;white-space:nowrap}
.b-pass{background:var(--ok)}.b-fail{background:var(--bad)}.b-review{background:var(--warn)}.b-error{background:#6a1b9a}
.defect{margin:4px 0}.fix{color:#1b5e20}.kind{font-size:.8em;color:var(--muted)}
.url{word-break:break-all}a{color:#0b57d0;word-break:break-all}
.chart{width:100%;max-width:760px;height:auto}
ul.tight{margin:.2em 0;padding-left:1.2em}
img.shot{max-width:260px;border:1px solid var(--line)}
@media (max-width:640px){body{font-size:14px}th.opt,td.opt{display:none}.card{min-width:45%}}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}tr,.defect{break-inside:avoid}a{color:#000;text-decoration:none}.noprint{display:none}section.items{break-before:page}}
`;

/** Warnings that change how every verdict must be read: shown as a banner at the top of the report. */
const BANNER_CODES = new Set(['budget-hit', 'index-script-loaded', 'index-rows-unreadable']);

function defectHtml(d: Defect, lang: Lang, item?: ItemWording): string {
  const fix = defectFix(lang, d, item);
  return `<div class="defect"><span class="kind">[${escHtml(kindWord(d.kind, lang))}]</span> ${escHtml(defectText(lang, d, item))}${
    fix ? `<div class="fix">${escHtml(tr(lang, 'วิธีแก้: ', 'How to fix: '))}${escHtml(fix)}</div>` : ''
  }</div>`;
}

function itemRow(i: ItemResult, lang: Lang, shots: Record<string, string> | undefined): string {
  const ev = i.evidence.length ? `<ul class="tight">${i.evidence.map((e) => `<li>${link(e.url, e.title || e.text || e.url)}</li>`).join('')}</ul>` : '–';
  const shot = shots?.[i.id] ? `<div><img class="shot" src="${escHtml(shots[i.id])}" alt="${escHtml(i.id)}"></div>` : '';
  return `<tr id="${escHtml(i.id)}"><td><b>${escHtml(i.id)}</b></td><td>${escHtml(tr(lang, i.title, i.titleEn))}<div class="kind">${escHtml(i.subIndicator)}</div></td><td><span class="badge b-${i.outcome}">${escHtml(outcomeWord(i.outcome, lang))}</span></td><td class="opt">${ev}${shot}</td><td>${i.defects.map((d) => defectHtml(d, lang, i)).join('') || '–'}</td></tr>`;
}

export function renderReportHtml(r: Result, opts: ReportOptions): string {
  const L = opts.lang;
  const s = r.score;
  const count = (o: string) => r.items.filter((i) => i.outcome === o).length;
  const fmt = formatScore;
  const verdict = s.pass === null ? '–' : s.pass ? tr(L, `ผ่านเกณฑ์ ${s.passMark}`, `passes ${s.passMark}`) : tr(L, `ไม่ผ่านเกณฑ์ ${s.passMark}`, `below ${s.passMark}`);
  const review = r.items.filter((i) => i.outcome === 'review' || i.outcome === 'error');
  const byPage = new Map<string, Result['links']['broken']>();
  for (const b of r.links.broken) for (const from of b.foundOn.length ? b.foundOn : ['']) byPage.set(from, [...(byPage.get(from) ?? []), b]);
  const siteDefects = r.defects.filter((d) => !d.item && d.kind !== 'broken-link');
  const diff = opts.previous ? diffResults(r, opts.previous) : undefined;

  const parts: string[] = [];
  parts.push(`<header><h1>${escHtml(tr(L, 'รายงานผลตรวจความพร้อมการเปิดเผยข้อมูลสาธารณะ (OIT)', 'OIT readiness report'))}</h1>
<div class="meta">${escHtml(r.agency ?? r.site)} · ${link(r.site)}<br>${escHtml(tr(L, 'กรอบการประเมิน', 'Framework'))}: ${escHtml(tr(L, r.framework.title, r.framework.titleEn || r.framework.title))}${r.framework.provisional ? escHtml(tr(L, ' (ฉบับชั่วคราว)', ' (provisional)')) : ''} · ${escHtml(tr(L, 'ปีงบประมาณ', 'Fiscal year'))} ${r.fiscalYear} · ${escHtml(tr(L, 'ตรวจ ณ วันที่', 'Assessed as of'))} ${escHtml(r.asOf)}</div></header>`);
  const banner = frameworkBanner(r, L);
  if (banner) parts.push(`<div class="banner" role="note">${escHtml(tr(L, 'กรอบการประเมินฉบับชั่วคราว', 'Provisional framework'))}: ${escHtml(banner)}</div>`);
  const ceiling = s.rating?.code === 'rating-ceiling';
  // What makes the whole audit partial is said first, above the score: the reader must not take a cut crawl for a site.
  for (const w of r.warnings.filter((x) => BANNER_CODES.has(x.code))) parts.push(`<div class="note banner" role="alert">${escHtml(say(L, w))}</div>`);
  parts.push(`<div class="score"><div class="card"><div>${escHtml(tr(L, 'คะแนนความพร้อม (OIT)', 'Readiness score (OIT)'))}</div><div class="big ${s.pass ? 'pass' : 'fail'}">${fmt(s.oit)}</div></div>
<div class="card"><div>${escHtml(ceiling ? tr(L, 'ระดับสูงสุดที่ OIT นี้ยังเป็นไปได้', 'Best rating this OIT still allows') : tr(L, 'ระดับผลการประเมิน', 'Rating'))}</div><div class="big ${s.pass ? 'pass' : 'fail'}">${escHtml(tr(L, s.grade ?? '–', s.gradeEn ?? '–'))}</div><div>${escHtml(s.rating ? ratingText(r, L) : '')}</div><div>${escHtml(verdict)}</div></div>
<div class="card"><div>${escHtml(tr(L, 'ผลรายข้อ', 'Items'))}</div><div><span class="pass">${count('pass')} ${escHtml(outcomeWord('pass', L))}</span> · <span class="fail">${count('fail')} ${escHtml(outcomeWord('fail', L))}</span> · <span class="review">${count('review')} ${escHtml(outcomeWord('review', L))}</span>${count('error') ? ` · <span class="error">${count('error')} ${escHtml(outcomeWord('error', L))}</span>` : ''}</div></div>
<div class="card"><div>${escHtml(tr(L, 'ลิงก์', 'Links'))}</div><div>${r.links.checked} ${escHtml(tr(L, 'ตรวจแล้ว', 'checked'))} · <span class="fail">${r.links.broken.length} ${escHtml(tr(L, 'เสีย', 'broken'))}</span> · ${r.links.unverifiable} ${escHtml(tr(L, 'ตรวจไม่ได้', 'unverifiable'))}</div></div></div>`);
  if (s.provisional)
    parts.push(`<div class="note">${escHtml(tr(L, `คะแนนนี้ยังไม่สิ้นสุด: มี ${review.length} ข้อที่ต้องให้คนตรวจ ซึ่งนับเป็น 0 ไว้ก่อน${r.framework.provisional ? ' และกรอบการประเมินนี้ยังไม่ได้ยืนยันกับคู่มือของ ป.ป.ช.' : ''}`, `This score is provisional: ${review.length} items need a person and count as 0 until checked${r.framework.provisional ? ', and this framework is not confirmed against the NACC manual' : ''}.`))}</div>`);
  parts.push(`<h2>${escHtml(tr(L, 'คะแนนรายตัวชี้วัด', 'Scores by indicator'))}</h2>${scoreChart(r, L)}`);
  if (diff) {
    const list = (ds: Defect[], from: Result) => (ds.length ? `<ul class="tight">${ds.map((d) => `<li>${d.item ? `<b>${escHtml(d.item)}</b> ` : ''}${escHtml(defectText(L, d, itemOf(from, d)))}</li>`).join('')}</ul>` : `<p>–</p>`);
    parts.push(`<h2>${escHtml(tr(L, 'เปลี่ยนแปลงจากครั้งก่อน', 'Since the previous audit'))} (${escHtml(opts.previous!.asOf)})</h2>
<p>${escHtml(tr(L, 'คะแนนเปลี่ยน', 'Score change'))}: ${formatChange(diff.scoreChange)}</p>
<h3>${escHtml(tr(L, 'ปัญหาใหม่', 'New'))} (${diff.added.length})</h3>${list(diff.added, r)}
<h3>${escHtml(tr(L, 'แก้แล้ว', 'Fixed'))} (${diff.fixed.length})</h3>${list(diff.fixed, opts.previous!)}
<h3>${escHtml(tr(L, 'ยังค้างอยู่', 'Still open'))} (${diff.open.length})</h3>${list(diff.open, r)}`);
  }
  if (review.length)
    parts.push(`<h2>${escHtml(tr(L, 'ข้อที่ต้องให้คนตรวจ', 'Items needing review'))} (${review.length})</h2><ul>${review
      .map((i) => `<li><a href="#${escHtml(i.id)}">${escHtml(i.id)}</a> ${escHtml(tr(L, i.title, i.titleEn))}: ${escHtml(i.defects.map((d) => defectText(L, d, i)).join(' · ') || i.checks.filter((c) => c.status !== 'pass' && c.note).map((c) => say(L, c.note!)).join(' · ') || '–')}</li>`)
      .join('')}</ul>`);
  parts.push(`<section class="items"><h2>${escHtml(tr(L, `ผลรายข้อ (${r.items.length} ข้อ)`, `Items (${r.items.length})`))}</h2><table><thead><tr><th>${escHtml(tr(L, 'ข้อ', 'Item'))}</th><th>${escHtml(tr(L, 'หัวข้อ', 'Title'))}</th><th>${escHtml(tr(L, 'ผล', 'Outcome'))}</th><th class="opt">${escHtml(tr(L, 'หลักฐาน', 'Evidence'))}</th><th>${escHtml(tr(L, 'ปัญหาและวิธีแก้', 'Defects and how to fix'))}</th></tr></thead><tbody>${r.items.map((i) => itemRow(i, L, opts.screenshots)).join('')}</tbody></table></section>`);
  parts.push(`<h2>${escHtml(tr(L, 'ลิงก์เสีย แยกตามหน้าที่มีลิงก์', 'Broken links by the page that links them'))} (${r.links.broken.length})</h2>${
    byPage.size
      ? [...byPage].map(([from, list]) => `<h3 class="url">${from ? link(from) : escHtml(tr(L, '(หน้าเริ่มต้น / sitemap)', '(start URL / sitemap)'))}</h3><ul class="tight">${list.map((b) => `<li>${link(b.url)} — ${b.status || escHtml(b.error ?? '')}</li>`).join('')}</ul>`).join('')
      : `<p>${escHtml(tr(L, 'ไม่พบลิงก์เสีย', 'No broken links'))}</p>`
  }`);
  if (siteDefects.length) parts.push(`<h2>${escHtml(tr(L, 'ปัญหาอื่นของเว็บไซต์', 'Other site defects'))} (${siteDefects.length})</h2>${siteDefects.map((d) => defectHtml(d, L)).join('')}`);
  if (r.warnings.length) parts.push(`<h2>${escHtml(tr(L, 'หมายเหตุ', 'Notes'))}</h2><ul>${r.warnings.map((w) => `<li>${escHtml(say(L, w))}</li>`).join('')}</ul>`);
  parts.push(`<footer class="meta"><p>${escHtml(r.tool.name)} ${escHtml(r.tool.version)} · ${escHtml(tr(L, 'ไล่อ่านเว็บไซต์เมื่อ', 'crawled'))} ${escHtml(r.crawledAt ?? '')} · ${escHtml(tr(L, 'ผลนี้เป็นการตรวจความพร้อมเบื้องต้น ไม่ใช่ผลการประเมินของ ป.ป.ช.', 'A readiness check, not the NACC assessment.'))}</p></footer>`);

  return `<!DOCTYPE html>
<html lang="${L}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escHtml(tr(L, 'รายงาน OIT', 'OIT report'))}: ${escHtml(r.agency ?? r.site)}</title>
<style>${STYLE}</style></head>
<body><main>
${parts.join('\n')}
</main></body></html>
`;
}
