// English wording of every defect kind and its how-to-fix. Thai twin: th-defects.ts.
import type { Phrasebook } from './say.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const rowEn = (d: Record<string, unknown>) => (d.row === undefined || d.row === '' ? '' : `row ${s(d.row)}`);
// Older results carry no digit count: count the digits of what was published.
const digitsOf = (d: Record<string, unknown>) => s(d.digits) || String(s(d.normalized || d.value).replace(/[^0-9\u0E50-\u0E59]/g, '').length);
const fyEn = (d: Record<string, unknown>) => (d.fiscalYear ? ` ${s(d.fiscalYear)}` : '');

export const EN_DEFECTS: Phrasebook = {
  'defect.not-found': "No evidence for {item} ({titleEn}) was found on the agency's main website.",
  'fix.not-found': "Publish \"{titleEn}\" on the main website and link it from the ITA/OIT page under {item}.",
  'defect.broken-link': "The link {url} is broken (status {status}).",
  'fix.broken-link': "Point the link at a page or file that exists and open it again: assessors give 0 for a broken link.",
  'defect.missing-file': "The file {url} does not open or is not what it claims to be ({reason}).",
  'fix.missing-file': "Upload the original file again (a PDF that opens, no password) and point the link at it.",
  'defect.out-of-period': "The data is out of period: expected {expectedEn}, found {found}.",
  'fix.out-of-period': "Publish the document for {expectedEn} instead and state the fiscal year in its title.",
  'defect.egp-invalid': (d) =>
    d.problem === 'year-prefix'
      ? `e-GP project number "${s(d.value)}" has 11 digits but its first two (${s(d.normalized || d.value).slice(0, 2)}) do not match the document's fiscal year${fyEn(d)} (${s(d.url)}, ${rowEn(d)})`
      : d.problem === 'not-digits'
        ? `e-GP project number "${s(d.value)}" contains characters that are not digits (${s(d.url)}, ${rowEn(d)})`
        : `e-GP project number "${s(d.value)}" is not 11 digits (${digitsOf(d)} digits; ${s(d.url)}, ${rowEn(d)})`,
  'fix.egp-invalid': "Copy the project number from e-GP: 11 digits, the first two the BE year; not the contract or control number.",
  'defect.missing-element': "A required element is missing: {elementEn}.",
  'fix.missing-element': "Add \"{elementEn}\" to the {item} page or document: assessors give 100 only when every element is there.",
  'defect.month-missing': "No data for the month {month}.",
  'fix.month-missing': "Publish the summary for {month}; for a month with no purchases state \"ไม่มีการจัดซื้อจัดจ้าง\".",
  'defect.off-site': "The data is hosted off the agency's main website ({host}).",
  'fix.off-site': "Move the data onto the agency's main website: assessors do not count data hosted elsewhere.",
  'defect.unverifiable': "The link {url} cannot be verified automatically ({reason}); a person must check it.",
  'fix.unverifiable': "Avoid links that need a login or permission (such as Google Drive): upload the file to the main website.",
  'defect.soft-404': "The page {url} says \"not found\" although the server answered 200.",
  'fix.soft-404': "Point the link at the page that really holds the content.",
  'defect.scanned-document': "The file {url} is a scan with no text layer; a person must read it.",
  'fix.scanned-document': "Where the original exists, export it to PDF from the program (not a scan) so its text can be searched.",
  'defect.tls-error': "The HTTPS certificate of {url} has a problem: {reason}.",
  'fix.tls-error': "Renew or install the full certificate chain (with the intermediate): users and assessors see a security warning.",
  'defect.redirect-loop': "The link {url} redirects in a loop or too many times.",
  'fix.redirect-loop': "Fix the redirect so the link goes straight to its target.",
  'defect.timeout': "The link {url} did not answer in time.",
  'fix.timeout': "Check the server or the file size: a page that takes too long may be taken as not opening.",
  'defect.evidence-changed': "The evidence file {url} changed since the previous audit ({previousAsOf}), inside the assessment window.",
  'fix.evidence-changed': "A file replaced during the assessment needs a written explanation to the assessors (they re-read the link first submitted); if the change was not meant, put the original file back.",
  'defect.format-missing': "A {foundEn} file is published without a {expectedEn} file beside it; this year both are expected.",
  'fix.format-missing': "Publish the {expectedEn} file beside the {foundEn} file of {item}, on the same page.",
};
