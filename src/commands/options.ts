// Every command-line flag once: its type, its zod check, its default and its help line; which command takes which.
// The CLI parses each command with its own list (a misplaced flag is a usage error that names it), the help text is
// printed from the same table, and the defaults are the crawler's and the config file's (DEFAULT_CRAWL_OPTIONS).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_CRAWL_OPTIONS, type CrawlOptions } from '../collect/crawl-options.js';
import { pickLang, type Lang } from '../lang.js';
import { UsageError } from './errors.js';

const int = (flag: string, min: number, max: number) =>
  z.string().regex(/^\d+$/, `${flag} must be a whole number`).transform(Number).pipe(z.number().min(min, `${flag} must be at least ${min}`).max(max, `${flag} must be at most ${max}`));

interface Flag {
  kind: 'string' | 'boolean';
  short?: string;
  schema: z.ZodType;
  /** Placeholder shown in the help, e.g. `N`. */
  arg?: string;
  help: readonly [th: string, en: string];
}

const d = DEFAULT_CRAWL_OPTIONS;
const str = (flag: string) => z.string().min(1, `${flag} needs a value`);

export const FLAGS = {
  help: { kind: 'boolean', short: 'h', schema: z.boolean(), help: ['แสดงวิธีใช้', 'show usage'] },
  lang: { kind: 'string', schema: z.enum(['th', 'en'], { message: '--lang must be th or en' }), arg: 'th|en', help: ['ภาษาที่แสดงผล', 'output language'] },
  quiet: { kind: 'boolean', short: 'q', schema: z.boolean(), help: ['ไม่แสดงความคืบหน้า', 'no progress line'] },
  verbose: { kind: 'boolean', short: 'v', schema: z.boolean(), help: ['บันทึกรายละเอียดทุกคำขอ', 'log every request'] },
  rules: { kind: 'string', schema: z.string().min(1, '--rules needs a framework id or folder'), arg: 'ita-25xx', help: ['กรอบการประเมิน (oit rules list)', 'framework (oit rules list)'] },
  'as-of': {
    kind: 'string',
    schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '--as-of must be YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), '--as-of is not a real date'),
    arg: 'YYYY-MM-DD',
    help: ['วันที่ประเมิน (ค่าเริ่มต้น: วันนี้ เวลาประเทศไทย)', 'assessment date (default: today, Asia/Bangkok)'],
  },
  'fiscal-year': { kind: 'string', schema: int('--fiscal-year', 2500, 2700), arg: 'BE', help: ['ปีงบประมาณที่ประเมิน (พ.ศ.) (ค่าเริ่มต้น: ของวันที่ประเมิน)', 'fiscal year assessed, BE (default: that of --as-of)'] },
  out: { kind: 'string', schema: str('--out'), arg: 'dir', help: ['โฟลเดอร์ผลลัพธ์', 'output folder'] },
  'max-pages': { kind: 'string', schema: int('--max-pages', 1, 1_000_000), arg: 'N', help: [`จำนวนหน้าสูงสุด (${d.maxPages})`, `most pages (${d.maxPages})`] },
  'max-depth': { kind: 'string', schema: int('--max-depth', 0, 100), arg: 'N', help: [`ความลึกสูงสุด (${d.maxDepth})`, `deepest link level (${d.maxDepth})`] },
  'max-minutes': { kind: 'string', schema: int('--max-minutes', 1, 24 * 60), arg: 'N', help: [`เวลารวมสูงสุด นาที (${d.maxMinutes})`, `longest crawl, minutes (${d.maxMinutes})`] },
  concurrency: { kind: 'string', schema: int('--concurrency', 1, 256), arg: 'N', help: [`คำขอพร้อมกันทั้งหมด (${d.concurrency})`, `requests at once, all hosts (${d.concurrency})`] },
  'per-host': { kind: 'string', schema: int('--per-host', 1, 64), arg: 'N', help: [`คำขอพร้อมกันต่อโฮสต์ (${d.perHost})`, `requests at once per host (${d.perHost})`] },
  timeout: { kind: 'string', schema: int('--timeout', 1, 600), arg: 'S', help: [`เวลารอต่อคำขอ วินาที (${d.timeoutSeconds})`, `per request, seconds (${d.timeoutSeconds})`] },
  'ignore-robots': { kind: 'boolean', schema: z.boolean(), help: ['ไม่ทำตาม robots.txt (เฉพาะเว็บไซต์ของตนเอง)', 'ignore robots.txt (your own site only)'] },
  'user-agent': { kind: 'string', schema: z.string().min(3, '--user-agent is too short'), arg: 'UA', help: ['User-Agent ของคำขอ', 'User-Agent of requests'] },
  render: { kind: 'string', schema: z.enum(['auto', 'never', 'always'], { message: '--render must be auto, never or always' }), arg: 'auto|never|always', help: [`แสดงผลหน้าที่สร้างด้วย JavaScript ใน Chromium (${d.render})`, `render script-built pages in Chromium (${d.render})`] },
  format: { kind: 'string', schema: str('--format'), arg: 'html,csv,xlsx,md,junit,pdf', help: ['รายงานที่ต้องการ (ค่าเริ่มต้น: ทุกแบบยกเว้น pdf)', 'reports to write (default: all but pdf)'] },
  previous: { kind: 'string', schema: str('--previous'), arg: 'result.json', help: ['เทียบกับผลครั้งก่อน', 'compare with an earlier result'] },
  screenshots: { kind: 'boolean', schema: z.boolean(), help: ['ถ่ายภาพหน้าหลักฐานไว้ในรายงาน', 'screenshots of evidence pages in the report'] },
  port: { kind: 'string', schema: int('--port', 0, 65535), arg: 'N', help: ['พอร์ต (demo: ของเว็บไซต์ตัวอย่าง; serve: 8080)', 'port (demo: of the demo site; serve: 8080)'] },
  host: {
    kind: 'string',
    schema: z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, '--host must be an address such as 127.0.0.1, 0.0.0.0 or ::'),
    arg: 'addr',
    help: ['ที่อยู่ที่รับการเชื่อมต่อ (127.0.0.1: เฉพาะเครื่องนี้)', 'address to listen on (127.0.0.1: this machine only)'],
  },
  role: { kind: 'string', schema: z.enum(['viewer', 'reviewer', 'approver', 'admin'], { message: '--role must be viewer, reviewer, approver or admin' }), arg: 'role', help: ['บทบาท: viewer reviewer approver admin', 'role: viewer, reviewer, approver, admin'] },
  fail: { kind: 'string', schema: str('--fail'), arg: 'O11,O24', help: ['ข้อที่ได้ 0', 'items scored 0'] },
  review: { kind: 'string', schema: str('--review'), arg: 'O17', help: ['ข้อที่ต้องตรวจเพิ่ม', 'items needing review'] },
  iit: { kind: 'string', schema: str('--iit'), arg: 'N[,N…]', help: ['คะแนน IIT (หรือคะแนนตัวชี้วัด)', 'IIT score (or its indicators)'] },
  eit: { kind: 'string', schema: str('--eit'), arg: 'N[,N…]', help: ['คะแนน EIT (หรือคะแนนตัวชี้วัด)', 'EIT score (or its indicators)'] },
  oit: { kind: 'string', schema: str('--oit'), arg: 'N', help: ['คะแนน OIT', 'OIT score'] },
  json: { kind: 'boolean', schema: z.boolean(), help: ['ผลเป็น JSON', 'JSON output'] },
  config: { kind: 'string', schema: str('--config'), arg: 'oit.config.yaml', help: ['ไฟล์ตั้งค่า', 'configuration file'] },
  agency: { kind: 'string', schema: str('--agency'), arg: 'id', help: ['เฉพาะหน่วยงานนี้', 'only this agency'] },
  'dry-run': { kind: 'boolean', schema: z.boolean(), help: ['แสดงการแจ้งเตือนแทนการส่ง', 'print alerts instead of sending them'] },
  once: { kind: 'boolean', schema: z.boolean(), help: ['ครั้งเดียว (มีคิว: ส่งทุกหน่วยงานเข้าคิวแล้วจบ)', 'once (with a queue: enqueue every agency and return)'] },
  'exit-when-idle': { kind: 'boolean', schema: z.boolean(), help: ['หยุดเมื่อคิวว่าง', 'stop when the queue is empty'] },
  grace: { kind: 'string', schema: int('--grace', 0, 3600), arg: 'S', help: ['เมื่อสั่งหยุด: รองานที่ทำอยู่กี่วินาทีก่อนคืนเข้าคิว (30)', 'on stop: seconds running jobs get before going back to the queue (30)'] },
} as const satisfies Record<string, Flag>;

