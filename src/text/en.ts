// English wording of every notice code. Thai twin: th.ts.
import { EN_DEFECTS } from './en-defects.js';
import { EN_UI } from './en-ui.js';
import { EN_SERVE } from './en-serve.js';
import type { Phrasebook } from './say.js';
import { movesText } from './moves.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export const EN: Phrasebook = {
  ...EN_DEFECTS,
  ...EN_UI,
  ...EN_SERVE,
  'site-unreachable': (d) => `${s(d.url)} could not be reached: ${d.status ? `it answered HTTP ${s(d.status)}` : ERROR_EN[s(d.error)] ?? `no connection (${s(d.error)})`}; nothing was judged or scored`,
  'budget-hit': (d) => `the crawl stopped at its ${s(d.limit)} limit after ${s(d.pages)} pages; ${s(d.notFollowed)} same-site links were not followed, so items not found need review (raise --max-pages / --max-depth / --max-minutes)`,
  'audit-interrupted': (d) => `stopped: what was collected is saved in ${s(d.file)} (not judged; judge it with oit judge)`,
  'legacy-text': (d) => s(d.text),
  'no-evidence': () => 'no evidence',
  'no-readable-evidence': () => 'no readable evidence',
  'elements-not-found': (d) => `not found in the text: ${s(d.elementsEn ?? d.elements)}`,
  'mostly-images': () => 'the evidence is mostly images; a person must look',
  'no-year-found': () => 'no year found in the evidence',
  'no-month-due': () => 'no month of the period has ended yet',
  'empty-month-unlinked': () => 'a "no procurement" statement was found but not tied to these months',
  'activity-on-linked-page': (d) => `the activity itself is on a linked page (${s(d.url)}): a person must open it to see its date`,
  'date-not-activity': () => 'a date was found only outside the activity (the site footer, the index link, or an order or announcement filed beside it)',
  'egp-prefix-unusual': () => 'e-GP year prefix outside FY-1..FY+1',
  'no-procurement-table': () => 'no procurement table or text to read',
  'egp-checked': (d) => `${s(d.count)} e-GP numbers checked`,
  'external-allowed': () => 'external links allowed for this item',
  'check-threw': (d) => `the check failed: ${s(d.message)}`,
  'item-not-final': (d) => `${s(d.item)}: ${s(d.outcome) === 'review' ? 'needs review' : s(d.outcome) === 'error' ? 'error' : 'not judged'}`,
  'grouping-provisional': (d) => `sub-indicator ${s(d.subIndicator)}: grouping not confirmed`,
  'index-year-mismatch': (d) => `${s(d.url)} is the ITA index of ${s(d.year)}, not of the assessed year`,
  'other-year-index': (d) => `ITA/OIT pages for other years (${s(d.years)}) were not scored against this framework`,
  'elements-behind-link': (d) => `not on the page: ${s(d.elementsEn ?? d.elements)}; they may be in a linked file that cannot be opened automatically, so a person must look`,
  'index-rows-unreadable': (d) =>
    Number(d.items) > 0
      ? `the ITA/OIT index ${s(d.url)} has rows for ${s(d.items)} items, but every row's link (${s(d.placeholders)}) is a placeholder ("#", javascript: or back to the page itself): it leads to no evidence`
      : `${s(d.url)} presents itself as the ITA/OIT index, but no item row (O1, ข้อ 1 …) with a link could be read from it; a person must check it`,
  'index-script-loaded': (d) =>
    `${s(d.url)} is an ITA/OIT index whose table is built by a script and still says "loading" (or is empty) ${d.rendered ? 'even after rendering' : 'and was not rendered'}: its items could not be read, so items "not found" may be listed there; a person must check it`,
  'inferred-elements-missing': (d) => `${s(d.elements)} not found; this year's manual does not state it (carried over from an earlier year), so it is not counted against the item, but worth adding`,
  'no-page-read': () => 'no page could be read',
  'app-shell-pages': (d) => `${s(d.count)} pages build their content with JavaScript and were not rendered, e.g. ${s(d.example)}`,
  'moit-site': () => 'this site publishes the Ministry of Public Health MOIT list, not the NACC OIT list: results against this framework may not match it',
  'moit-index-page': (d) => `${s(d.url)} is a Ministry of Public Health MOIT list, not the NACC OIT list: not used`,
  'framework-provisional': (d) => `framework ${s(d.framework)} is provisional${banner(d)}`,
  'framework-chosen': (d) =>
    `using ${s(d.framework)} for ${s(d.asOf)} (preparing for ITA ${s(d.year)})${d.exact === false ? '; there is no framework for that year, so the newest one before it' : ''}; give --rules for another`,
  // The NACC's labels are names: quoted in Thai, glossed in English.
  'rating-label': (d) => `ITA ${s(d.score)}: "${s(d.label)}" (${s(d.labelEn)})`,
  'rating-oit-band': (d) => `OIT ${s(d.score)}: ${s(d.labelEn)}`,
  'rating-ceiling': (d) =>
    `OIT ${s(d.oit)}: "${s(d.best)}" (${s(d.bestEn)}) is still possible${d.next ? `; "${s(d.next)}" (${s(d.nextEn)}) needs OIT ≥ ${s(d.needs)}` : d.bestEach !== undefined ? ` (IIT and EIT must also reach ${s(d.bestEach)})` : ''}`,
  'not-nacc-site': (d) => `this site publishes ${LIST_EN[s(d.list)] ?? s(d.list)}, not the NACC OIT list: its item numbers are not this framework's, so results may not match the list the agency uses`,
  'not-nacc-index-page': (d) => `${s(d.url)} is ${LIST_EN[s(d.list)] ?? s(d.list)}, not the NACC OIT list: its numbering is not used`,
  'index-old-numbering': (d) => {
    const moves = movesText(d.moves);
    return moves
      ? `${s(d.url)} uses the ITA ${s(d.year)} numbering (${s(d.previous)}); to relabel it for this year move ${moves}; other items keep their numbers (all of it: oit rules diff ${s(d.previous)} ${s(d.framework)})`
      : `${s(d.url)} is the ITA ${s(d.year)} page (${s(d.previous)}): every item keeps its number; update the year and the content`;
  },
  'pictures-not-read': (d) => `not in the text: ${s(d.elementsEn ?? d.elements)}, a picture inside a PDF or Word file that is not read; a person must look`,
  'formats-checked': (d) => `files found: ${s(d.found)}`,
  'items-need-review': (d) => `${s(d.count)} items need review (${s(d.items)})`,
  'items-error': (d) => `${s(d.count)} items ended in error (${s(d.items)})`,
};

const LIST_EN: Record<string, string> = {
  moit: "the Ministry of Public Health's MOIT list",
  obec: "the Office of the Basic Education Commission's (OBEC) ITA list for schools",
  ovec: "the Office of the Vocational Education Commission's (OVEC) ITA list for colleges",
};

function banner(d: Record<string, unknown>): string {
  const b = d.banner as { en?: string } | undefined;
  return b?.en ? `: ${b.en}` : '';
}

const ERROR_EN: Record<string, string> = {
  dns: 'the host name does not resolve',
  refused: 'the connection was refused',
  'connection-refused': 'the connection was refused',
  'connection-reset': 'the connection was reset',
  timeout: 'the server did not answer in time',
  tls: 'its HTTPS certificate is not valid',
  reset: 'the connection was reset',
  robots: 'robots.txt does not allow it',
};
