// summary.md: the short text for chat and e-mail (score, grade, counts, top defects); also what audit prints.
import { defectText, say } from '../text/say.js';
import type { Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { tr, type Lang } from '../lang.js';

export function summaryText(r: Result, lang: Lang): string {
  const s = r.score;
  const count = (o: string) => r.items.filter((i) => i.outcome === o).length;
  const lines = [
    `# ${tr(lang, 'ผลตรวจความพร้อม OIT', 'OIT readiness')}: ${r.agency ?? r.site}`,
    '',
    `- ${tr(lang, 'กรอบการประเมิน', 'Framework')}: ${r.framework.id}${r.framework.provisional ? tr(lang, ' (ชั่วคราว)', ' (provisional)') : ''} · ${tr(lang, 'ปีงบประมาณ', 'fiscal year')} ${r.fiscalYear} · ${tr(lang, 'ณ วันที่', 'as of')} ${r.asOf}`,
    `- ${tr(lang, 'คะแนนความพร้อม (OIT)', 'Readiness score (OIT)')}: **${formatScore(s.oit)}** · ${tr(lang, 'ผล', 'result')}: ${tr(lang, s.grade ?? '–', s.gradeEn ?? '–')} (${tr(lang, 'เกณฑ์ผ่าน', 'pass mark')} ${s.passMark})${s.provisional ? tr(lang, ' · คะแนนยังไม่สิ้นสุด มีข้อที่ต้องให้คนตรวจ', ' · provisional: some items need a person') : ''}`,
    `- ${tr(lang, 'ผ่าน', 'pass')} ${count('pass')} · ${tr(lang, 'ไม่ผ่าน', 'fail')} ${count('fail')} · ${tr(lang, 'ต้องตรวจเพิ่ม', 'review')} ${count('review')} · ${tr(lang, 'ผิดพลาด', 'error')} ${count('error')} / ${r.items.length} ${tr(lang, 'ข้อ', 'items')}`,
    `- ${tr(lang, 'ลิงก์ที่ตรวจ', 'Links checked')}: ${r.links.checked} · ${tr(lang, 'ลิงก์เสีย', 'broken')}: ${r.links.broken.length} · ${tr(lang, 'ตรวจอัตโนมัติไม่ได้', 'unverifiable')}: ${r.links.unverifiable}`,
    '',
    `## ${tr(lang, 'ข้อที่ต้องแก้', 'Items to fix')}`,
  ];
  for (const i of r.items.filter((x) => x.outcome === 'fail' || x.outcome === 'review')) {
    const d = i.defects[0];
    lines.push(`- ${i.id} ${tr(lang, i.title, i.titleEn)} — ${tr(lang, i.outcome === 'fail' ? 'ไม่ผ่าน' : 'ต้องตรวจเพิ่ม', i.outcome)}${d ? `: ${defectText(lang, d, i)}${i.defects.length > 1 ? ` (+${i.defects.length - 1})` : ''}` : ''}`);
  }
  if (r.warnings.length) lines.push('', `## ${tr(lang, 'หมายเหตุ', 'Notes')}`, ...r.warnings.map((w) => `- ${say(lang, w)}`));
  return `${lines.join('\n')}\n`;
}
