// The child process of a "run now": one agency through runAgencyNow (runAudit inside), recorded in the store the
// config names (SQLite or PostgreSQL), progress to the parent.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { dataDir, loadConfig } from '../schedule/config.js';
import { openRunStore } from '../schedule/open-store.js';
import { runAgencyNow } from '../schedule/worker.js';

const send = (m: unknown) => process.send?.(m);

async function main(): Promise<void> {
  const [configFile, agency] = process.argv.slice(2);
  if (!configFile || !agency) throw new Error('usage: run-child <config> <agency>');
  const config = loadConfig(configFile);
  // The worker's log, beside the reports (the store's folder, or `data` with PostgreSQL), as `oit run` keeps it.
  mkdirSync(dataDir(config), { recursive: true });
  const log = pino({ level: 'info', base: undefined }, pino.destination({ dest: join(dataDir(config), 'worker.log.jsonl'), sync: false }));
  const store = await openRunStore(config);
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  let lastSent = 0;
  try {
    const summary = await runAgencyNow(config, store, agency, {
      log,
      signal: controller.signal,
      onStart: (runId) => send({ type: 'start', runId }),
      onProgress: (_a, p) => {
        // At most two messages a second: the page polls slower than that.
        if (Date.now() - lastSent < 500) return;
        lastSent = Date.now();
        send({ type: 'progress', progress: p });
      },
    });
    const a = summary.agencies[0];
    send({ type: 'done', stage: a?.stage ?? 'failed', score: a?.score ?? null, ...(a?.error ? { error: a.error } : {}) });
  } finally {
    log.flush();
    await store.close();
  }
}

main().then(
  () => process.disconnect?.(),
  (err: unknown) => {
    send({ type: 'done', stage: 'failed', score: null, error: (err as Error).message });
    process.exitCode = 1;
    process.disconnect?.();
  },
);
