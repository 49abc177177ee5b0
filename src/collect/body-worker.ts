// Worker thread: parses pages and extracts documents off the crawl's event loop.
import { parentPort } from 'node:worker_threads';
import type { BodyJob } from './body-job.js';
import { processBody } from './process-body.js';

parentPort!.on('message', async (msg: { id: number; job: BodyJob }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: await processBody(msg.job) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message ?? String(err) });
  }
});
