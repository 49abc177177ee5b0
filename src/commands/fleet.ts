// The fleet on the command line: `oit worker` (audits from the queue), `oit queue status`, and the queue side of
// `oit run --once` and `oit schedule` (they enqueue the cycle's jobs instead of auditing).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { cycleOf } from '../fleet/cycle.js';
import { startFleetWorker } from '../fleet/fleet-worker.js';
import { enqueueCycle, queueStatus, withQueue, type Enqueued } from '../fleet/queue.js';
import { tr, type Lang } from '../lang.js';
import { formatScore } from '../score.js';
import { dataDir, loadConfig, type Config, type QueueConfig } from '../schedule/config.js';
import { openRunStore } from '../schedule/open-store.js';
import { Scheduler } from '../schedule/scheduler.js';
import { EXIT, service, UsageError } from './errors.js';
import type { CommandFn } from './index.js';
import type { AnyValues } from './options.js';

type QueuedConfig = Config & { queue: QueueConfig };

function queuedConfig(values: AnyValues): QueuedConfig {
  if (!values.config) throw new UsageError('--config <oit.config.yaml> is required');
  const config = loadConfig(values.config);
  if (!config.queue) throw new UsageError(`${config.file}: no "queue:" in this config (queue: redis://127.0.0.1:6379): oit worker and oit queue need the fleet's Redis`);
  return config as QueuedConfig;
}

/** Every agency's job of the current cycle; those already queued in it are left alone. */
export async function enqueueNow(config: QueuedConfig, now = new Date()): Promise<Enqueued> {
  const cycle = cycleOf(now, config.schedule.everyDays, config.schedule.timezone);
  return service('queue', config.queue.url, withQueue(config.queue, (queue) => enqueueCycle(queue, cycle.id, config.agencies.map((a) => a.id))));
}

export function enqueuedLine(e: Enqueued, lang: Lang): string {
  return tr(lang, `รอบ ${e.cycle}: เข้าคิวใหม่ ${e.added.length} หน่วยงาน อยู่ในคิวรอบนี้แล้ว ${e.already.length}\n`, `cycle ${e.cycle}: ${e.added.length} agencies enqueued, ${e.already.length} already queued in this cycle\n`);
}

/** `oit run --once` with a queue: enqueue and return; the workers audit. */
export async function enqueueCommand(config: QueuedConfig, lang: Lang): Promise<number> {
  process.stdout.write(enqueuedLine(await enqueueNow(config), lang));
  return EXIT.ok;
}

/** `oit schedule` with a queue: enqueues the cycle at start and at every daily tick (ids keep it to once a cycle). */
export async function scheduleQueued(config: QueuedConfig, lang: Lang): Promise<number> {
  mkdirSync(dataDir(config), { recursive: true });
  const log = pino({ level: 'info', base: undefined }, pino.destination({ dest: join(dataDir(config), 'scheduler.log.jsonl'), sync: false }));
  const enqueue = async () => {
    const e = await enqueueNow(config);
    log.info({ cycle: e.cycle, added: e.added.length, already: e.already.length }, 'cycle enqueued');
    process.stdout.write(enqueuedLine(e, lang));
  };
  const scheduler = new Scheduler(config, { run: enqueue, lastCompleted: () => undefined, now: () => new Date(), log });
  await enqueue();
  scheduler.start();
  process.stdout.write(tr(lang, `ส่งงานเข้าคิวทุกวัน เวลา ${config.schedule.at} (${config.schedule.timezone}) กด Ctrl+C เพื่อหยุด\n`, `enqueuing daily at ${config.schedule.at} (${config.schedule.timezone}); Ctrl+C stops\n`));
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await scheduler.stop();
  log.flush();
  return EXIT.ok;
}

