// The agency's name as its own website states it (header, title, logo), for reports of an audit not made from a config.
import type { Artifacts, Page } from '../model/artifacts.js';
import { normaliseThai } from '../derive/thai-text.js';

export interface AgencyName {
  name: string;
  /** Where it came from: the site's own pages, or (nothing found) the host name. */
  source: 'site' | 'host';
}

// Thai agency names start with the kind of body: อบต., เทศบาล, กรม, สำนักงาน, a school, a hospital, a ministry …
const KIND =
  '(?:องค์การบริหารส่วน(?:ตำบล|จังหวัด)|เทศบาล(?:ตำบล|เมือง|นคร)|อบต\\.|อบจ\\.|กรุงเทพมหานคร|เมืองพัทยา|กระทรวง|กรม|สำนักงาน|ศาล|สถาบัน|มหาวิทยาลัย|วิทยาลัย|โรงเรียน|โรงพยาบาล|การไฟฟ้า|การประปา|การท่าเรือ|การรถไฟ|ที่ว่าการอำเภอ|ศาลากลางจังหวัด|องค์การ|กองทัพ|คณะกรรมการ)';
const AGENCY = new RegExp(`${KIND}[^\\s|:–—\\-»/]*(?:\\s?เขต\\s?[\\d๐-๙]+)?`, 'u');
// Words around a name in a header or a logo's alt text that are not the name.
const AROUND = /^(?:ยินดีต้อนรับ(?:สู่)?(?:เว็บไซต์)?|เว็บไซต์|ตราสัญลักษณ์|ตรา|โลโก้|logo)\s*/iu;
const GENERIC = /^(?:หน้าแรก|หน้าหลัก|home|homepage|index|main|welcome|ยินดีต้อนรับ|untitled|default)$/iu;
const SEPARATORS = /\s*(?:::|\||»|•|·|\s[-–—]\s)\s*/u;
const MAX_NAME = 120;

const clean = (s: string) => normaliseThai(s).replace(/\s+/g, ' ').trim();

/** The agency name inside a line of text ("ยินดีต้อนรับสู่เว็บไซต์เทศบาลตำบลหนองบัวงาม" → "เทศบาลตำบลหนองบัวงาม"). */
function nameIn(text: string): string | undefined {
  const t = clean(text).replace(AROUND, '');
  const m = AGENCY.exec(t);
  return m && m[0].length >= 6 ? m[0].trim() : undefined;
}

/** Title parts shared by most pages: the site names itself in every title ("คณะผู้บริหาร :: อบต.บ้านหนองบัว"). */
function sharedTitlePart(pages: readonly Page[]): string | undefined {
  const ok = pages.filter((p) => p.status < 400 && !p.soft404 && p.title);
  if (ok.length < 2) return undefined;
  const count = new Map<string, number>();
  for (const p of ok) for (const part of new Set(clean(p.title).split(SEPARATORS).map((s) => s.trim()).filter(Boolean))) count.set(part, (count.get(part) ?? 0) + 1);
  const [best] = [...count].filter(([part, n]) => n >= Math.max(2, ok.length * 0.5) && !GENERIC.test(part) && part.length <= MAX_NAME).sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
  return best?.[0];
}

/**
 * Header first (its heading, its first lines, the logo's alt text), then the part every page title shares, then the
 * home page's own title; the host when the site names no one.
 */
export function agencyNameOf(a: Pick<Artifacts, 'pages' | 'site'>): AgencyName {
  const home = a.pages.find((p) => p.depth === 0) ?? a.pages[0];
  const shared = sharedTitlePart(a.pages);
  const header = home
    ? [
        ...home.headings.filter((h) => h.level <= 2).map((h) => h.text),
        ...home.images.slice(0, 10).map((i) => i.alt),
        ...home.text.split('\n').slice(0, 3),
      ]
    : [];
  const named = header.map(nameIn).filter((n): n is string => Boolean(n));
  // A name the header gives and the titles repeat is the surest; then the titles' shared part, then the header's.
  const pick = named.find((n) => shared?.includes(n)) ?? (shared && nameIn(shared) ? shared : undefined) ?? named[0] ?? shared;
  const ownTitle = home ? clean(home.title).split(SEPARATORS).map((s) => s.trim()).find((s) => s && !GENERIC.test(s)) : undefined;
  const name = pick ?? (ownTitle && ownTitle.length <= MAX_NAME ? ownTitle : undefined);
  if (name) return { name: name.slice(0, MAX_NAME), source: 'site' };
  let host = a.site;
  try {
    host = new URL(a.site).host;
  } catch {
    /* the site as given */
  }
  return { name: host, source: 'host' };
}
