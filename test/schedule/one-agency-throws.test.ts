// One agency throwing anywhere in its audit never stops the others, the run, or the scheduler's next tick.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit.js';
import { loadConfig } from '../../src/schedule/config.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { runOnce } from '../../src/schedule/worker.js';
import { html, send, serve, type Fixture } from '../fixtures/server.js';
import { STORES, title } from './stores.js';

let site: Fixture;
beforeAll(async () => {
  site = await serve({ '/': (_q, r) => send(r, 200, html('องค์การบริหารส่วนตำบลทดสอบ', '<a href="/news.html">ข่าว</a>')), '/news.html': (_q, r) => send(r, 200, html('ข่าว', '<p>1 มกราคม 2566</p>')) });
});
afterAll(() => site.close());

for (const kind of STORES)
describe.skipIf(kind.skip)(title('an agency that throws', kind), () => {
  it('fails alone: the other agency is audited, the run ends, and the scheduler ticks again', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oit-throw-'));
    writeFileSync(join(dir, 'oit.config.yaml'), `agencies:\n  - id: broken\n    name: อบต.พัง\n    url: ${site.url}\n  - id: fine\n    name: อบต.ปกติ\n    url: ${site.url}\ncollector:\n  render: never\nstore: ./data\n`);
    const config = loadConfig(join(dir, 'oit.config.yaml'));
    const { store, dispose } = await kind.open(join(dir, 'data'));
    // The throw comes from deep inside the pipeline, for one agency only.
    const audit: typeof runAudit = (input, deps) => (input.agency === 'อบต.พัง' ? Promise.reject(new Error('boom: a parser bug')) : runAudit(input, deps));
    try {
      const s = await runOnce(config, store, { audit });
      const by = Object.fromEntries(s.agencies.map((a) => [a.id, a]));
      expect(by.broken).toMatchObject({ stage: 'failed', error: 'boom: a parser bug' });
      expect(by.fine!.stage).toBe('alerted');
      expect(await store.lastCompleted()).toBeDefined();

      // The scheduler survives a run that throws outright, and runs again on its next tick.
      let calls = 0;
      const scheduler = new Scheduler(config, {
        run: async () => {
          calls++;
          if (calls === 1) throw new Error('the whole run threw');
          return runOnce(config, store, { audit });
        },
        lastCompleted: () => undefined,
        now: () => new Date(),
      });
      await scheduler.tick();
      await scheduler.tick();
      await scheduler.stop();
      expect(calls).toBe(2);
    } finally {
      await dispose();
    }
  });
});
