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
  if ((parsed.text.length < 200 && parsed.scriptCount > 0 && parsed.links.length < 5) || (parsed.text.length < 1500 && LOADING.test(text))) flags.push('app-shell');
  return flags;
}
