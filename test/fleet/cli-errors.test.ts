// A store or a queue that does not answer: one line naming the setting and the server (no password), exit 75, at
// once — never a stack trace, never a hang. Needs no running service: it points at ports where nothing listens.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oitDone } from './services.js';

const write = (text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'oit-svc-')), 'oit.config.yaml');
  writeFileSync(f, `agencies:\n  - id: a\n    name: อบต.ก\n    url: http://127.0.0.1:9/\n${text}`);
  return f;
};

describe('services that do not answer', () => {
  it('the queue: oit queue status, oit run --once and oit worker', { timeout: 60_000 }, async () => {
    const cfg = write('queue: redis://:secret-pass@127.0.0.1:1\n');
    for (const args of [['queue', 'status'], ['run', '--once'], ['worker', '--exit-when-idle']]) {
      const t0 = Date.now();
      const r = await oitDone([...args, '--config', cfg]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(75);
      expect(r.stderr).toMatch(/^oit: .*a service did not answer: queue \(redis:\/\/:\*\*\*@127\.0\.0\.1:1\): .*ECONNREFUSED/);
      expect(r.stderr).not.toContain('secret-pass');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(Date.now() - t0).toBeLessThan(20_000);
    }
  });

  it('the PostgreSQL store: oit run and oit history', { timeout: 60_000 }, async () => {
    const cfg = write('store: postgres://oit:secret-pass@127.0.0.1:1/oit\n');
    for (const args of [['run'], ['history', 'a'], ['store', 'migrate']]) {
      const r = await oitDone([...args, '--config', cfg]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(75);
      expect(r.stderr).toMatch(/a service did not answer: store \(postgres:\/\/oit:\*\*\*@127\.0\.0\.1:1\/oit\): .*ECONNREFUSED/);
      expect(r.stderr).not.toContain('secret-pass');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a config with no queue: oit worker says what to add', async () => {
    const r = await oitDone(['worker', '--config', write('')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no "queue:" in this config/);
  });
});
