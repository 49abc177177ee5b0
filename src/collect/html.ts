// Turns one decoded HTML page into its artifact: title, headings, visible text, links in context, tables, images.
// The slim entry always parses with htmlparser2 (which the options below chose anyway) and does not load parse5.
import * as cheerio from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { Link, Page, Table } from '../model/artifacts.js';
import { cleanText } from '../derive/thai-text.js';
import { parseItemLabel } from '../derive/labels.js';
import { normaliseUrl, schemeOf } from './url.js';

export interface HtmlLimits {
  textChars: number;
  links: number;
  tableRows: number;
  tables: number;
  images: number;
}

export const DEFAULT_HTML_LIMITS: HtmlLimits = { textChars: 20_000, links: 3_000, tableRows: 2_000, tables: 50, images: 60 };

const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'summary', 'dt', 'legend', 'caption']);
const HEADING_CLASS = /(accordion-(header|button|title)|card-header|panel-(heading|title)|collapse-title|tab-title|elementor-tab-title)/i;
// A link's context is its whole row: table row, list item, definition, <details> or accordion section, not the nearest
// <p> (index rows put "O7 – ข่าว" in one <p> and the links in the next). See contextOf.
const ROW = new Set(['tr', 'li', 'dd', 'details']);
const SECTION_CLASS = /(^|\s)(accordion-item|elementor-accordion-item|elementor-toggle-item|wp-block-details|collapse-item|panel-default)(\s|$)/i;
// <head> is walked (stylesheets, icons, <base>), but only its <title> gives text, and that is kept separately.
const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'title']);
/**
 * Site furniture by its markup: navigation, the footer, side columns and widget boxes. On a small site (or a single
 * page audited alone) repetition across pages cannot show it, so the markup does; the judge takes these lines out of
 * the page's content like the lines every page repeats.
 */
const CHROME_TAGS = new Set(['nav', 'footer', 'aside']);
const CHROME_CLASS = /(^|[\s_-])(nav|navbar|navigation|menu|mainmenu|topmenu|submenu|sidebar|side-bar|sidebox|footer|breadcrumbs?|widget|banner-left|banner-right)([\s_-]|$)/i;
const isChrome = (el: Element) => CHROME_TAGS.has(el.name) || CHROME_CLASS.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
const LINK_ATTR: Record<string, string> = { a: 'href', area: 'href', iframe: 'src', embed: 'src', object: 'data', frame: 'src', link: 'href', form: 'action', img: 'src' };

export interface ParsedHtml {
  title: string;
  headings: Page['headings'];
  text: string;
  /** Indices of the lines of `text` that sit in navigation, footer, side columns (see CHROME_CLASS). */
  chromeLines: number[];
  textTruncated: boolean;
  links: Link[];
  tables: Table[];
  images: Page['images'];
  /** Raw signals for soft-404 / app-shell / login-wall decisions. */
  hasPasswordInput: boolean;
  scriptCount: number;
  metaRefresh?: string;
  /** <meta name="generator">: pdf2htmlEX pages draw text with private font encodings. */
  generator?: string;
  canonical?: string;
  baseHref?: string;
}

const bound = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

