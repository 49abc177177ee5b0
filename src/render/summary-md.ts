// summary.md: the short text for chat and e-mail (score, grade, counts, top defects); also what audit prints.
import { defectText, say } from '../text/say.js';
import type { Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { tr, type Lang } from '../lang.js';

/** The framework's provisional banner (or a plain one for results written before banners): every report shows it. */
export function frameworkBanner(r: Result, lang: Lang): string | undefined {
  if (!r.framework.provisional) return undefined;
  return r.framework.banner ? tr(lang, r.framework.banner.th, r.framework.banner.en) : tr(lang, `กรอบ ${r.framework.id} ยังเป็นฉบับชั่วคราว: ยังไม่ได้ยืนยันกับคู่มือของ ป.ป.ช.`, `Framework ${r.framework.id} is provisional: not confirmed against the NACC manual.`);
}

/** The rating in words: the notice when the result has one, else the bare label (results written before ratings). */
export function ratingText(r: Result, lang: Lang): string {
  return r.score.rating ? say(lang, r.score.rating) : tr(lang, r.score.grade ?? '–', r.score.gradeEn ?? '–');
}

/** The label in a word or two: from OIT alone in a Rating Score year it is the best still possible ("up to ผ่านดี"). */
export function gradeWord(r: Pick<Result, 'score'>, lang: Lang): string {
  const g = tr(lang, r.score.grade ?? '–', r.score.gradeEn ?? '–');
  return r.score.rating?.code === 'rating-ceiling' ? tr(lang, `ได้ถึง ${g}`, `up to ${g}`) : g;
}

/** `banner: false` leaves the banner out where the caller has said it already (the CLI says it once). */
export function summaryText(r: Result, lang: Lang, opts: { banner?: boolean } = {}): string {
  const s = r.score;
  const banner = opts.banner === false ? undefined : frameworkBanner(r, lang);
  const count = (o: string) => r.items.filter((i) => i.outcome === o).length;
  const lines = [
    `# ${tr(lang, 'ผลตรวจความพร้อม OIT', 'OIT readiness')}: ${r.agency ?? r.site}`,
    '',
    ...(banner ? [`> **${tr(lang, 'กรอบชั่วคราว', 'Provisional framework')}:** ${banner}`, ''] : []),
    `- ${tr(lang, 'กรอบการประเมิน', 'Framework')}: ${r.framework.id}${r.framework.provisional ? tr(lang, ' (ชั่วคราว)', ' (provisional)') : ''} · ${tr(lang, 'ปีงบประมาณ', 'fiscal year')} ${r.fiscalYear} · ${tr(lang, 'ณ วันที่', 'as of')} ${r.asOf}`,
    `- ${tr(lang, 'คะแนนความพร้อม (OIT)', 'Readiness score (OIT)')}: **${formatScore(s.oit)}** · ${tr(lang, 'ระดับ', 'rating')}: ${ratingText(r, lang)} (${tr(lang, 'เกณฑ์ผ่าน', 'pass mark')} ${s.passMark})${s.provisional ? tr(lang, ' · คะแนนยังไม่สิ้นสุด มีข้อที่ต้องให้คนตรวจ', ' · provisional: some items need a person') : ''}`,
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
