// The web app's fleet page shows the queue when the config has one: counts per cycle and the workers connected; a
// Redis that does not answer is said on the page, which still renders.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueCycle, withQueue } from '../../src/fleet/queue.js';
import { ConfigSchema, type Config } from '../../src/schedule/config.js';
import { HistoryStore } from '../../src/schedule/store.js';
import { hashPassword } from '../../src/serve/auth.js';
import { Jobs } from '../../src/serve/jobs.js';
import { sqliteServeStore } from '../../src/serve/serve-store.js';
import { buildServer } from '../../src/serve/server.js';
import { AuthStore } from '../../src/serve/store-auth.js';
import { REDIS_SKIP, REDIS_URL, scratchQueue } from './services.js';

const PASSWORD = 'correct horse battery';

describe.skipIf(REDIS_SKIP)(`the queue on the fleet page${REDIS_SKIP ? ` [${REDIS_SKIP}]` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'oit-serve-queue-'));
  const q = scratchQueue('serve');
  let store: HistoryStore;
  let app: FastifyInstance;
  let queueUrl = REDIS_URL;

  const config = (): Config => ({
    ...ConfigSchema.parse({
      agencies: ['a', 'b', 'c'].map((id) => ({ id, name: `อบต.${id}`, url: `http://${id}.oit.test/`, rules: 'ita-2566' })),
      queue: { url: queueUrl, name: q.name },
    }),
    file: join(dir, 'oit.config.yaml'),
    dir,
  });

  beforeAll(async () => {
    store = new HistoryStore(join(dir, 'data'));
    new AuthStore(store.db).putUser('viewer1', 'viewer', await hashPassword(PASSWORD), new Date());
    app = await buildServer({ config, store: sqliteServeStore(store), jobs: new Jobs(() => ({ stop() {} })) });
  });
  afterAll(async () => {
    await app?.close();
    store?.close();
    await q.clean();
  });

  async function fleetPage(lang: 'th' | 'en'): Promise<{ status: number; body: string }> {
    const login = await app.inject({ method: 'GET', url: '/login' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const signed = await app.inject({ method: 'POST', url: '/login', payload: new URLSearchParams({ _csrf: csrf, name: 'viewer1', password: PASSWORD }).toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    // The session id is new at sign-in: the later cookie of a name wins.
    const jar = new Map([...login.cookies, ...signed.cookies].map((c) => [c.name, c.value]));
    const session = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const page = await app.inject({ method: 'GET', url: `/?lang=${lang}`, headers: { cookie: session, 'accept-language': lang } });
    return { status: page.statusCode, body: page.body };
  }

  it('shows waiting jobs per cycle; then says when Redis does not answer', { timeout: 30_000 }, async () => {
    await withQueue(config().queue!, (queue) => enqueueCycle(queue, 'c2026-11-26', ['a', 'b', 'c']));
    const page = await fleetPage('en');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Job queue (${q.name})`);
    const row = /<tr><td data-label="Cycle">c2026-11-26<\/td>(.*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    expect([...row.matchAll(/data-label="([^"]+)" class="num">(\d+)</g)].map((m) => `${m[1]}=${m[2]}`)).toEqual(['Waiting=3', 'Auditing=0', 'Done=0', 'Failed=0', 'Retrying later=0']);
    expect(page.body).toContain('0 workers connected');

    // Nothing listens on port 1: the page renders and says why the queue is missing.
    queueUrl = 'redis://127.0.0.1:1';
    await new Promise((r) => setTimeout(r, 5100));
    const t0 = Date.now();
    const down = await fleetPage('en');
    expect(down.status).toBe(200);
    expect(down.body).toContain('The queue cannot be read');
    expect(down.body).toContain('อบต.a');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
