// junit.xml: one test case per item, for teams that run the audit in a CI pipeline; the reasons are the reports' own.
import type { Lang } from '../lang.js';
import type { Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { itemReasons, reasonFix, reasonKind, reasonText } from '../text/reasons.js';
import { ui } from '../text/say.js';
import { agencyOf, asOfText, frameworkBanner } from './common.js';
import { escXml } from './escape.js';

export function renderJunit(r: Result, lang: Lang): string {
  const failures = r.items.filter((i) => i.outcome === 'fail').length;
  const errors = r.items.filter((i) => i.outcome === 'error').length;
  const skipped = r.items.filter((i) => i.outcome === 'review').length;
  const cases = r.items
    .map((i) => {
      const name = `${i.id} ${i.titleEn}`;
      const reasons = itemReasons(i);
      const texts = reasons.map((x) => reasonText(lang, x, i));
      const body = reasons
        .map((x, n) => {
          const fix = reasonFix(lang, x, i);
          return `${reasonKind(lang, x)}: ${texts[n]}${fix ? `\n  ${ui(lang, 'report.how-to-fix')}: ${fix}` : ''}`;
        })
        .join('\n');
      const message = texts.join(' · ');
      const first = reasons[0];
      const type = first && 'defect' in first ? first.defect.kind : 'fail';
      const inner =
        i.outcome === 'fail'
          ? `<failure message="${escXml(message || ui(lang, 'junit.failed'))}" type="${escXml(type)}">${escXml(body)}</failure>`
          : i.outcome === 'error'
            ? `<error message="${escXml(`${ui(lang, 'junit.error')}${message ? `: ${message}` : ''}`)}">${escXml(body)}</error>`
            : i.outcome === 'review'
              ? `<skipped message="${escXml(`${ui(lang, 'junit.review')}${message ? `: ${message}` : ''}`)}"/>`
              : body
                ? `<system-out>${escXml(body)}</system-out>`
                : '';
      return `    <testcase classname="${escXml(`oit.${r.framework.id}.${i.subIndicator}`)}" name="${escXml(name)}">${inner}</testcase>`;
    })
    .join('\n');
  const banner = frameworkBanner(r, lang);
  const props = [
    ['agency', agencyOf(r)],
    ['site', r.site],
    ['as-of', asOfText(r, lang)],
    ['oit-score', formatScore(r.score.oit)],
    ...(banner ? [['framework-provisional', banner]] : []),
  ];
  const properties = `    <properties>${props.map(([k, v]) => `<property name="${escXml(k)}" value="${escXml(v)}"/>`).join('')}</properties>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="oit-crawler" tests="${r.items.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">
  <testsuite name="${escXml(`${agencyOf(r)} ${r.framework.id} ${r.asOf}`)}" tests="${r.items.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" timestamp="${escXml(r.crawledAt ?? `${r.asOf}T00:00:00`)}">
${properties}${cases}
  </testsuite>
</testsuites>
`;
}
