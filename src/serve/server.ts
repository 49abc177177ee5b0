// `oit serve`: the web app over the history store. Fastify with its official cookie, session, CSRF and rate-limit
// plugins; every page is rendered on the server (src/serve/pages), every change is a POST form with a CSRF token, and
// the role is checked on the server for each one.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Lang } from '../lang.js';
import { REPORT_CSP } from '../render/report-html.js';
import { reviewInputOf } from '../review/apply.js';
import type { Config } from '../schedule/config.js';
import { APP_CSS, APP_JS } from './assets.js';
import { can, DUMMY_HASH, verifyPassword, type Permission, type Role } from './auth.js';
import { agencyData, auditData, fleetRows, fleetView, Frameworks, SORT_KEYS, type AuditData } from './data.js';
import { itasCsv, itasXlsx, reportPdf } from './export.js';
import type { Jobs } from './jobs.js';
import { agencyPage, jobText } from './pages/agency.js';
import { auditPage, FILTERS, type Filter } from './pages/audit.js';
import { fleetPage, type QueuePanel } from './pages/fleet.js';
import { queueStatus, withQueue } from '../fleet/queue.js';
import { finalReportHtml } from './pages/final.js';
import { errorPage, loginPage } from './pages/login.js';
import { trailPage } from './pages/trail.js';
import type { PageCtx } from './pages/ui.js';
import { oneAtATime } from './one-at-a-time.js';
import type { ServeStore } from './serve-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    user?: { name: string; role: Role };
    lang: Lang;
  }
}
declare module '@fastify/session' {
  interface FastifySessionObject {
    user?: string;
  }
}

/** No inline script or style, nothing from another origin, no framing, forms post only here. */
export const SERVE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface ServeDeps {
  /** The configuration, read again when its file changes (agencies added while the server runs). */
  config: () => Config;
  /** History, review and sign-in records: SQLite or PostgreSQL (serve-store.ts). */
  store: ServeStore;
  jobs: Jobs;
  now?: () => Date;
  /** Sign-in attempts allowed per client address per minute. */
  loginsPerMinute?: number;
  /** PDF printing (tests without Chromium replace it). */
  pdf?: (d: AuditData, lang: Lang) => Promise<Buffer>;
}

const SESSION_HOURS = 8;
const PUBLIC = new Set(['/login', '/static/app.css', '/static/app.js', '/favicon.ico']);

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/);
const RunId = z.coerce.number().int().min(1);
const Note = z.string().trim().min(1).max(2000);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

