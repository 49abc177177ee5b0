// Lookup tables over artifacts (by URL and final URL), built once per judgement.
import type { Artifacts, Document, LinkCheck, Page } from '../model/artifacts.js';
import { siteChrome, type SiteChrome } from './site-chrome.js';

export interface ArtifactIndex {
  artifacts: Artifacts;
  /** Menus, banners and footers repeated across the site: not any page's content. */
  chrome: SiteChrome;
  page(url: string): Page | undefined;
  document(url: string): Document | undefined;
  link(url: string): LinkCheck | undefined;
}

export function indexArtifacts(a: Artifacts): ArtifactIndex {
  const pages = new Map<string, Page>();
  const docs = new Map<string, Document>();
  const links = new Map<string, LinkCheck>();
  for (const p of a.pages) {
    pages.set(p.url, p);
    if (!pages.has(p.finalUrl)) pages.set(p.finalUrl, p);
  }
  for (const d of a.documents) {
    docs.set(d.url, d);
    if (!docs.has(d.finalUrl)) docs.set(d.finalUrl, d);
  }
  for (const l of a.links) links.set(l.url, l);
  return { artifacts: a, chrome: siteChrome(a.pages), page: (u) => pages.get(u), document: (u) => docs.get(u), link: (u) => links.get(u) };
}
