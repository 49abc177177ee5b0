// Serves a site folder on loopback: the embedded demo site (`oit demo`), and the labelled fixture sites of the tests
// and `npm run eval`, whose site.json can override paths (a soft 404, a missing file) and name a second origin.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseJsonText, parseOrThrow } from '../model/input-error.js';

export const DEMO_SITE_DIR = fileURLToPath(new URL('../../src/demo/site/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.doc': 'application/msword',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

const Route = z.strictObject({ status: z.number().int().min(100).max(599), file: z.string().optional(), contentType: z.string().optional() });

/** How a fixture site is served and judged (test/fixtures/sites/<case>/site.json). */
export const SiteConfig = z.strictObject({
  framework: z.string(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  agency: z.string(),
  agencyType: z.enum(['local-government', 'other']),
  start: z.string().startsWith('/').default('/'),
  routes: z.record(z.string().startsWith('/'), Route).default({}),
  notFound: Route.default({ status: 404 }),
});
export type SiteConfig = z.infer<typeof SiteConfig>;

export function readSiteConfig(file: string): SiteConfig {
  return parseOrThrow(SiteConfig, parseJsonText(readFileSync(file, 'utf8'), file), file);
}

const NOT_FOUND_PAGE = '<!doctype html><title>404 ไม่พบหน้าที่ต้องการ</title><h1>404 ไม่พบหน้าที่ต้องการ</h1>';

export interface Served {
  /** Base URL with a trailing slash, on 127.0.0.1. */
  url: string;
  /** The same server under another host name (localhost): another website as far as the crawler can tell. */
  otherOrigin: string;
  server: Server;
  /** Requests answered, and how many were open at once at most (the fleet tests check per-host politeness). */
  stats: { requests: number; inFlight: number; peak: number };
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The loopback address to bind (127.x.y.z: each is another host to the crawler). Default 127.0.0.1. */
  host?: string;
  /** A pause before each answer, as a real agency's server has (so that requests overlap). */
  latencyMs?: number;
}

/**
 * A static file server bound to 127.0.0.1 on a free port. With a site config: its routes answer first, unknown paths
 * get its notFound answer, and `{{ORIGIN}}` / `{{OTHER_ORIGIN}}` in HTML files are replaced by the two origins.
 */
export function serveDirectory(dir: string, port = 0, site?: Pick<SiteConfig, 'routes' | 'notFound'>, opts: ServeOptions = {}): Promise<Served> {
  const root = normalize(dir);
  const host = opts.host ?? '127.0.0.1';
  const stats = { requests: 0, inFlight: 0, peak: 0 };
  let origin = '';
  let other = '';
  const sendFile = (res: import('node:http').ServerResponse, file: string, status: number, contentType?: string) => {
    const type = contentType ?? TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (site && type.startsWith('text/html')) {
      const html = readFileSync(file, 'utf8').replaceAll('{{ORIGIN}}', origin).replaceAll('{{OTHER_ORIGIN}}', other);
      res.writeHead(status, { 'content-type': type }).end(html);
      return;
    }
    res.writeHead(status, { 'content-type': type });
    createReadStream(file).pipe(res);
  };
  const server = createServer((req, res) => {
    stats.requests++;
    stats.inFlight++;
    stats.peak = Math.max(stats.peak, stats.inFlight);
    res.once('close', () => stats.inFlight--);
    if (opts.latencyMs) setTimeout(() => answer(req, res), opts.latencyMs);
    else answer(req, res);
  });
  const answer = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const route = site?.routes[path];
    if (route) {
      if (route.file) sendFile(res, join(root, route.file), route.status, route.contentType);
      else res.writeHead(route.status, { 'content-type': 'text/html; charset=utf-8' }).end(route.status === 404 ? NOT_FOUND_PAGE : '');
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      const nf = site?.notFound;
      if (nf?.file) sendFile(res, join(root, nf.file), nf.status, nf.contentType);
      else res.writeHead(nf?.status ?? 404, { 'content-type': 'text/html; charset=utf-8' }).end(NOT_FOUND_PAGE);
      return;
    }
    sendFile(res, file, 200);
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      origin = `http://${host}:${p}`;
      other = `http://localhost:${p}`;
      resolve({
        url: `${origin}/`,
        otherOrigin: other,
        server,
        stats,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/** A labelled fixture site folder (site/ + site.json), served. */
export async function serveSite(caseDir: string): Promise<Served & { config: SiteConfig }> {
  const config = readSiteConfig(join(caseDir, 'site.json'));
  return { ...(await serveDirectory(join(caseDir, 'site'), 0, config)), config };
}