export const workerCommand: CommandFn = async (_pos, values, lang) => {
  const config = queuedConfig(values);
  const store = await service('store', config.store, openRunStore(config));
  // The worker's own connection waits for Redis forever; at start, a Redis that is not there is said at once.
  await service('queue', config.queue.url, withQueue(config.queue, async (queue) => void (await queue.getJobCounts('waiting'))));
  mkdirSync(dataDir(config), { recursive: true });
  const log = pino({ level: values.verbose ? 'debug' : 'info', base: { pid: process.pid } }, pino.destination({ dest: join(dataDir(config), `worker.${process.pid}.log.jsonl`), sync: false }));
  const concurrency = values.concurrency ?? config.schedule.parallel;
  const worker = startFleetWorker(config, store, {
    concurrency,
    exitWhenIdle: Boolean(values['exit-when-idle']),
    log,
    onJob: (e) => {
      const what = { done: tr(lang, 'เสร็จ', 'done'), skipped: tr(lang, 'ตรวจแล้วในรอบนี้', 'already audited this cycle'), 'handed-back': tr(lang, 'คืนเข้าคิว', 'handed back'), failed: tr(lang, 'ล้มเหลว', 'failed'), retry: tr(lang, 'จะลองใหม่', 'will retry') }[e.outcome];
      process.stdout.write(`${e.cycle}\t${e.agency}\t${what}${e.stage ? `\t${e.stage}\t${formatScore(e.score ?? null)}` : ''}${e.error ? `\t${e.error}` : ''}\n`);
    },
  });
  process.stdout.write(tr(lang, `oit worker: รับงานจากคิว "${config.queue.name}" ครั้งละ ${concurrency} หน่วยงาน (pid ${process.pid})\n`, `oit worker: taking jobs from queue "${config.queue.name}", ${concurrency} at a time (pid ${process.pid})\n`));
  const graceMs = (values.grace ?? 30) * 1000;
  let signals = 0;
  const onSignal = () => {
    // The first signal: finish within the grace period, else hand back; a second: hand back now.
    signals++;
    process.stdout.write(signals === 1 ? tr(lang, `กำลังหยุด: รอให้งานที่ทำอยู่เสร็จภายใน ${graceMs / 1000} วินาที ไม่เช่นนั้นคืนเข้าคิว\n`, `stopping: running jobs get ${graceMs / 1000} s to finish, then go back to the queue\n`) : tr(lang, 'คืนงานเข้าคิวทันที\n', 'handing jobs back now\n'));
    void worker.stop(signals === 1 ? graceMs : 0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const counts = await worker.finished;
    process.stdout.write(tr(lang, `หยุดแล้ว: เสร็จ ${counts.done} งาน ล้มเหลว ${counts.failed}\n`, `stopped: ${counts.done} jobs done, ${counts.failed} failed\n`));
    return counts.failed ? EXIT.notReady : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    log.flush();
    await store.close();
  }
};

export const queueCommand: CommandFn = async (pos, values, lang) => {
  if (pos[0] !== 'status') throw new UsageError('usage: oit queue status --config <oit.config.yaml> [--json]');
  const config = queuedConfig(values);
  const s = await service('queue', config.queue.url, withQueue(config.queue, queueStatus));
  {
    if (values.json) {
      process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines = [tr(lang, `คิว ${s.name}: ผู้ทำงาน ${s.workers} ตัว`, `queue ${s.name}: ${s.workers} workers connected`), tr(lang, 'รอบ\tรอ\tกำลังทำ\tเสร็จ\tล้มเหลว\tรอลองใหม่\tรอนานสุดตั้งแต่', 'cycle\twaiting\tactive\tdone\tfailed\tdelayed\toldest waiting')];
    for (const c of s.cycles) lines.push(`${c.cycle}\t${c.waiting}\t${c.active}\t${c.done}\t${c.failed}\t${c.delayed}\t${c.oldestWaiting ?? '-'}`);
    if (!s.cycles.length) lines.push(tr(lang, '(ยังไม่มีงานในคิว)', '(no jobs yet)'));
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  }
};
