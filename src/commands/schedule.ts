// `oit config check|init`, `oit run`, `oit schedule`, `oit history`: the scheduled worker on the command line.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { tr } from '../lang.js';
import { formatScore } from '../score.js';
import { dataDir, EXAMPLE_CONFIG, isPostgresUrl, loadConfig } from '../schedule/config.js';
import { openRunStore } from '../schedule/open-store.js';
import { PostgresStore } from '../schedule/store-postgres.js';
import { Scheduler } from '../schedule/scheduler.js';
import { parseReason } from '../schedule/store.js';
import { say } from '../text/say.js';
import { runOnce } from '../schedule/worker.js';
import { EXIT, service, UsageError } from './errors.js';
import type { CommandFn } from './index.js';
import type { AnyValues } from './options.js';

const configPath = (values: AnyValues) => {
  if (!values.config) throw new UsageError('--config <oit.config.yaml> is required');
  return values.config;
};

export const configCommand: CommandFn = async (pos, _values, lang) => {
  const [sub, file] = pos;
  if (sub !== 'check' || !file) throw new UsageError('usage: oit config check <oit.config.yaml>');
  const c = loadConfig(file);
  process.stdout.write(tr(lang, `ถูกต้อง: ${c.agencies.length} หน่วยงาน ตรวจทุก ${c.schedule.everyDays} วัน เวลา ${c.schedule.at} (${c.schedule.timezone}) เก็บข้อมูลที่ ${storeName(c)}\n`, `OK: ${c.agencies.length} agencies, every ${c.schedule.everyDays} days at ${c.schedule.at} (${c.schedule.timezone}), store ${storeName(c)}\n`));
  return EXIT.ok;
};

export const initCommand: CommandFn = async (pos, _values, lang) => {
  const file = pos[0] ?? 'oit.config.yaml';
  if (existsSync(file)) throw new UsageError(`${file} already exists: not overwritten`);
  writeFileSync(file, EXAMPLE_CONFIG);
  process.stdout.write(tr(lang, `เขียน ${file} แล้ว แก้ไขแล้วตรวจด้วย: oit config check ${file}\n`, `wrote ${file}; edit it, then: oit config check ${file}\n`));
  return EXIT.ok;
};

/** The store as the config names it, the password of a PostgreSQL URL left out. */
function storeName(c: { dir: string; store: string; data: string }): string {
  if (!isPostgresUrl(c.store)) return dataDir(c);
  const u = new URL(c.store);
  if (u.password) u.password = '***';
  return `${u.toString()} (reports: ${dataDir(c)})`;
}

async function open(values: AnyValues) {
  const config = loadConfig(configPath(values));
  const store = await service('store', config.store, openRunStore(config));
  mkdirSync(dataDir(config), { recursive: true });
  const log = pino({ level: values.verbose ? 'debug' : 'info', base: undefined }, pino.destination({ dest: join(dataDir(config), 'worker.log.jsonl'), sync: false }));
  return { config, store, log };
}

export const runCommand: CommandFn = async (_pos, values, lang) => {
  // With a queue the workers audit: `oit run --once` enqueues the cycle's jobs and returns.
  const queued = loadConfig(configPath(values));
  if (queued.queue) {
    const { enqueueCommand } = await import('./fleet.js');
    if (typeof values.agency === 'string' && !queued.agencies.some((a) => a.id === values.agency)) throw new UsageError(`agency "${values.agency}" is not in ${queued.file}`);
    return enqueueCommand({ ...queued, queue: queued.queue, agencies: queued.agencies.filter((a) => typeof values.agency !== 'string' || a.id === values.agency) }, lang);
  }
  const { config, store, log } = await open(values);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const s = await runOnce(config, store, {
      ...(typeof values.agency === 'string' ? { agency: values.agency } : {}),
      dryRun: Boolean(values['dry-run']),
      signal: controller.signal,
      log,
      print: (t) => process.stdout.write(t),
    });
    for (const a of s.agencies)
      process.stdout.write(`${a.id}\t${a.stage}\t${formatScore(a.score)}\t${a.error ?? (a.alerts.length ? `${tr(lang, 'แจ้งเตือน', 'alerts')}: ${a.alerts.join(', ')}` : '')}\n`);
    process.stdout.write(tr(lang, `รอบที่ ${s.runId}${s.resumed ? ' (ทำต่อจากครั้งที่ถูกหยุด)' : ''}${controller.signal.aborted ? ' หยุดกลางคัน จะทำต่อในครั้งถัดไป' : ''}\n`, `run ${s.runId}${s.resumed ? ' (resumed)' : ''}${controller.signal.aborted ? ' interrupted: it resumes on the next start' : ''}\n`));
    return s.agencies.some((a) => a.stage === 'failed') ? EXIT.notReady : EXIT.ok;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    log.flush();
    await store.close();
  }
};

