// Serves the embedded demo agency site (src/demo/site) on loopback, for `oit demo` and the tests.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_SITE_DIR = fileURLToPath(new URL('../../src/demo/site/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.png': 'image/png',
  '.css': 'text/css',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** A static file server bound to 127.0.0.1 on a free port; resolves with its base URL. */
export function serveDirectory(dir: string, port = 0): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>404 ไม่พบหน้าที่ต้องการ</title><h1>404 ไม่พบหน้าที่ต้องการ</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}/`, server });
  }));
}
