// Decodes HTML bytes to text: charset from the header, then BOM, then <meta> prescan, then byte statistics.
import iconv from 'iconv-lite';
import jschardet from 'jschardet';

export interface Decoded {
  text: string;
  charset: string;
  source: 'header' | 'bom' | 'meta' | 'detected' | 'default' | 'detected-over-declared';
}

const ALIASES: Record<string, string> = {
  'tis-620': 'windows-874',
  tis620: 'windows-874',
  'iso-8859-11': 'windows-874',
  iso885911: 'windows-874',
  cp874: 'windows-874',
  'x-windows-874': 'windows-874',
  'dos-874': 'windows-874',
  utf8: 'utf-8',
};

export function canonicalCharset(label: string): string {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  return ALIASES[l] ?? l;
}

export function charsetFromContentType(ct: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(ct ?? '');
  return m ? canonicalCharset(m[1]!) : undefined;
}

/** The HTML standard's prescan, simplified: the first <meta charset> or http-equiv Content-Type in 4 KiB. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? canonicalCharset(m[1]!) : undefined;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(bytes: Uint8Array, charset: string): string | undefined {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    if (iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes), charset);
    return undefined;
  }
}

/** Share of bytes in the TIS-620 Thai letter range: high for Thai legacy text, low for Latin text. */
function thaiByteShare(bytes: Uint8Array): number {
  let high = 0;
  let thai = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) {
      high++;
      if (b >= 0xa1 && b <= 0xfb) thai++;
    }
  }
  return high ? thai / high : 0;
}

/**
 * Thai in a single-byte encoding comes in runs of high bytes (no spaces between Thai words); Latin-1 text has
 * isolated high bytes between ASCII letters ("café"). The share of high bytes next to another high byte tells them apart.
 */
function highByteRunShare(bytes: Uint8Array): number {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    high++;
    if ((i > 0 && bytes[i - 1]! >= 0x80) || (i + 1 < bytes.length && bytes[i + 1]! >= 0x80)) paired++;
  }
  return high >= 8 ? paired / high : 0;
}

function detectThai(bytes: Uint8Array): boolean {
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 65536)).toString('latin1');
  const all = jschardet.detectAll(sample);
  return all.slice(0, 2).some((d) => /tis-?620|cp874|windows-874/i.test(d.encoding ?? ""));
}

const LATIN = new Set(['iso-8859-1', 'windows-1252', 'latin1', 'us-ascii', 'ascii']);

export function decodeHtml(bytes: Uint8Array, contentType?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8', source: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le', source: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be', source: 'bom' };
  const header = charsetFromContentType(contentType);
  const meta = header ? undefined : charsetFromMeta(bytes);
  const declared = header ?? meta;
  if (declared) {
    // Some อปท. pages declare Latin-1 but carry TIS-620 bytes (they show as "Êӹѡ¡ÒÃ"): believe the bytes.
    // Likewise a server that labels every page utf-8 while some old pages are TIS-620 on disk.
    if ((LATIN.has(declared) || declared === 'utf-8') && !isValidUtf8(bytes) && thaiByteShare(bytes) > 0.9 && (highByteRunShare(bytes) > 0.8 || detectThai(bytes))) {
      return { text: decodeWith(bytes, 'windows-874')!, charset: 'windows-874', source: 'detected-over-declared' };
    }
    const text = decodeWith(bytes, declared);
    if (text !== undefined) return { text, charset: declared, source: header ? 'header' : 'meta' };
  }
  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', source: declared ? 'detected' : 'default' };
  if (thaiByteShare(bytes) > 0.6 || detectThai(bytes)) return { text: decodeWith(bytes, 'windows-874')!, charset: 'windows-874', source: 'detected' };
  return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252', source: 'detected' };
}
