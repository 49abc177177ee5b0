// `oit serve` (the web app) and `oit users` (its local accounts), over the store named by the config file: a folder
// (SQLite) or a postgres:// URL (PostgreSQL at this build's schema version).
import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { tr } from '../lang.js';
import { loadConfig, type Config } from '../schedule/config.js';
import { hashPassword, isRole, passwordProblem } from '../serve/auth.js';
import { childLauncher, Jobs } from '../serve/jobs.js';
import { openServeStore } from '../serve/serve-store.js';
import { buildServer } from '../serve/server.js';
import { USER_NAME } from '../serve/store-auth.js';
import { EXIT, service, UsageError } from './errors.js';
import type { CommandFn } from './index.js';
import type { AnyValues } from './options.js';

const configPath = (values: AnyValues) => {
  if (!values.config) throw new UsageError('--config <oit.config.yaml> is required');
  return values.config;
};

/** The config, read again when its file changes; a broken edit keeps the last good one (and says so once). */
function liveConfig(file: string, first: Config): () => Config {
  let current = first;
  let mtime = statSync(file).mtimeMs;
  return () => {
    try {
      const m = statSync(file).mtimeMs;
      if (m !== mtime) {
        mtime = m;
        current = loadConfig(file);
      }
    } catch (err) {
      process.stderr.write(`oit serve: ${file}: ${(err as Error).message} (keeping the previous configuration)\n`);
    }
    return current;
  };
}

export const serveCommand: CommandFn = async (_pos, values, lang) => {
  const file = configPath(values);
  const config = loadConfig(file);
  const store = await service('store', config.store, openServeStore(config));
  const left = await store.history.abandonWebRuns('the web server stopped during this audit', new Date());
  if (left.length) process.stderr.write(tr(lang, `รอบที่สั่งจากเว็บค้างอยู่ ${left.length} รอบ: บันทึกว่าไม่สำเร็จ\n`, `${left.length} web runs left unfinished: marked failed\n`));
  const jobs = new Jobs(childLauncher(config.file));
  const app = await buildServer({ config: liveConfig(config.file, config), store, jobs });
  const host = values.host ?? '127.0.0.1';
  const address = await app.listen({ port: values.port ?? 8080, host });
  if (!(await store.auth.users()).length)
    process.stderr.write(
      tr(
        lang,
        `ยังไม่มีผู้ใช้: สร้างผู้ดูแลคนแรกด้วย\n  OIT_PASSWORD='…' oit users add admin --role admin --config ${file}\n`,
        `no users yet: create the first administrator with\n  OIT_PASSWORD='…' oit users add admin --role admin --config ${file}\n`,
      ),
    );
  process.stdout.write(tr(lang, `oit serve: ${address}/ (กด Ctrl+C เพื่อหยุด)\n`, `oit serve: ${address}/ (Ctrl+C stops)\n`));
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  jobs.stopAll();
  await app.close();
  await store.close();
  return EXIT.ok;
};

/** The password: OIT_PASSWORD, else standard input (a terminal does not echo it). */
async function readPassword(lang: 'th' | 'en'): Promise<string> {
  if (process.env.OIT_PASSWORD) return process.env.OIT_PASSWORD;
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk.toString();
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(tr(lang, 'รหัสผ่าน: ', 'Password: '));
  // Nothing typed is echoed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const answer = await new Promise<string>((r) => rl.question('', r));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

export const usersCommand: CommandFn = async (pos, values, lang) => {
  const [sub, name] = pos;
  const usage = 'usage: oit users add <name> --role viewer|reviewer|approver|admin --config <file> | oit users list --config <file> | oit users disable <name> --config <file>';
  if (sub !== 'add' && sub !== 'list' && sub !== 'disable') throw new UsageError(usage);
  const config = loadConfig(configPath(values));
  const store = await service('store', config.store, openServeStore(config));
  const { auth } = store;
  const actor = `cli:${process.env.USER ?? process.env.USERNAME ?? userInfo().username}`;
  try {
    if (sub === 'list') {
      for (const u of await auth.users()) process.stdout.write(`${u.name}\t${u.role}\t${u.created_at.slice(0, 10)}${u.disabled ? `\t${tr(lang, 'ระงับ', 'disabled')}` : ''}\n`);
      return EXIT.ok;
    }
    if (!name || !USER_NAME.test(name)) throw new UsageError(`${usage}\n(a name has 2–64 letters, digits, . _ -)`);
    if (sub === 'disable') {
      if (!(await auth.disableUser(name))) throw new UsageError(`no user "${name}"`);
      await store.review.note(actor, 'user-disabled', { user: name }, new Date().toISOString());
      process.stdout.write(tr(lang, `ระงับ ${name} แล้ว\n`, `${name} disabled\n`));
      return EXIT.ok;
    }
    const role = values.role;
    if (!role || !isRole(role)) throw new UsageError('--role viewer|reviewer|approver|admin is required');
    const password = await readPassword(lang);
    const problem = passwordProblem(password);
    if (problem) throw new UsageError(problem);
    const how = await auth.putUser(name, role, await hashPassword(password), new Date());
    await store.review.note(actor, how === 'added' ? 'user-added' : 'user-updated', { user: name, role }, new Date().toISOString());
    process.stdout.write(tr(lang, `${how === 'added' ? 'เพิ่ม' : 'ปรับ'}ผู้ใช้ ${name} (${role}) แล้ว\n`, `user ${name} ${how} (${role})\n`));
    return EXIT.ok;
  } finally {
    await store.close();
  }
};
