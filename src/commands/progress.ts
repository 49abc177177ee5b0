// A live progress line on a terminal (pages, queue, rate, errors); silent when stderr is not a TTY.
import type { CrawlProgress } from '../collect/crawl.js';
import { tr, type Lang } from '../lang.js';

export function progressPrinter(lang: Lang, stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: (_: CrawlProgress) => undefined, done: () => undefined };
  let last = 0;
  return {
    update(p: CrawlProgress) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const rate = p.elapsedMs > 0 ? (p.requests / (p.elapsedMs / 1000)).toFixed(0) : '0';
      stream.write(`\r${tr(lang, 'หน้า', 'pages')} ${p.pages} · ${tr(lang, 'ไฟล์', 'files')} ${p.documents} · ${tr(lang, 'รอคิว', 'queued')} ${p.queued} · ${rate} req/s · ${tr(lang, 'ลิงก์เสีย', 'broken')} ${p.errors}   `);
    },
    done() {
      stream.write('\n');
    },
  };
}