export type FlagName = keyof typeof FLAGS;

const GLOBAL = ['help', 'lang', 'quiet', 'verbose'] as const;
const CRAWL = ['max-pages', 'max-depth', 'max-minutes', 'concurrency', 'per-host', 'timeout', 'ignore-robots', 'user-agent', 'render'] as const;
const JUDGE = ['rules', 'as-of', 'fiscal-year'] as const;
const REPORT = ['out', 'format', 'previous', 'screenshots'] as const;

/** Which flags each command takes (besides the global ones). */
export const COMMAND_FLAGS = {
  demo: [...JUDGE, ...CRAWL, ...REPORT, 'port'],
  audit: [...JUDGE, ...CRAWL, ...REPORT],
  crawl: ['out', ...CRAWL],
  judge: [...JUDGE, ...REPORT],
  render: ['out', 'format', 'previous'],
  score: ['rules', 'fail', 'review', 'iit', 'eit', 'oit', 'json'],
  doctor: [],
  rules: [],
  init: [],
  config: [],
  run: ['config', 'agency', 'dry-run', 'once'],
  worker: ['config', 'concurrency', 'exit-when-idle', 'grace'],
  queue: ['config', 'json'],
  schedule: ['config'],
  history: ['config'],
  store: ['config'],
  serve: ['config', 'port', 'host'],
  users: ['config', 'role'],
} as const satisfies Record<string, readonly FlagName[]>;