export const scheduleCommand: CommandFn = async (_pos, values, lang) => {
  const queued = loadConfig(configPath(values));
  if (queued.queue) return (await import('./fleet.js')).scheduleQueued({ ...queued, queue: queued.queue }, lang);
  const { config, store, log } = await open(values);
  const scheduler = new Scheduler(config, {
    run: (signal) => runOnce(config, store, { signal, log, trigger: 'schedule' }),
    lastCompleted: () => store.lastCompleted(),
    now: () => new Date(),
    log,
  });
  // A run a killed worker left behind is finished before waiting for the next tick.
  if ((await store.unfinishedRun()) !== undefined) await runOnce(config, store, { log, trigger: 'resume' });
  scheduler.start();
  process.stdout.write(tr(lang, `เริ่มทำงานตามกำหนดเวลา: ทุก ${config.schedule.everyDays} วัน เวลา ${config.schedule.at} (${config.schedule.timezone}) กด Ctrl+C เพื่อหยุด\n`, `scheduler running: every ${config.schedule.everyDays} days at ${config.schedule.at} (${config.schedule.timezone}); Ctrl+C stops\n`));
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.stdout.write(tr(lang, 'กำลังหยุดและบันทึกข้อมูลที่เก็บแล้ว…\n', 'stopping; saving what was collected…\n'));
      void scheduler.stop().then(resolveStop);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.flush();
  await store.close();
  return EXIT.ok;
};

export const historyCommand: CommandFn = async (pos, values, lang) => {
  const [agency] = pos;
  if (!agency) throw new UsageError('usage: oit history <agency> --config <oit.config.yaml>');
  const { store } = await open(values);
  try {
    const all = (await store.history(agency)).filter((r) => r.stage === 'recorded' || r.stage === 'alerted' || r.stage === 'unreachable');
    const rows = all.filter((r) => r.stage !== 'unreachable');
    if (!all.length) {
      process.stdout.write(tr(lang, `ยังไม่มีประวัติของ ${agency}\n`, `no history for ${agency}\n`));
      return EXIT.ok;
    }
    const lines = [tr(lang, `ประวัติคะแนนของ ${agency}`, `Score history of ${agency}`)];
    // An outage shows as a gap with its reason, never as a score.
    for (const r of all)
      lines.push(
        r.stage === 'unreachable'
          ? `  ${tr(lang, 'รอบ', 'run')} ${r.run_id}\t${r.finished_at?.slice(0, 10) ?? ''}\t–\t${tr(lang, 'เข้าไม่ได้', 'unreachable')}: ${say(lang, parseReason(r.error ?? ''))}`
          : `  ${tr(lang, 'รอบ', 'run')} ${r.run_id}\t${r.as_of}\t${formatScore(r.oit)}\t${r.grade ?? ''}${r.provisional ? ' *' : ''}`,
      );
    if (!rows.length) {
      process.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }
    // Defect lifecycle across the last runs: new, still open, fixed, flapping (fixed then back).
    const keys = await Promise.all(rows.map((r) => store.defectKeys(r.run_id, agency)));
    const last = keys[keys.length - 1]!;
    const prev = keys[keys.length - 2];
    const before = keys[keys.length - 3];
    const state = (k: string) => (!prev ? 'new' : !prev.has(k) ? (before?.has(k) ? 'flapping' : 'new') : 'open');
    lines.push(tr(lang, 'ปัญหาในรอบล่าสุด:', 'Defects in the latest run:'));
    for (const [k, d] of last) lines.push(`  [${state(k)}] ${d.item ?? '-'} ${d.kind} ${d.url ?? ''}`);
    if (prev) for (const [k, d] of prev) if (!last.has(k)) lines.push(`  [fixed] ${d.item ?? '-'} ${d.kind} ${d.url ?? ''}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
};

/** `oit store migrate --config F`: creates or upgrades the PostgreSQL store's schema (a SQLite store upgrades itself). */
export const storeCommand: CommandFn = async (pos, values, lang) => {
  if (pos[0] !== 'migrate') throw new UsageError('usage: oit store migrate --config <oit.config.yaml>');
  const config = loadConfig(configPath(values));
  if (!isPostgresUrl(config.store)) {
    process.stdout.write(tr(lang, `ที่เก็บเป็น SQLite (${storeName(config)}) ปรับรุ่นเองเมื่อเปิด ไม่ต้องทำอะไร\n`, `the store is SQLite (${storeName(config)}): it upgrades itself when opened; nothing to do\n`));
    return EXIT.ok;
  }
  const store = new PostgresStore(config.store);
  try {
    const applied = await service('store', config.store, store.migrate());
    process.stdout.write(applied.length ? tr(lang, `ปรับรุ่นฐานข้อมูลแล้ว: ${applied.join(', ')}\n`, `migrated: ${applied.map((v) => `version ${v}`).join(', ')}\n`) : tr(lang, `ฐานข้อมูลเป็นรุ่นล่าสุดแล้ว (${await store.version()})\n`, `already at version ${await store.version()}\n`));
    return EXIT.ok;
  } finally {
    await store.close();
  }
};
