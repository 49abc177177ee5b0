// English wording of every defect kind and its how-to-fix. Thai twin: th-defects.ts.
import type { Phrasebook } from './say.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const rowEn = (d: Record<string, unknown>) => (d.row === undefined || d.row === '' ? '' : `row ${s(d.row)}`);
// Older results carry no digit count: count the digits of what was published.
const digitsOf = (d: Record<string, unknown>) => s(d.digits) || String(s(d.normalized || d.value).replace(/[^0-9\u0E50-\u0E59]/g, '').length);
const fyEn = (d: Record<string, unknown>) => (d.fiscalYear ? ` ${s(d.fiscalYear)}` : '');

const ERROR_WORD: Record<string, string> = {
  dns: 'the host name does not resolve (the site may be gone or renamed)',
  'connection-refused': 'the server refused the connection',
  refused: 'the server refused the connection',
  'connection-reset': 'the connection was cut',
  reset: 'the connection was cut',
  timeout: 'the server did not answer in time',
  tls: 'its HTTPS certificate is not valid',
  'redirect-loop': 'it redirects in a loop',
  'too-many-redirects': 'it redirects too many times',
  'bad-redirect': 'it redirects to an address that is not a web address',
  network: 'the server could not be reached',
};
const statusEn = (d: Record<string, unknown>): string => {
  const code = s(d.error) || (/^DNS:/.test(s(d.reason)) ? 'dns' : '');
  if (ERROR_WORD[code]) return ERROR_WORD[code];
  const n = Number(d.status);
  if (n === 404 || n === 410) return `not found (HTTP ${n})`;
  if (n === 401 || n === 403) return `access refused (HTTP ${n})`;
  if (n >= 500) return `server error (HTTP ${n})`;
  if (n >= 300 && n < 400) return `redirects to nowhere (HTTP ${n})`;
  if (n >= 400) return `HTTP ${n}`;
  return 'no answer from the server';
};
export const UNVERIFIABLE_EN: Record<string, string> = {
  'google-drive': 'a Google Drive file needs a login or permission',
  'google-forms': 'a Google Form cannot be read by a program',
  social: 'a social network page needs a login',
  'short-link': 'a short link leads on to another site',
  'file-share': 'a file-sharing service needs a login',
  flipbook: 'a flipbook on another site needs a browser',
  login: 'it needs a login',
  'bot wall': 'the site blocks automated readers',
  'rate-limited': 'the site limits how often it may be opened',
  robots: "the site's robots.txt does not allow it",
  trap: 'its address repeats without end (a calendar, say), so not every page was opened',
  budget: 'the crawl stopped at its page limit before this link',
  'not checked (crawl budget)': 'the crawl stopped at its page limit before this link',
  form: 'it is a form that sends data',
  skipped: 'it was not opened',
  unverifiable: 'a program cannot check it',
};
const unverifiableEn = (d: Record<string, unknown>) => UNVERIFIABLE_EN[s(d.reason)] ?? 'a program cannot check it';
const FILE_PROBLEM: Record<string, (d: Record<string, unknown>) => string> = {
  empty: () => 'the file is empty (0 bytes)',
  'empty-page': () => 'the page is empty',
  'html-not-file': (d) => `it is a web page, not the ${s(d.claimed) || 'document'} file the link names`,
  corrupt: () => 'the file is damaged',
  encrypted: () => 'the file is password-protected',
  'zip-bomb': () => 'the archive is malformed',
  unsupported: () => 'the file type cannot be read',
  'body-too-large': () => 'the file is larger than can be read',
  unreadable: () => 'its content cannot be read',
};
const fileProblemEn = (d: Record<string, unknown>) => FILE_PROBLEM[s(d.problem)]?.(d) ?? (s(d.reason).split(' / ').at(-1) || 'it does not open');

export const EN_DEFECTS: Phrasebook = {
  'defect.not-found': (d) =>
    d.placeholder
      ? `The ITA/OIT index has a row for ${s(d.item)} ("${s(d.placeholder)}") but its link leads nowhere, and no ${s(d.titleEn)} was found elsewhere on the main website.`
      : `No evidence for ${s(d.item)} (${s(d.titleEn)}) was found on the agency's main website.`,
  'fix.not-found': "Publish \"{titleEn}\" on the main website and link it from the ITA/OIT page under {item}.",
  'defect.broken-link': (d) => `The link ${s(d.url)} does not open: ${statusEn(d)}.`,
  'fix.broken-link': "Point the link at a page or file that exists and open it again: assessors give 0 for a broken link.",
  'defect.missing-file': (d) => `The file ${s(d.url)} cannot serve as evidence: ${fileProblemEn(d)}.`,
  'fix.missing-file': "Upload the original file again (a PDF that opens, no password) and point the link at it.",
  'defect.out-of-period': (d) => `The data is out of period: expected ${s(d.expectedEn)}, found ${s(d.foundEn ?? d.found)}.`,
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
  'defect.unverifiable': (d) => `The link ${s(d.url)} cannot be verified automatically (${unverifiableEn(d)}); a person must check it.`,
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
  // A link's problem alone (the broken and unverifiable link tables), worded as in the defects above.
  'link.problem': (d) => statusEn(d),
  'link.unverifiable': (d) => unverifiableEn(d),
};
