// What every renderer says the same way: the agency's name, dates, the rating, the banner, where a URL points, and
// each item's reasons and explanation. Pure functions of a result.
import { formatDate } from '../derive/thai-date.js';
import type { Lang } from '../lang.js';
import type { Evidence, ItemResult, Result } from '../model/result.js';
import { formatScore } from '../score.js';
import { itemReasons, reasonFix, reasonText } from '../text/reasons.js';
import { say, ui } from '../text/say.js';

/** The host of a URL with its port ("www.x.go.th", "127.0.0.1:8080"), or the text itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The path (and query) of a URL as a person reads it: Thai file names decoded. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    let p = u.pathname + u.search;
    try {
      p = decodeURI(p);
    } catch {
      /* kept encoded */
    }
    return p;
  } catch {
    return url;
  }
}

const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** A URL on another host than the main website (the host named in full: a subdomain is another website too). */
export function isOffSite(url: string, site: string): boolean {
  return bare(hostOf(url)) !== bare(hostOf(site));
}

const FILE = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|csv|zip|rar|7z|jpe?g|png|gif|tiff?)$/i;
export const isFileUrl = (url: string): boolean => FILE.test(pathOf(url).split('?')[0] ?? '');

/** The agency's name for every output: the result's (config or site), else the site's host, never a bare URL. */
export const agencyOf = (r: Pick<Result, 'agency' | 'site'>): string => r.agency || hostOf(r.site);

/** The assessment date as readers write it ("15 พ.ค. 2566"). */
export const asOfText = (r: Pick<Result, 'asOf'>, lang: Lang): string => formatDate(r.asOf, lang);

const TITLE_PARTS = /\s*(?:::|\||»|\s[-–—]\s)\s*/u;
const siteParts = new WeakMap<object, Set<string>>();

/** The title parts most of the site's titles share: its name, however the site spells it. */
function sharedParts(r: Pick<Result, 'items' | 'indexPages' | 'agency'>): Set<string> {
  let parts = siteParts.get(r);
  if (parts) return parts;
  const titles = [...r.items.flatMap((i) => i.evidence.map((e) => e.title ?? '')), ...r.indexPages.map((p) => p.title)].filter(Boolean);
  const count = new Map<string, number>();
  for (const t of titles) for (const p of new Set(t.replace(/\s+/g, ' ').trim().split(TITLE_PARTS))) if (p) count.set(p, (count.get(p) ?? 0) + 1);
  parts = new Set([...count].filter(([, n]) => n >= 3 && n >= titles.length * 0.5).map(([p]) => p));
  if (r.agency) parts.add(r.agency.trim());
  siteParts.set(r, parts);
  return parts;
}

/** A page title without the site's name that every title repeats ("คณะผู้บริหาร :: อบต.บ้านหนองบัว" → "คณะผู้บริหาร"). */
export function ownTitle(title: string | undefined, r: Pick<Result, 'items' | 'indexPages' | 'agency'>): string {
  const t = (title ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return t;
  const shared = sharedParts(r);
  const parts = t.split(TITLE_PARTS).filter((p) => p && !shared.has(p));
  return parts.length ? parts.join(' – ') : t;
}

/** The framework's provisional banner (or a plain one for results written before banners): every report shows it. */
export function frameworkBanner(r: Result, lang: Lang): string | undefined {
  if (!r.framework.provisional) return undefined;
  if (r.framework.banner) return lang === 'en' ? r.framework.banner.en : r.framework.banner.th;
  return say(lang, { code: 'framework-provisional', data: { framework: r.framework.id } });
}

/** The rating in words: the notice when the result has one, else the bare label (results written before ratings). */
export function ratingText(r: Pick<Result, 'score'>, lang: Lang): string {
  return r.score.rating ? say(lang, r.score.rating) : (lang === 'en' ? r.score.gradeEn : r.score.grade) ?? '–';
}

/** The label in a word or two: from OIT alone in a Rating Score year it is the best still possible ("ได้ถึง ผ่านดี"). */
export function gradeWord(r: Pick<Result, 'score'>, lang: Lang): string {
  const g = (lang === 'en' ? r.score.gradeEn : r.score.grade) ?? '–';
  return r.score.rating?.code === 'rating-ceiling' ? ui(lang, 'index.up-to', { label: g }) : g;
}

/** Each reason of an item in the language, with its how-to-fix: the same list in every format. */
export function reasonsOf(i: ItemResult, lang: Lang): Array<{ text: string; fix: string }> {
  return itemReasons(i).map((x) => ({ text: reasonText(lang, x, i), fix: reasonFix(lang, x, i) }));
}

/** The items not passing, the ones worth most points first (score.gains), then in item order. */
export function itemsToFix(r: Result): ItemResult[] {
  const order = r.items.map((i) => i.id);
  const gain = (i: ItemResult) => r.score.gains[i.id] ?? -1;
  return r.items.filter((i) => i.outcome !== 'pass').sort((a, b) => gain(b) - gain(a) || order.indexOf(a.id) - order.indexOf(b.id));
}

/** "+2.50": the OIT points fixing an item alone is worth, or '' when the result has none (older results). */
export function gainText(r: Result, id: string): string {
  const g = r.score.gains[id];
  return g === undefined ? '' : `+${formatScore(g)}`;
}

/** Where one piece of evidence sits and how it is reached from the index page, as the answer sheet explains it. */
export function explainEvidence(r: Result, i: ItemResult, e: Evidence, lang: Lang): string {
  const site = hostOf(r.site);
  const path = pathOf(e.url);
  const title = ownTitle(e.title, r);
  const where = isOffSite(e.url, r.site)
    ? ui(lang, 'itas.where-off-site', { path, host: hostOf(e.url), site })
    : ui(lang, isFileUrl(e.url) ? 'itas.where-file' : 'itas.where-page', { title, path, site });
  const from = e.from ?? (e.via === 'index' ? r.indexPages[0]?.url : undefined);
  const label = (e.text || e.label || '').replace(/\s+/g, ' ').trim();
  const reach =
    e.via === 'index'
      ? ui(lang, 'itas.reach-index', { index: from ? pathOf(from) : '', item: i.id, label: label !== i.id ? label : '' })
      : e.via === 'link' && from
        ? ui(lang, 'itas.reach-link', { label, from: pathOf(from) })
        : '';
  return ui(lang, 'itas.explain', { where, reach });
}

/** Every evidence of an item explained, numbered when there are several; what to do when there is none. */
export function explainItem(r: Result, i: ItemResult, lang: Lang): string {
  if (!i.evidence.length) return ui(lang, 'itas.none');
  const parts = i.evidence.map((e) => explainEvidence(r, i, e, lang));
  return parts.length === 1 ? parts[0]! : parts.map((p, n) => `${n + 1}) ${p}`).join('\n');
}
