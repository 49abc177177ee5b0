// One HTTP exchange and its redirect chain: timeouts, streamed size cap, bomb-safe decompression, TLS fallback.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import type { ErrorInfo } from '../model/artifacts.js';
import { normaliseUrl } from './url.js';

export interface HttpConfig {
  userAgent: string;
  /** Per-request deadline, connect to last byte: a slowloris server cannot hold a slot longer. */
  timeoutMs: number;
  maxRedirects: number;
}

export interface Dispatchers {
  strict: Dispatcher;
  /** For reading content behind a broken certificate chain after the TLS failure is recorded. */
  insecure: Dispatcher;
  close(): Promise<void>;
}

export function makeDispatchers(perHost: number, timeoutMs: number): Dispatchers {
  const common = { connections: perHost, connect: { timeout: Math.min(timeoutMs, 10_000) }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 4_000 };
  const strict = new Agent(common);
  const insecure = new Agent({ ...common, connect: { ...common.connect, rejectUnauthorized: false } });
  return { strict, insecure, close: async () => void (await Promise.allSettled([strict.close(), insecure.close()])) };
}

export interface Hop {
  url: string;
  status: number;
}

export interface Exchange {
  url: string;
  finalUrl: string;
  status: number;
  redirects: Hop[];
  contentType: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The body was cut at the cap. */
  capped: boolean;
  error?: ErrorInfo;
  /** Set when the certificate failed and the content was read without verification. */
  tlsError?: string;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ALTNAME|DEPTH_ZERO/;

export function errorInfo(err: unknown): ErrorInfo {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? '';
  const message = e.cause?.message ?? e.message ?? String(err);
  if (TLS_CODES.test(code) || /certificate/i.test(message)) return { code: 'tls', message: `${code}: ${message}` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { code: 'dns', message: `DNS: ${message}` };
  if (code === 'ECONNREFUSED') return { code: 'connection-refused', message };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { code: 'connection-reset', message };
  if (/TIMEOUT|TimeoutError|AbortError/i.test(code) || /timeout|aborted/i.test(message)) return { code: 'timeout', message };
  return { code: 'network', message: `${code} ${message}`.trim() };
}

function header(h: Dispatcher.ResponseData['headers'], name: string): string {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

function decompress(body: Buffer, encoding: string, cap: number): { body: Buffer; capped: boolean } {
  const enc = encoding.trim().toLowerCase();
  if (!enc || enc === 'identity') return { body, capped: false };
  try {
    // maxOutputLength makes a decompression bomb fail fast instead of filling memory.
    const opts = { maxOutputLength: cap };
    if (enc === 'gzip' || enc === 'x-gzip') return { body: gunzipSync(body, opts), capped: false };
    if (enc === 'deflate') return { body: inflateSync(body, opts), capped: false };
    if (enc === 'br') return { body: brotliDecompressSync(body, opts), capped: false };
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return { body: Buffer.alloc(0), capped: true };
    throw err;
  }
  return { body, capped: false };
}

async function once(url: string, cfg: HttpConfig, dispatcher: Dispatcher, wantBody: boolean, maxBytes: number, signal: AbortSignal) {
  const res = await request(url, {
    method: 'GET',
    dispatcher,
    signal,
    headers: {
      'user-agent': cfg.userAgent,
      accept: wantBody ? 'text/html,application/xhtml+xml,application/pdf,*/*;q=0.8' : '*/*',
      'accept-language': 'th,en;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
    },
  });
  const status = res.statusCode;
  const isRedirect = status >= 300 && status < 400 && header(res.headers, 'location');
  let body: Buffer | undefined;
  let capped = false;
  if (wantBody && !isRedirect) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        capped = true;
        res.body.destroy();
        break;
      }
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const d = capped ? { body: raw, capped } : decompress(raw, header(res.headers, 'content-encoding'), maxBytes);
    body = d.body;
    capped = capped || d.capped;
  } else {
    // Status only: read a little so the connection can be reused, never the whole file.
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
  }
  const headers: Record<string, string> = {};
  for (const k of ['content-type', 'location', 'retry-after', 'content-length', 'last-modified', 'server']) {
    const v = header(res.headers, k);
    if (v) headers[k] = v;
  }
  return { status, headers, body, capped };
}

/** GET `url`, following redirects by hand so the chain is recorded and loops are caught. Never throws. */
export async function fetchUrl(url: string, cfg: HttpConfig, d: Dispatchers, wantBody: boolean, maxBytes: number): Promise<Exchange> {
  const redirects: Hop[] = [];
  const seen = new Set<string>([url]);
  let current = url;
  let tlsError: string | undefined;
  let dispatcher = d.strict;
  const signal = AbortSignal.timeout(cfg.timeoutMs);
  for (;;) {
    let r: Awaited<ReturnType<typeof once>>;
    try {
      r = await once(current, cfg, dispatcher, wantBody, maxBytes, signal);
    } catch (err) {
      const info = errorInfo(err);
      if (info.code === 'tls' && dispatcher === d.strict) {
        // Expired or incomplete chains are common on agency servers: record it, then read the content anyway.
        tlsError = info.message;
        dispatcher = d.insecure;
        continue;
      }
      return { url, finalUrl: current, status: 0, redirects, contentType: '', headers: {}, capped: false, error: info, ...(tlsError ? { tlsError } : {}) };
    }
    const location = r.headers.location;
    if (r.status >= 300 && r.status < 400 && location) {
      redirects.push({ url: current, status: r.status });
      const next = normaliseUrl(location, current);
      if (!next) return { url, finalUrl: current, status: r.status, redirects, contentType: '', headers: r.headers, capped: false, error: { code: 'bad-redirect', message: `Location is not an http(s) URL: ${location.slice(0, 200)}` } };
      if (seen.has(next)) return { url, finalUrl: next, status: r.status, redirects, contentType: '', headers: r.headers, capped: false, error: { code: 'redirect-loop', message: `redirect loop back to ${next}` } };
      if (redirects.length >= cfg.maxRedirects) return { url, finalUrl: next, status: r.status, redirects, contentType: '', headers: r.headers, capped: false, error: { code: 'too-many-redirects', message: `more than ${cfg.maxRedirects} redirects` } };
      seen.add(next);
      current = next;
      continue;
    }
    return {
      url,
      finalUrl: current,
      status: r.status,
      redirects,
      contentType: r.headers['content-type'] ?? '',
      headers: r.headers,
      ...(r.body ? { body: r.body } : {}),
      capped: r.capped,
      ...(tlsError ? { tlsError } : {}),
    };
  }
}
