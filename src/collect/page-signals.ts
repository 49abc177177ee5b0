// Judgements made on a fetched page before it is stored: soft 404, login wall, bot wall, script-only app shell.
import type { Page } from '../model/artifacts.js';
import { compactKey, foldedPattern } from '../derive/thai-text.js';
import type { ParsedHtml } from './html.js';

export interface NotFoundFingerprint {
  title: string;
  textLength: number;
}

// Compared as compactKey text (no spaces, Thai tone marks folded), so the phrases are folded the same way.
const NOT_FOUND_WORDS = foldedPattern(['ไม่พบหน้า', 'หน้าที่คุณค้นหาไม่มี', 'หน้าที่ท่านค้นหาไม่มี', 'ไม่พบข้อมูลที่ต้องการ', 'ไม่พบไฟล์', 'page not found', '404 not found', 'error 404', 'not found', 'file not found']);
const NOT_FOUND = new RegExp(`${NOT_FOUND_WORDS.source}|^404$|^404[^0-9]`, 'i');
const LOADING = foldedPattern(['กำลังโหลด', 'loading...', 'please enable javascript', 'กรุณาเปิด javascript', 'enable javascript', 'you need to enable javascript']);
const BOT_WALL = foldedPattern(['just a moment', 'checking your browser', 'cf-chl', 'attention required', 'captcha', 'ddos-guard']);

export function isSoftNotFound(parsed: ParsedHtml, probe?: NotFoundFingerprint): boolean {
  const head = compactKey(`${parsed.title} ${parsed.headings[0]?.text ?? ''}`);
  if (NOT_FOUND.test(head) && parsed.text.length < 3000) return true;
  if (!probe) return false;
  // The site answers 200 for a path that cannot exist; a page that looks just like that answer is the same "not found".
  return parsed.title === probe.title && Math.abs(parsed.text.length - probe.textLength) <= Math.max(40, probe.textLength * 0.05);
}

export function pageFlags(parsed: ParsedHtml, finalUrl: string): Page['flags'] {
  const flags: Page['flags'] = [];
  const text = compactKey(parsed.text.slice(0, 3000));
  if (parsed.hasPasswordInput && (parsed.text.length < 1500 || /login|signin|member|auth/i.test(finalUrl))) flags.push('login-wall');
  if (BOT_WALL.test(compactKey(parsed.title)) || (parsed.text.length < 800 && BOT_WALL.test(text))) flags.push('bot-wall');
  // pdf2htmlEX (and similar) output draws glyphs through embedded fonts with private codes: the text is not Thai.
  const thaiLetters = (parsed.text.match(/[\u0E01-\u0E4E]/g) ?? []).length;
  if ((/pdf2htmlex/i.test(parsed.generator ?? '') && thaiLetters < parsed.text.length * 0.05) || looksLegacyFontEncoded(parsed.text, thaiLetters)) flags.push('font-encoded');
  if ((parsed.text.length < 200 && parsed.scriptCount > 0 && parsed.links.length < 5) || (parsed.text.length < 1500 && LOADING.test(text))) flags.push('app-shell');
  return flags;
}

/**
 * Thai typed in a legacy non-Unicode font comes out as ASCII soup ("tl':i:m1Ab'V1A'U1") that only that font turns
 * into Thai. Words of mixed letters, digits and quote/colon marks, on a page with no Thai letter at all, mean that.
 */
export function looksLegacyFontEncoded(text: string, thaiLetters: number): boolean {
  if (text.length < 300 || thaiLetters > text.length * 0.01) return false;
  const tokens = text.split(/\s+/).filter((t) => t.length >= 3);
  if (tokens.length < 20) return false;
  const odd = tokens.filter((t) => /[A-Za-z]/.test(t) && /[0-9'";:[\]{}|\\^~`]/.test(t.slice(1, -1))).length;
  return odd / tokens.length > 0.25;
}