export function parseHtml(html: string, pageUrl: string, limits: HtmlLimits = DEFAULT_HTML_LIMITS): ParsedHtml {
  // htmlparser2 (via xml.xmlMode=false) is forgiving with the broken markup vendor CMSs ship, and faster than parse5.
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const baseHref = $('base[href]').attr('href');
  const base = (baseHref && normaliseUrl(baseHref, pageUrl)) || pageUrl;
  const title = cleanText($('title').first().text());
  const headings: Page['headings'] = [];
  const links: Link[] = [];
  const images: Page['images'] = [];
  const textParts: string[] = [];
  /** The same text, but only what sits inside site furniture (newlines kept in the same places). */
  const chromeParts: string[] = [];
  let inChrome = 0;
  let textLen = 0;
  let lastHeading = '';

  const rowTexts = new Map<Element, string>();
  const rowText = (row: Element): string => {
    let text = rowTexts.get(row);
    if (text === undefined) {
      // Cells are joined with a space: "O1" in one cell and the title in the next must not run together.
      text = bound(cleanText(row.name === 'tr' ? $(row).children('td,th').map((_, c) => $(c).text()).get().join(' ') : $(row).text()), 300);
      rowTexts.set(row, text);
    }
    return text;
  };

  // A "row" whose blocks carry labels of two or more items is a layout box around a list, not one item's row.
  const manyItems = new Map<Element, boolean>();
  const holdsManyItems = (row: Element): boolean => {
    let many = manyItems.get(row);
    if (many === undefined) {
      const seen = new Set<number>();
      $(row)
        .find('tr,td,th,li,dt,dd,p,div,summary,h1,h2,h3,h4,h5,h6')
        .each((_, b) => {
          const label = parseItemLabel(cleanText($(b).text().slice(0, 80)));
          if (label) seen.add(label.n);
          return seen.size > 1 ? false : undefined;
        });
      many = seen.size > 1;
      manyItems.set(row, many);
    }
    return many;
  };

  /**
   * The row a link sits in: its table row, list item or accordion section, whole. The nearest such row that starts
   * with an item label wins (a list inside a labelled row belongs to that row's item, and "O7 – ข่าว" in one <p>
   * labels the links in the next <p>); else a labelled paragraph; else the nearest row; else the nearest paragraph.
   * Nothing above the first table row, or above a box that holds several items, is a row of this link.
   */
  const contextOf = (el: Element): string | undefined => {
    let nearestRow: string | undefined;
    let nearestP: string | undefined;
    let labelledP: string | undefined;
    let cur: Element | null = el.parent as Element | null;
    for (let depth = 0; cur && cur.type === 'tag' && depth < 10; depth++, cur = cur.parent as Element | null) {
      if (ROW.has(cur.name) || SECTION_CLASS.test(cur.attribs.class ?? '')) {
        if (holdsManyItems(cur)) break;
        const text = rowText(cur);
        if (parseItemLabel(text)) return text;
        nearestRow ??= text || undefined;
        if (cur.name === 'tr') break;
      } else if (cur.name === 'p') {
        const text = rowText(cur);
        nearestP ??= text || undefined;
        if (parseItemLabel(text)) labelledP ??= text;
      }
    }
    return labelledP ?? nearestRow ?? nearestP;
  };

  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      if (textLen < limits.textChars) {
        const t = (node as unknown as { data: string }).data;
        if (t.trim()) {
          textParts.push(t);
          if (inChrome) chromeParts.push(t);
          textLen += t.length;
        }
      }
      return;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    const el = node as Element;
    const name = el.name;
    if (SKIP_TEXT.has(name)) return;
    const isHeading = HEADING.has(name) || HEADING_CLASS.test(el.attribs.class ?? '');
    if (isHeading) {
      const text = bound(cleanText($(el).text()), 300);
      if (text) {
        lastHeading = text;
        if (/^h[1-6]$/.test(name) && headings.length < 200) headings.push({ level: Number(name[1]), text });
      }
    }
    const attr = LINK_ATTR[name];
    if (attr && links.length < limits.links && name !== 'img' && name !== 'link') {
      const raw = el.attribs[attr];
      if (raw !== undefined) {
        const href = raw.trim();
        const scheme = schemeOf(href);
        const placeholder = href === '' || href === '#' || href.startsWith('#!') || scheme === 'javascript';
        const inPage = href.startsWith('#') && !placeholder;
        if (!inPage && (placeholder || scheme === '' || scheme === 'http' || scheme === 'https')) {
          const url = placeholder ? '' : normaliseUrl(href, base);
          if (url !== undefined) {
            const text = bound(cleanText($(el).text() || el.attribs.title || el.attribs['aria-label'] || $(el).find('img[alt]').attr('alt') || ''), 300);
            const context = contextOf(el);
            links.push({
              url,
              href: bound(href, 500),
              text,
              ...(lastHeading ? { heading: lastHeading } : {}),
              ...(context ? { context } : {}),
              tag: name as Link['tag'],
            });
          }
        }
      }
    }
    if (name === 'img' && images.length < limits.images) {
      const src = el.attribs.src ? normaliseUrl(el.attribs.src, base) : undefined;
      if (src) images.push({ src, alt: bound(cleanText(el.attribs.alt ?? ''), 200) });
    }
    if (name === 'link' && /stylesheet|icon/i.test(el.attribs.rel ?? '') && el.attribs.href && links.length < limits.links) {
      const url = normaliseUrl(el.attribs.href, base);
      if (url) links.push({ url, href: bound(el.attribs.href, 500), text: '', tag: 'link' });
    }
    const chrome = isChrome(el);
    if (chrome) {
      inChrome++;
      chromeParts.push('\n');
    }
    for (const child of el.children) walk(child);
    if (chrome) inChrome--;
    if (name === 'p' || name === 'div' || name === 'li' || name === 'tr' || name === 'br' || /^h[1-6]$/.test(name) || chrome) {
      textParts.push('\n');
      chromeParts.push('\n');
    }
  };
  const root = $.root()[0]!;
  for (const child of root.children) walk(child);

  const tables: Table[] = [];
  $('table').each((_, t) => {
    if (tables.length >= limits.tables) return false;
    // Only the table's own rows: nested layout tables are read as their own tables.
    const rows: string[][] = [];
    let truncated = false;
    $(t)
      .find('tr')
      .filter((_, tr) => $(tr).closest('table')[0] === t)
      .each((_, tr) => {
        if (rows.length >= limits.tableRows) {
          truncated = true;
          return false;
        }
        rows.push($(tr).children('td,th').map((_, c) => bound(cleanText($(c).text()), 500)).get());
        return undefined;
      });
    if (rows.length) tables.push({ rows, truncated });
    return undefined;
  });

  const join = (parts: string[]) => cleanTextKeepLines(parts.join(' ').replace(/[ \t\r\f\v]+/g, ' ').replace(/\s*\n\s*/g, '\n').replace(/\n{2,}/g, '\n').trim());
  const text = join(textParts);
  const chromeSet = new Set(join(chromeParts).split('\n'));
  const boundedText = bound(text, limits.textChars);
  const chromeLines: number[] = [];
  boundedText.split('\n').forEach((line, i) => {
    if (chromeSet.has(line)) chromeLines.push(i);
  });
  const refresh = $('meta[http-equiv="refresh" i]').attr('content');
  const refreshUrl = refresh ? /url\s*=\s*['"]?([^'";]+)/i.exec(refresh)?.[1] : undefined;
  return {
    title,
    headings,
    text: boundedText,
    chromeLines,
    textTruncated: text.length > limits.textChars || textLen >= limits.textChars,
    links,
    tables,
    images,
    hasPasswordInput: $('input[type="password" i]').length > 0,
    scriptCount: $('script').length,
    ...(refreshUrl ? { metaRefresh: normaliseUrl(refreshUrl, base) } : {}),
    ...(baseHref ? { baseHref } : {}),
    ...($('meta[name="generator" i]').attr('content') ? { generator: $('meta[name="generator" i]').attr('content')! } : {}),
  };
}

function cleanTextKeepLines(s: string): string {
  return s
    .split('\n')
    .map((l) => cleanText(l))
    .filter(Boolean)
    .join('\n');
}
