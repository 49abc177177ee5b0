// A parse child process: parses pages and extracts documents for one crawl. A hostile page or file can exhaust its
// heap or crash it; the crawl's process survives, records that file as unreadable and starts another child.
import { closeSync, openSync } from 'node:fs';
import type { BodyJob } from './body-job.js';
import { processBody } from './process-body.js';

/** Spool files opened by path in append mode: the crawl's process appends to the same files, lines never interleave. */
const spools = new Map<string, number>();
const spoolFd = (path: string): number => {
  let fd = spools.get(path);
  if (fd === undefined) spools.set(path, (fd = openSync(path, 'a')));
  return fd;
};

const maxRssKb = () => process.resourceUsage().maxRSS;

process.on('message', async (msg: { id: number; job: BodyJob & { spoolPath?: string } }) => {
  const { spoolPath, ...job } = msg.job;
  try {
    const result = await processBody(spoolPath ? { ...job, spoolFd: spoolFd(spoolPath) } : job);
    process.send!({ id: msg.id, result, maxRssKb: maxRssKb() });
  } catch (err) {
    process.send!({ id: msg.id, error: (err as Error).message ?? String(err), maxRssKb: maxRssKb() });
  }
});

process.on('disconnect', () => {
  for (const fd of spools.values()) closeSync(fd);
  process.exit(0);
});
