// oit.config.yaml (or .json): agencies, schedule, collector limits, alerts, storage — parsed with zod, errors with line.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { DEFAULT_CRAWL_OPTIONS as D } from '../collect/crawl-options.js';
import { InputError, jsonPath, type Problem } from '../model/input-error.js';

const Url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the NAME of an environment variable (secrets never go in this file)');

const Agency = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids are lower-case letters, digits, - and _'),
  name: z.string().min(1),
  url: Url,
  rules: z.string().regex(/^[a-z0-9-]+$/).optional(),
  /** What kind of agency it is and where (free text, as the committee names them): the web app filters by them. */
  type: z.string().min(1).optional(),
  province: z.string().min(1).optional(),
  contacts: z
    .strictObject({ email: z.array(z.email()).default([]), line: z.array(z.string().min(1)).default([]), webhook: Url.optional() })
    .default({ email: [], line: [] }),
});

/** A postgres:// or postgresql:// URL (anything else is a folder). */
const RedisUrl = z.string().refine((s) => {
  try {
    return /^rediss?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
}, 'must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379');

/**
 * The fleet's job queue (BullMQ on Redis). `queue: redis://…` alone takes the defaults; the long form tunes them.
 * With a queue, `oit schedule` and `oit run --once` enqueue, and `oit worker` on any number of machines audits.
 */
const Queue = z.preprocess(
  (v) => (typeof v === 'string' ? { url: v } : v),
  z.strictObject({
    url: RedisUrl,
    /** The queue's name in Redis: two fleets on one Redis need two names. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, 'lower-case letters, digits, - and _ only').default('oit-audits'),
    /** How long a job stays a worker's after it stops answering (killed, cut off): then another worker takes it. */
    lockSeconds: z.number().int().min(2).max(3600).default(60),
    /** Attempts of one agency's job when it fails (the audit resumes where it got to). */
    attempts: z.number().int().min(1).max(20).default(3),
    /** The first retry's wait; each next one doubles. */
    backoffSeconds: z.number().int().min(0).max(86_400).default(60),
    /** A job still running after this long is stopped and retried (default: the crawl's time limit + 30 minutes). */
    jobTimeoutSeconds: z.number().int().min(5).max(7 * 86_400).optional(),
  }),
);
export type QueueConfig = z.output<typeof Queue>;

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

function storeProblem(s: string): string | undefined {
  if (isPostgresUrl(s)) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return 'is not a valid PostgreSQL URL (postgres://user@host:5432/database)';
    }
    if (!u.hostname) return 'a PostgreSQL URL needs a host (postgres://user@host:5432/database)';
    if (u.pathname.length <= 1) return 'a PostgreSQL URL needs a database name (postgres://user@host:5432/database)';
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return 'must be a folder or a postgres:// URL';
  return undefined;
}

