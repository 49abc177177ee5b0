// The final report of a signed-off audit (printable, and printed to PDF): both scores, every item as crawled and
// after review with the reviewer's note, the waived defects, and the sign-off block.
import type { Lang } from '../../lang.js';
import { tr } from '../../lang.js';
import { escHtml, link } from '../../render/escape.js';
import { REPORT_CSP } from '../../render/report-html.js';
import { kindWord, outcomeWord } from '../words.js';
import { formatScore } from '../../score.js';
import { defectText, say } from '../../text/say.js';
import type { AuditData } from '../data.js';
import { when } from './ui.js';

const STYLE = `body{font-family:"Sarabun","Noto Sans Thai","Loma","Garuda","Tahoma",sans-serif;margin:0;color:#222;font-size:14px;line-height:1.45}
main{max-width:1000px;margin:0 auto;padding:16px}h1{font-size:1.35em;margin:.2em 0}h2{font-size:1.1em;border-bottom:2px solid #ddd;margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:200px}.big{font-size:1.8em;font-weight:700}
.draft{border:3px solid #c62828;color:#c62828;font-weight:700;padding:8px;text-align:center;font-size:1.2em}.m{color:#555}.url{word-break:break-all}
.sign td{height:3em}@media print{main{padding:0}tr{break-inside:avoid}}`;

export const signoffLabel = (step: string, lang: Lang): string =>
  ({ prepared: tr(lang, 'ผู้จัดทำ', 'Prepared by'), reviewed: tr(lang, 'ผู้ตรวจทาน', 'Reviewed by'), approved: tr(lang, 'ผู้อนุมัติ', 'Approved by') })[step] ?? step;

export function finalReportHtml(d: AuditData, lang: Lang): string {
  const L = lang;
  const r = d.result!;
  const rv = d.reviewed!;
  const byId = new Map(rv.items.map((i) => [i.id, i]));
  const approved = d.signoff.frozen;
  const steps = (['prepared', 'reviewed', 'approved'] as const).map((s) => [s, d.signoff.steps.find((x) => x.step === s)] as const);
  const waived = r.defects.map((def, k) => [def, rv.defects[k]!] as const).filter(([, x]) => x.waiver.state === 'applied');
  const rows = r.items
    .map((i) => {
      const ri = byId.get(i.id)!;
      const dec = ri.decision.state === 'applied' ? ri.decision.decision : undefined;
      return `<tr><td><b>${escHtml(i.id)}</b></td><td>${escHtml(tr(L, i.title, i.titleEn))}</td><td>${escHtml(outcomeWord(i.outcome, L))}</td><td><b>${escHtml(outcomeWord(ri.reviewed, L))}</b></td><td>${dec ? `${escHtml(dec.note)} <span class="m">(${escHtml(dec.by)}, ${when(dec.at, L)})</span>` : ''}</td><td class="url">${i.evidence[0] ? link(i.evidence[0].url) : '–'}</td></tr>`;
    })
    .join('');
  return `<!DOCTYPE html>
<html lang="${L}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escHtml(tr(L, 'รายงานผลตรวจ OIT ฉบับลงนาม', 'Signed OIT readiness report'))}: ${escHtml(d.agency.name)}</title><style>${STYLE}</style></head><body><main>
${approved ? '' : `<p class="draft">${escHtml(tr(L, 'ร่าง — ยังไม่ได้อนุมัติ', 'DRAFT — not approved'))}</p>`}
<h1>${escHtml(tr(L, 'รายงานผลตรวจความพร้อมการเปิดเผยข้อมูลสาธารณะ (OIT) ฉบับตรวจทานแล้ว', 'OIT readiness report, reviewed'))}</h1>
<p>${escHtml(d.agency.name)} · ${link(r.site)}<br>${escHtml(tr(L, r.framework.title, r.framework.titleEn || r.framework.title))} · ${escHtml(tr(L, 'ตรวจ ณ วันที่', 'Assessed as of'))} ${escHtml(r.asOf)} · ${escHtml(tr(L, 'รอบที่', 'Run'))} ${d.row.run_id}</p>
${r.framework.banner ? `<p class="draft">${escHtml(tr(L, r.framework.banner.th, r.framework.banner.en))}</p>` : ''}
<div class="cards"><div class="card">${escHtml(tr(L, 'คะแนนตามที่ตรวจพบ', 'Score as crawled'))}<div class="big">${formatScore(d.asCrawled!.oit)}</div>${escHtml(d.asCrawled!.rating ? say(L, d.asCrawled!.rating) : '')}</div>
<div class="card">${escHtml(tr(L, 'คะแนนหลังตรวจทาน', 'Score after review'))}<div class="big">${formatScore(d.afterReview!.oit)}</div>${escHtml(d.afterReview!.rating ? say(L, d.afterReview!.rating) : '')}</div></div>
<h2>${escHtml(tr(L, 'ผลรายข้อ', 'Items'))}</h2>
<table><thead><tr><th>${escHtml(tr(L, 'ข้อ', 'Item'))}</th><th>${escHtml(tr(L, 'หัวข้อ', 'Title'))}</th><th>${escHtml(tr(L, 'ตรวจพบ', 'Crawled'))}</th><th>${escHtml(tr(L, 'หลังตรวจทาน', 'After review'))}</th><th>${escHtml(tr(L, 'บันทึกผู้ตรวจทาน', 'Reviewer note'))}</th><th>URL</th></tr></thead><tbody>${rows}</tbody></table>
${
  waived.length
    ? `<h2>${escHtml(tr(L, 'ปัญหาที่ยกเว้น', 'Waived defects'))} (${waived.length})</h2><ul>${waived
        .map(([def, x]) => {
          const w = x.waiver.state === 'applied' ? x.waiver.waiver : undefined;
          return `<li>${def.item ? `<b>${escHtml(def.item)}</b> ` : ''}[${escHtml(kindWord(def.kind, L))}] ${escHtml(defectText(L, def, r.items.find((i) => i.id === def.item)))}${w ? ` — ${escHtml(w.reason === 'false-alarm' ? tr(L, 'แจ้งเตือนผิด', 'false alarm') : tr(L, 'ยอมรับความเสี่ยง', 'accepted risk'))}: ${escHtml(w.note)} (${escHtml(w.by)}${w.expires ? `, ${escHtml(tr(L, 'ถึง', 'until'))} ${escHtml(w.expires)}` : ''})` : ''}</li>`;
        })
        .join('')}</ul>`
    : ''
}
<h2>${escHtml(tr(L, 'การลงนาม', 'Sign-off'))}</h2>
<table class="sign"><thead><tr><th></th><th>${escHtml(tr(L, 'ชื่อ', 'Name'))}</th><th>${escHtml(tr(L, 'วันเวลา', 'Date and time'))}</th><th>${escHtml(tr(L, 'ความเห็น', 'Comment'))}</th></tr></thead><tbody>${steps
    .map(([s, row]) => `<tr><th>${escHtml(signoffLabel(s, L))}</th><td>${escHtml(row?.by ?? '')}</td><td>${row ? when(row.at, L) : ''}</td><td>${escHtml(row?.comment ?? '')}</td></tr>`)
    .join('')}</tbody></table>
<p class="m">${escHtml(r.tool.name)} ${escHtml(r.tool.version)} · ${escHtml(tr(L, 'ผลนี้เป็นการตรวจความพร้อมเบื้องต้น ไม่ใช่ผลการประเมินของ ป.ป.ช.', 'A readiness check, not the NACC assessment.'))}</p>
</main></body></html>
`;
}
