// junit.xml: one test case per item, for teams that run the audit in a CI pipeline.
import { defectText, say } from '../text/say.js';
import type { Lang } from '../lang.js';
import type { Result } from '../model/result.js';
import { escXml } from './escape.js';
import { frameworkBanner } from './summary-md.js';

export function renderJunit(r: Result, lang: Lang): string {
  const failures = r.items.filter((i) => i.outcome === 'fail').length;
  const errors = r.items.filter((i) => i.outcome === 'error').length;
  const skipped = r.items.filter((i) => i.outcome === 'review').length;
  const cases = r.items
    .map((i) => {
      const name = `${i.id} ${i.titleEn}`;
      const body = i.defects.map((d) => `${d.kind}: ${defectText(lang, d, i)}${d.url ? ` (${d.url})` : ''}`).join('\n');
      const inner =
        i.outcome === 'fail'
          ? `<failure message="${escXml(i.defects[0] ? defectText(lang, i.defects[0], i) : 'failed')}" type="${escXml(i.defects[0]?.kind ?? 'fail')}">${escXml(body)}</failure>`
          : i.outcome === 'error'
            ? `<error message="check error">${escXml(i.checks.filter((c) => c.status === 'error').map((c) => `${c.check}: ${c.note ? say(lang, c.note) : ''}`).join('\n'))}</error>`
            : i.outcome === 'review'
              ? `<skipped message="${escXml(`needs review${body ? `: ${body}` : ''}`)}"/>`
              : '';
      return `    <testcase classname="${escXml(`oit.${r.framework.id}.${i.subIndicator}`)}" name="${escXml(name)}">${inner}</testcase>`;
    })
    .join('\n');
  const banner = frameworkBanner(r, lang);
  const properties = banner ? `    <properties><property name="framework-provisional" value="${escXml(banner)}"/></properties>\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="oit-crawler" tests="${r.items.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">
  <testsuite name="${escXml(`${r.site} ${r.framework.id} ${r.asOf}`)}" tests="${r.items.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" timestamp="${escXml(r.crawledAt ?? `${r.asOf}T00:00:00`)}">
${properties}${cases}
  </testsuite>
</testsuites>
`;
}