export const ConfigSchema = z.strictObject({
  agencies: z.array(Agency).min(1, 'list at least one agency'),
  schedule: z
    .strictObject({
      /** Days between two audits of the same agency. */
      everyDays: z.number().int().min(1).max(365).default(15),
      /** Local time of day to start, HH:MM (at night: agency servers are quiet and so are their admins' phones). */
      at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('02:00'),
      timezone: z.string().default('Asia/Bangkok'),
      /** Agencies audited at once (each within the collector's per-host limits). */
      parallel: z.number().int().min(1).max(16).default(2),
    })
    .default({ everyDays: 15, at: '02:00', timezone: 'Asia/Bangkok', parallel: 2 }),
  // The defaults are the crawler's own (DEFAULT_CRAWL_OPTIONS), the same the command line shows in its help.
  collector: z
    .strictObject({
      maxPages: z.number().int().min(1).default(D.maxPages),
      maxDepth: z.number().int().min(0).default(D.maxDepth),
      maxMinutes: z.number().int().min(1).default(D.maxMinutes),
      concurrency: z.number().int().min(1).max(64).default(D.concurrency),
      perHost: z.number().int().min(1).max(16).default(D.perHost),
      timeoutSeconds: z.number().int().min(1).max(600).default(D.timeoutSeconds),
      respectRobots: z.boolean().default(D.respectRobots),
      render: z.enum(['auto', 'never', 'always']).default(D.render),
      /** A picture of each item's evidence page beside the report (needs Chromium; the web app shows them). */
      screenshots: z.boolean().default(false),
    })
    .prefault({}),
  alerts: z
    .strictObject({
      webhook: z.strictObject({ url: Url, secretEnv: EnvName.default('OIT_WEBHOOK_SECRET') }).optional(),
      line: z.strictObject({ tokenEnv: EnvName.default('OIT_LINE_TOKEN'), to: z.array(z.string().min(1)).default([]), endpoint: Url.default('https://api.line.me/v2/bot/message/push') }).optional(),
      email: z
        .strictObject({
          host: z.string().min(1),
          port: z.number().int().min(1).max(65535).default(587),
          secure: z.boolean().default(false),
          userEnv: EnvName.optional(),
          passEnv: EnvName.optional(),
          from: z.string().min(3),
          to: z.array(z.email()).default([]),
        })
        .optional(),
    })
    .default({}),
  /** The history store: a folder (SQLite inside) or a postgres:// URL (PostgreSQL; reports and logs then go in `data`). */
  store: z
    .string()
    .min(1)
    .default('./data')
    .superRefine((s, ctx) => {
      const problem = storeProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  queue: Queue.optional(),
  /** The folder of reports and logs when `store` is a PostgreSQL URL (with a folder store, that folder is used). */
  data: z.string().min(1).default('./data'),
  retention: z.strictObject({ runs: z.number().int().min(2).default(24) }).default({ runs: 24 }),
  lang: z.enum(['th', 'en']).default('th'),
});
export type Config = z.infer<typeof ConfigSchema> & { file: string; dir: string };

/** Where reports and the worker's log go: the store's folder, or `data` with a PostgreSQL store. */
export const dataDir = (c: Pick<Config, 'dir' | 'store' | 'data'>): string => resolve(c.dir, isPostgresUrl(c.store) ? c.data : c.store);

/** Parse a config file; every problem names the file, the line and the field. */
export function loadConfig(file: string): Config {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new InputError(abs, [{ path: '', message: `cannot read: ${(err as Error).message}` }]);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length)
    throw new InputError(abs, doc.errors.map((e) => ({ path: `line ${lc.linePos(e.pos[0]).line}`, message: e.message.split('\n')[0]! })));
  const parsed = ConfigSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((issue) => {
      // Point at the deepest node of the path that exists in the file.
      let node: Node | undefined;
      for (let n = issue.path.length; n >= 0 && !node; n--) {
        const got = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n) as Array<string | number>, true);
        if (got && (isMap(got) || isSeq(got) || (got as Node).range)) node = got as Node;
      }
      const line = node?.range ? lc.linePos(node.range[0]).line : undefined;
      return { path: `${line ? `line ${line}: ` : ''}${jsonPath(issue.path) || '(file)'}`, message: issue.message };
    });
    throw new InputError(abs, problems);
  }
  return { ...parsed.data, file: abs, dir: dirname(abs) };
}

export const EXAMPLE_CONFIG = `# oit-crawler: ตั้งค่าการตรวจตามกำหนดเวลา / scheduled audits
# ตรวจด้วย: oit config check oit.config.yaml
agencies:
  - id: nongnamsai                 # ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข - _
    name: อบต.หนองน้ำใส
    url: https://www.nongnamsai.go.th/
    rules: ita-2566                # กรอบการประเมิน (oit rules list)
    contacts:                      # ผู้รับแจ้งเตือนของหน่วยงานนี้ (ไม่บังคับ)
      email: [webmaster@nongnamsai.go.th]
schedule:
  everyDays: 15                    # ตรวจซ้ำทุกกี่วัน
  at: "02:00"                      # เวลาเริ่ม (ตามเขตเวลาด้านล่าง)
  timezone: Asia/Bangkok
  parallel: 2                      # ตรวจพร้อมกันกี่หน่วยงาน
collector:
  maxPages: 2000
  perHost: 4                       # คำขอพร้อมกันต่อเว็บไซต์ (สุภาพกับเซิร์ฟเวอร์ของหน่วยงาน)
  timeoutSeconds: 20
  render: auto                     # auto | never | always (ต้องมี Chromium)
alerts:                            # แจ้งเตือนเฉพาะสิ่งที่ใหม่และยืนยันแล้ว ครั้งละหนึ่งสรุปต่อหน่วยงาน
  webhook:
    url: https://hooks.example.invalid/oit
    secretEnv: OIT_WEBHOOK_SECRET  # ชื่อตัวแปรสภาพแวดล้อมที่เก็บรหัสลับ HMAC (ไม่ใส่รหัสลับในไฟล์นี้)
  # line:
  #   tokenEnv: OIT_LINE_TOKEN     # Channel access token ของ LINE Messaging API
  #   to: [Uxxxxxxxxxxxxxxxx]
  # email:
  #   host: smtp.example.go.th
  #   port: 587
  #   userEnv: OIT_SMTP_USER
  #   passEnv: OIT_SMTP_PASS
  #   from: oit-crawler@example.go.th
  #   to: [ita-team@example.go.th]
store: ./data                      # ฐานข้อมูลประวัติ (SQLite) และรายงานแต่ละรอบ หรือ postgres://user@host:5432/db
retention:
  runs: 24                         # เก็บผลกี่รอบต่อหน่วยงาน
`;