export async function buildServer(deps: ServeDeps): Promise<FastifyInstance> {
  const { store, jobs } = deps;
  const { auth } = store;
  const now = deps.now ?? (() => new Date());
  const frameworks = new Frameworks();
  // Changes are checked against what the store holds, then written: one at a time, so two clicks cannot both pass
  // the check (the SQLite store did this by being synchronous).
  const serial = oneAtATime();
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, trustProxy: false });

  await app.register(fastifyFormbody);
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: await auth.secret(),
    cookieName: 'oit_sid',
    saveUninitialized: false,
    rolling: true,
    // SameSite=Strict: no other site can make a browser send it. Not Secure: the server itself speaks plain HTTP on
    // loopback (the plugin's 'auto' would also weaken SameSite to Lax there); put an HTTPS proxy in front to share it.
    cookie: { httpOnly: true, sameSite: 'strict', secure: false, path: '/', maxAge: SESSION_HOURS * 3600 * 1000 },
    store: {
      get: (sid: string, cb: (err: Error | null, session?: any) => void) => {
        auth.getSession(sid, Date.now()).then(
          (session) => cb(null, session ?? null),
          (err: unknown) => cb(err as Error),
        );
      },
      set: (sid: string, session: any, cb: (err?: Error) => void) => {
        const expires = session?.cookie?.expires ? new Date(session.cookie.expires).getTime() : Date.now() + SESSION_HOURS * 3600 * 1000;
        auth.setSession(sid, session, expires, Date.now()).then(
          () => cb(),
          (err: unknown) => cb(err as Error),
        );
      },
      destroy: (sid: string, cb: (err?: Error) => void) => {
        auth.destroySession(sid).then(
          () => cb(),
          (err: unknown) => cb(err as Error),
        );
      },
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new HttpError(429, 'rate-limit'),
  });

  app.decorateRequest('user', undefined);
  app.decorateRequest('lang', 'th');

  // Language: Thai first; ?lang=en switches and is remembered in a cookie.
  app.addHook('onRequest', async (req, reply) => {
    const asked = (req.query as Record<string, unknown> | undefined)?.lang;
    if (asked === 'en' || asked === 'th') {
      req.lang = asked;
      reply.setCookie('oit_lang', asked, { path: '/', httpOnly: true, sameSite: 'strict', maxAge: 365 * 86400 });
    } else req.lang = req.cookies.oit_lang === 'en' ? 'en' : req.cookies.oit_lang === 'th' ? 'th' : deps.config().lang;
  });

  // Who is asking: every page but the sign-in page and the static files needs a signed-in, enabled user.
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    const name = req.session.user;
    const u = name ? await auth.user(name) : undefined;
    if (u && !u.disabled) req.user = { name: u.name, role: u.role };
    if (PUBLIC.has(path) || req.user) return;
    if (req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    throw new HttpError(401, 'signed-out');
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', SERVE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  const ctxOf = (req: FastifyRequest, reply: FastifyReply): PageCtx => ({ lang: req.lang, ...(req.user ? { user: req.user } : {}), csrf: reply.generateCsrf(), path: req.url });
  const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);
  const need = (p: Permission) => async (req: FastifyRequest) => {
    if (!can(req.user?.role, p)) throw new HttpError(403, 'forbidden');
  };
  const guarded = (p: Permission) => ({ preHandler: [app.csrfProtection, need(p)] });
  const back = (reply: FastifyReply, to: string) => reply.redirect(to, 303);

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err instanceof HttpError ? err.status : err instanceof z.ZodError ? 400 : err.code?.startsWith('FST_CSRF') ? 403 : err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    const code = err instanceof HttpError ? err.code : err.code?.startsWith('FST_CSRF') ? 'csrf' : status === 429 ? 'rate-limit' : status < 500 ? 'bad-request' : 'internal';
    if (status >= 500) req.log.error(err);
    let csrf = '';
    try {
      csrf = reply.generateCsrf();
    } catch {
      /* no session */
    }
    return html(reply, errorPage({ lang: req.lang ?? 'th', ...(req.user ? { user: req.user } : {}), csrf, path: req.url }, status, code), status);
  });
  app.setNotFoundHandler((req, reply) => html(reply, errorPage(ctxOf(req, reply), 404, 'not-found'), 404));

  app.get('/static/app.css', (_req, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(APP_CSS));
  app.get('/static/app.js', (_req, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(APP_JS));

  // Sign-in and out.
  const safeNext = (n: unknown) => (typeof n === 'string' && /^\/(?!\/)[^\\\s]*$/.test(n) ? n : '/');
  app.get('/login', (req, reply) => {
    if (req.user) return back(reply, '/');
    return html(reply, loginPage(ctxOf(req, reply), { next: safeNext((req.query as Record<string, unknown>).next) }));
  });
  const Login = z.object({ name: z.string().max(64).default(''), password: z.string().max(1024).default(''), next: z.string().optional() });
  app.post('/login', { preHandler: app.csrfProtection, config: { rateLimit: { max: deps.loginsPerMinute ?? 5, timeWindow: 60_000 } } }, async (req, reply) => {
    const body = Login.parse(req.body ?? {});
    const u = await auth.user(body.name);
    const ok = (await verifyPassword(body.password, u && !u.disabled ? u.hash : DUMMY_HASH)) && u !== undefined && !u.disabled;
    if (!ok) return html(reply, loginPage(ctxOf(req, reply), { error: 'failed', name: body.name, next: safeNext(body.next) }), 401);
    // A new session id at sign-in: a session fixed by someone else before it is worth nothing after.
    await req.session.regenerate();
    req.session.user = u.name;
    return back(reply, safeNext(body.next));
  });
  app.post('/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    await req.session.destroy();
    return back(reply, '/login');
  });

  // The fleet.
  const FleetQ = z.object({
    q: z.string().max(200).default(''),
    type: z.string().max(200).default(''),
    province: z.string().max(200).default(''),
    framework: z.string().max(100).default(''),
    state: z.string().max(40).default(''),
    sort: z.enum(SORT_KEYS as [string, ...string[]]).catch('name').default('name'),
    dir: z.enum(['asc', 'desc']).catch('asc').default('asc'),
  });
  // The fleet's queue, when the config has one: read at most every 5 s, however many people look.
  let queueSeen: { at: number; url: string; panel: Promise<QueuePanel> } | undefined;
  const queuePanel = (config: Config): Promise<QueuePanel> | undefined => {
    const q = config.queue;
    if (!q) return undefined;
    if (!queueSeen || queueSeen.url !== q.url || Date.now() - queueSeen.at > 5000)
      queueSeen = { at: Date.now(), url: q.url, panel: withQueue(q, queueStatus).then((status) => ({ status }), (err: Error) => ({ error: err.message })) };
    return queueSeen.panel;
  };
  app.get('/', async (req, reply) => {
    const t0 = performance.now();
    const query = FleetQ.parse(req.query ?? {}) as Parameters<typeof fleetView>[1];
    const config = deps.config();
    const queue = queuePanel(config);
    const view = fleetView(await fleetRows(config, store, frameworks), query);
    const page = fleetPage(view, ctxOf(req, reply), undefined, queue ? await queue : undefined);
    return html(reply.header('server-timing', `render;dur=${(performance.now() - t0).toFixed(1)}`), page);
  });

  // An agency.
  const agencyId = (req: FastifyRequest) => Id.parse((req.params as { id: string }).id);
  app.get('/agency/:id', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const num = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
    const data = await agencyData(deps.config(), store, frameworks, agencyId(req), { a: num(q.a), b: num(q.b) });
    if (!data) throw new HttpError(404, 'not-found');
    return html(reply, agencyPage(data, jobs.get(data.agency.id), ctxOf(req, reply), { run: can(req.user?.role, 'run') }));
  });
  app.get('/agency/:id/job', (req, reply) => {
    const job = jobs.get(agencyId(req));
    const ctx = { lang: req.lang, csrf: '', path: req.url };
    return reply.send({ state: job?.state ?? 'none', runId: job?.runId ?? null, text: job ? stripTags(jobText(job, ctx)) : '' });
  });
  app.post('/agency/:id/run', guarded('run'), (req, reply) =>
    serial(async () => {
      const id = agencyId(req);
      if (!deps.config().agencies.some((a) => a.id === id)) throw new HttpError(404, 'not-found');
      if (jobs.get(id)?.state !== 'running' && (await store.history.activeRun(id)) !== undefined) throw new HttpError(409, 'busy');
      const { started } = jobs.start(id, req.user!.name);
      if (started) await store.review.note(req.user!.name, 'run-now', {}, now().toISOString(), id);
      return back(reply, `/agency/${encodeURIComponent(id)}#run`);
    }),
  );

  // An audit.
  const auditOf = async (req: FastifyRequest) => {
    const p = req.params as { agency: string; run: string };
    const d = await auditData(deps.config(), store, Id.parse(p.agency), RunId.parse(p.run));
    if (!d) throw new HttpError(404, 'not-found');
    return d;
  };
  const judged = (d: AuditData) => {
    if (!d.result || !d.reviewed) throw new HttpError(409, 'no-result');
    return d.result;
  };
  const editable = (d: AuditData) => {
    if (d.signoff.frozen) throw new HttpError(409, 'frozen');
    if (d.signoff.locked) throw new HttpError(409, 'locked');
  };
  const auditUrl = (d: AuditData, hash = '') => `/audit/${encodeURIComponent(d.agency.id)}/${d.row.run_id}${hash}`;

  app.get('/audit/:agency/:run', async (req, reply) => {
    const d = await auditOf(req);
    const show = (req.query as Record<string, string | undefined>).show;
    const filter: Filter = FILTERS.includes(show as Filter) ? (show as Filter) : 'all';
    const role = req.user?.role;
    return html(reply, auditPage(d, ctxOf(req, reply), { review: can(role, 'review'), sign: can(role, 'sign'), approve: can(role, 'approve') }, filter));
  });

  const Decision = z.object({ item: z.string().regex(/^[A-Za-z0-9_.-]{1,20}$/), verdict: z.enum(['pass', 'fail', 'withdraw']), note: Note });
  app.post('/audit/:agency/:run/decision', guarded('review'), (req, reply) =>
    serial(async () => {
      const d = await auditOf(req);
      const r = judged(d);
      editable(d);
      const body = Decision.parse(req.body ?? {});
      const item = reviewInputOf(r).items.find((i) => i.id === body.item);
      if (!item) throw new HttpError(400, 'bad-request');
      await store.review.decide({ agency: d.agency.id, runId: d.row.run_id, item: item.id, evidence: item.print, verdict: body.verdict === 'withdraw' ? null : body.verdict, note: body.note, by: req.user!.name, at: now().toISOString() });
      return back(reply, auditUrl(d, `#${encodeURIComponent(item.id)}`));
    }),
  );

  const Waiver = z.object({
    key: z.string().min(1).max(4000),
    reason: z.enum(['false-alarm', 'accepted-risk']).optional(),
    note: Note,
    expires: z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/)
      .optional(),
    revoke: z.literal('1').optional(),
  });
  app.post('/audit/:agency/:run/waiver', guarded('review'), (req, reply) =>
    serial(async () => {
      const d = await auditOf(req);
      const r = judged(d);
      editable(d);
      const body = Waiver.parse(req.body ?? {});
      const defect = reviewInputOf(r).defects.find((x) => x.key === body.key);
      if (!defect) throw new HttpError(400, 'bad-request');
      const current = d.reviewed!.defects.find((x) => x.key === body.key)!.waiver;
      if (body.revoke && current.state === 'none') throw new HttpError(409, 'not-waived');
      if (!body.revoke && !body.reason) throw new HttpError(400, 'bad-request');
      const reason = body.reason ?? (current.state !== 'none' ? current.waiver.reason : 'false-alarm');
      await store.review.waive({
        agency: d.agency.id,
        runId: d.row.run_id,
        key: defect.key,
        item: defect.item,
        kind: defect.kind,
        url: defect.url,
        evidence: defect.print,
        reason,
        note: body.note,
        expires: body.expires || null,
        by: req.user!.name,
        at: now().toISOString(),
        ...(body.revoke ? { revoke: true } : {}),
      });
      return back(reply, auditUrl(d, defect.item ? `#${encodeURIComponent(defect.item)}` : '#site-defects'));
    }),
  );

  const Signoff = z.object({ step: z.enum(['prepared', 'reviewed', 'approved', 'reopened']), comment: Note });
  app.post('/audit/:agency/:run/signoff', { preHandler: app.csrfProtection }, (req, reply) =>
    serial(async () => {
      const d = await auditOf(req);
      judged(d);
      const body = Signoff.parse(req.body ?? {});
      const role = req.user?.role;
      if (!can(role, body.step === 'approved' ? 'approve' : 'sign')) throw new HttpError(403, 'forbidden');
      const s = d.signoff;
      if (s.frozen) throw new HttpError(409, 'frozen');
      const expected = s.step === 'none' ? 'prepared' : s.step === 'prepared' ? 'reviewed' : 'approved';
      if (body.step === 'reopened' ? !s.locked : body.step !== expected) throw new HttpError(409, 'signoff-order');
      // Each step by another person: who prepared does not review, who reviewed or prepared does not approve.
      if (body.step !== 'reopened' && s.steps.some((x) => x.by === req.user!.name)) throw new HttpError(409, 'signoff-same-person');
      await store.review.signoff({ agency: d.agency.id, runId: d.row.run_id, step: body.step, by: req.user!.name, at: now().toISOString(), comment: body.comment });
      return back(reply, auditUrl(d, '#signoff'));
    }),
  );

  const download = (reply: FastifyReply, d: AuditData, ext: string, type: string, body: string | Buffer) =>
    reply.header('content-disposition', `attachment; filename="oit-${d.agency.id}-${d.row.run_id}${d.signoff.frozen ? '' : '-draft'}.${ext}"`).type(type).send(body);
  app.get('/audit/:agency/:run/itas.csv', async (req, reply) => {
    const d = await auditOf(req);
    judged(d);
    return download(reply, d, 'itas.csv', 'text/csv; charset=utf-8', itasCsv(d, req.lang));
  });
  app.get('/audit/:agency/:run/itas.xlsx', async (req, reply) => {
    const d = await auditOf(req);
    judged(d);
    return download(reply, d, 'itas.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await itasXlsx(d, req.lang));
  });
  app.get('/audit/:agency/:run/report.pdf', async (req, reply) => {
    const d = await auditOf(req);
    judged(d);
    return download(reply, d, 'pdf', 'application/pdf', await (deps.pdf ?? reportPdf)(d, req.lang));
  });
  app.get('/audit/:agency/:run/final.html', async (req, reply) => {
    const d = await auditOf(req);
    judged(d);
    return html(reply.header('content-security-policy', REPORT_CSP), finalReportHtml(d, req.lang));
  });
  app.get('/audit/:agency/:run/shot/:file', async (req, reply) => {
    const d = await auditOf(req);
    const m = /^([A-Za-z0-9_-]{1,20})\.png$/.exec((req.params as { file: string }).file);
    const file = m ? join(d.row.out_dir, 'screenshots', `${m[1]}.png`) : undefined;
    if (!file || !existsSync(file)) throw new HttpError(404, 'not-found');
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(createReadStream(file));
  });

  app.get('/trail', async (req, reply) => {
    const agency = (req.query as Record<string, string | undefined>).agency;
    const a = agency && Id.safeParse(agency).success ? agency : undefined;
    return html(reply, trailPage(await store.review.trail({ ...(a ? { agency: a } : {}), limit: 1000 }), ctxOf(req, reply), a));
  });

  return app;
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