export type CommandName = keyof typeof COMMAND_FLAGS;
type Out<K extends FlagName> = z.output<(typeof FLAGS)[K]['schema']>;
/** The parsed flags of one command (the global ones included). */
export type Values<C extends CommandName> = { [K in (typeof COMMAND_FLAGS)[C][number] | (typeof GLOBAL)[number]]?: Out<K> };
export type AnyValues = { [K in FlagName]?: Out<K> };

export interface CommandLine {
  command: CommandName | undefined;
  positionals: string[];
  values: AnyValues;
  lang: Lang;
}

const isCommand = (s: string | undefined): s is CommandName => s !== undefined && Object.hasOwn(COMMAND_FLAGS, s);

function parseArgsConfig(names: readonly FlagName[]) {
  return Object.fromEntries(names.map((n) => [n, { type: FLAGS[n].kind, ...('short' in FLAGS[n] ? { short: FLAGS[n].short } : {}) }])) as Parameters<typeof parseArgs>[0] extends infer P ? (P extends { options?: infer O } ? O : never) : never;
}

/** The command word: the first argument that is not a flag nor the value of a string flag. */
function findCommand(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (!a.startsWith('-')) return a;
    const name = a.replace(/^-+/, '').split('=')[0]!;
    const flag = (FLAGS as Record<string, Flag>)[name];
    if (flag?.kind === 'string' && !a.includes('=')) i++;
  }
  return undefined;
}

/** argv → command, positionals and typed flag values. Unknown flags, misplaced flags and bad values: UsageError. */
export function parseCommandLine(argv: string[]): CommandLine {
  const word = findCommand(argv);
  const command = isCommand(word) ? word : undefined;
  if (word !== undefined && word !== 'help' && !command) throw new UsageError(`unknown command "${word}" (see oit --help)`);
  const allowed: readonly FlagName[] = [...GLOBAL, ...(command ? COMMAND_FLAGS[command] : [])];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: parseArgsConfig(allowed), allowPositionals: true, strict: true });
  } catch (err) {
    const e = err as Error & { code?: string };
    const flag = /'(-[^']+)'/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
      const known = Object.hasOwn(FLAGS, flag.replace(/^-+/, ''));
      throw new UsageError(known ? `${flag} is not an option of "oit ${command ?? ''}" (see oit ${command ?? ''} --help)`.replace(/ +\(/, ' (') : `unknown option ${flag} (see oit ${command ? `${command} ` : ''}--help)`);
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) throw new UsageError(`${flag} needs a value`);
    throw new UsageError(e.message.split('. ')[0]!);
  }
  const shape = Object.fromEntries(allowed.map((n) => [n, (FLAGS[n].schema as z.ZodType).optional()]));
  const checked = z.strictObject(shape).safeParse(Object.fromEntries(Object.entries(parsed.values).filter(([, v]) => v !== undefined)));
  if (!checked.success) throw new UsageError(checked.error.issues.map((i) => i.message).join('; '));
  const values = checked.data as AnyValues;
  const positionals = parsed.positionals.slice(word !== undefined ? parsed.positionals.indexOf(word) + 1 : 0);
  return { command, positionals, values, lang: pickLang(values.lang) };
}

/** The crawler's options from a command's flags (unset flags keep DEFAULT_CRAWL_OPTIONS). */
export function crawlOptionsFrom(v: AnyValues): Partial<CrawlOptions> {
  const out: Partial<CrawlOptions> = {};
  if (v['max-pages'] !== undefined) out.maxPages = v['max-pages'];
  if (v['max-depth'] !== undefined) out.maxDepth = v['max-depth'];
  if (v['max-minutes'] !== undefined) out.maxMinutes = v['max-minutes'];
  if (v.concurrency !== undefined) out.concurrency = v.concurrency;
  if (v['per-host'] !== undefined) out.perHost = v['per-host'];
  if (v.timeout !== undefined) out.timeoutSeconds = v.timeout;
  if (v['ignore-robots']) out.respectRobots = false;
  if (v['user-agent']) out.userAgent = v['user-agent'];
  if (v.render) out.render = v.render;
  return out;
}

/** The options part of the help text of one command (or of every command), from the table above. */
export function flagHelp(lang: Lang, names: readonly FlagName[]): string {
  return names
    .map((n) => {
      const f: Flag = FLAGS[n];
      const left = `  --${n}${f.arg ? ` ${f.arg}` : ''}`;
      return `${left.padEnd(34)} ${f.help[lang === 'en' ? 1 : 0]}`;
    })
    .join('\n');
}

/** Today in Asia/Bangkok, as YYYY-MM-DD: the default assessment date. */
export function todayBangkok(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
