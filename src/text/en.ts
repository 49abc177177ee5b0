// English wording of every notice code. Thai twin: th.ts.
import type { Phrasebook } from './say.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export const EN: Phrasebook = {
  'site-unreachable': (d) => `${s(d.url)} could not be reached: ${d.status ? `it answered HTTP ${s(d.status)}` : ERROR_EN[s(d.error)] ?? `no connection (${s(d.error)})`}; nothing was judged or scored`,
  'budget-hit': (d) => `the crawl stopped at its ${s(d.limit)} limit after ${s(d.pages)} pages; ${s(d.notFollowed)} same-site links were not followed, so items not found need review (raise --max-pages / --max-depth / --max-minutes)`,
  'audit-interrupted': (d) => `stopped: what was collected is saved in ${s(d.file)} (not judged; judge it with oit judge)`,
  'no-page-read': () => 'no page could be read',
  'app-shell-pages': (d) => `${s(d.count)} pages build their content with JavaScript and were not rendered, e.g. ${s(d.example)}`,
  'moit-site': () => 'this site publishes the Ministry of Public Health MOIT list, not the NACC OIT list: results against this framework may not match it',
  'moit-index-page': (d) => `${s(d.url)} is a Ministry of Public Health MOIT list, not the NACC OIT list: not used`,
  'framework-provisional': (d) => `framework ${s(d.framework)} is provisional`,
  'items-need-review': (d) => `${s(d.count)} items need review (${s(d.items)})`,
  'items-error': (d) => `${s(d.count)} items ended in error (${s(d.items)})`,
};

const ERROR_EN: Record<string, string> = {
  dns: 'the host name does not resolve',
  refused: 'the connection was refused',
  timeout: 'the server did not answer in time',
  tls: 'its HTTPS certificate is not valid',
  reset: 'the connection was reset',
  robots: 'robots.txt does not allow it',
};
