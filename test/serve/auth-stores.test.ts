// The sign-in records behind the async interface, on SQLite and on PostgreSQL (skipped when it is down): users added,
// updated, listed in the same order, disabled; changed rights end the user's sessions; sessions expire; the server's
// secret is made once per store. The same calls give the same answers on both.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthApi } from '../../src/serve/auth-api.js';
import { STORES, title, type OpenServe } from '../schedule/stores.js';

const T0 = Date.UTC(2023, 4, 15, 3, 0);
const HOUR = 3600_000;

/** What an administrator and three browsers do; returns everything read back. */
async function day(a: AuthApi) {
  const added = [
    await a.putUser('สมชาย', 'reviewer', 'h1', new Date(T0)),
    await a.putUser('bob', 'viewer', 'h2', new Date(T0 + 1)),
    await a.putUser('Zed', 'approver', 'h3', new Date(T0 + 2)),
    await a.putUser('admin', 'admin', 'h4', new Date(T0 + 3)),
  ];
  await a.setSession('s-bob', { user: 'bob', cookie: { path: '/' } }, T0 + 8 * HOUR, T0);
  await a.setSession('s-zed', { user: 'Zed' }, T0 + 8 * HOUR, T0);
  await a.setSession('s-short', { user: 'admin' }, T0 + HOUR, T0);
  const live = { bob: await a.getSession('s-bob', T0 + HOUR), short: await a.getSession('s-short', T0 + HOUR - 1) };
  // bob's role changes: his sessions end, Zed's stay.
  const updated = await a.putUser('bob', 'reviewer', 'h2b', new Date(T0 + 10));
  const afterUpdate = { bob: await a.getSession('s-bob', T0 + HOUR), zed: await a.getSession('s-zed', T0 + HOUR) };
  const disabled = [await a.disableUser('Zed'), await a.disableUser('nobody')];
  const afterDisable = { zed: await a.getSession('s-zed', T0 + HOUR) };
  return { added, updated, disabled, live, afterUpdate, afterDisable, users: await a.users(), bob: await a.user('bob'), nobody: await a.user('nobody') };
}

const results = new Map<string, Awaited<ReturnType<typeof day>>>();

for (const kind of STORES) {
  describe.skipIf(kind.skip)(title('sign-in records', kind), () => {
    let open: OpenServe | undefined;
    const fresh = async () => (open = await kind.openServe(join(mkdtempSync(join(tmpdir(), 'oit-auth-api-')), 'data')));
    afterEach(async () => {
      await open?.dispose();
      open = undefined;
    });

    it('adds, updates, lists (byte order of names) and disables users; changed rights end their sessions', async () => {
      const got = await day((await fresh()).store.auth);
      results.set(kind.name, got);
      expect(got.added).toEqual(['added', 'added', 'added', 'added']);
      expect(got.updated).toBe('updated');
      expect(got.disabled).toEqual([true, false]);
      // Byte order, as SQLite sorts: capitals, then small letters, then Thai, whatever the database's locale.
      expect(got.users.map((u) => [u.name, u.role, u.disabled])).toEqual([
        ['Zed', 'approver', 1],
        ['admin', 'admin', 0],
        ['bob', 'reviewer', 0],
        ['สมชาย', 'reviewer', 0],
      ]);
      // An update keeps when the user was added.
      expect(got.bob).toEqual({ name: 'bob', role: 'reviewer', hash: 'h2b', created_at: new Date(T0 + 1).toISOString(), disabled: 0 });
      expect(got.nobody).toBeUndefined();
      expect(got.live).toEqual({ bob: { user: 'bob', cookie: { path: '/' } }, short: { user: 'admin' } });
      expect(got.afterUpdate).toEqual({ bob: undefined, zed: { user: 'Zed' } });
      expect(got.afterDisable).toEqual({ zed: undefined });
    });

    it('a disabled user put again is enabled; a session with unreadable data ends with any change of rights', async () => {
      const { store, sql } = await fresh();
      await store.auth.putUser('somchai', 'viewer', 'h', new Date(T0));
      await store.auth.disableUser('somchai');
      expect((await store.auth.user('somchai'))!.disabled).toBe(1);
      await sql(`INSERT INTO sessions (sid, data, expires) VALUES ('broken', 'not json', ${T0 + HOUR})`);
      await store.auth.setSession('other', { user: 'malee' }, T0 + HOUR, T0);
      expect(await store.auth.putUser('somchai', 'approver', 'h2', new Date(T0 + 5))).toBe('updated');
      expect(await store.auth.user('somchai')).toMatchObject({ role: 'approver', disabled: 0, hash: 'h2' });
      // The unreadable session is gone (reading it would throw), the other user's is kept.
      expect(await store.auth.getSession('broken', T0)).toBeUndefined();
      expect(await store.auth.getSession('other', T0)).toEqual({ user: 'malee' });
    });

    it('sessions expire: read at or after their time they are gone, and storing one removes every expired one', async () => {
      const { store } = await fresh();
      const a = store.auth;
      await a.setSession('s1', { user: 'a', n: 1 }, T0 + HOUR, T0);
      await a.setSession('s2', { user: 'b' }, T0 + 2 * HOUR, T0);
      // Rolling: the same id stored again moves its expiry and replaces its data.
      await a.setSession('s1', { user: 'a', n: 2 }, T0 + 3 * HOUR, T0 + 10);
      expect(await a.getSession('s1', T0 + 2 * HOUR)).toEqual({ user: 'a', n: 2 });
      expect(await a.getSession('s2', T0 + 2 * HOUR)).toBeUndefined();
      // Removed when read expired: not back when asked with an earlier clock.
      expect(await a.getSession('s2', T0)).toBeUndefined();
      await a.setSession('s3', { user: 'c' }, T0 + 5 * HOUR, T0);
      await a.setSession('s4', { user: 'd' }, T0 + 10 * HOUR, T0 + 4 * HOUR);
      // s1 expired at T0+3h: storing s4 at T0+4h removed it; s3 is still there.
      expect(await a.getSession('s1', T0)).toBeUndefined();
      expect(await a.getSession('s3', T0)).toEqual({ user: 'c' });
      await a.destroySession('s3');
      expect(await a.getSession('s3', T0)).toBeUndefined();
      expect(await a.getSession('never', T0)).toBeUndefined();
    });

    it('the cookie secret is made once per store and survives reopening it', async () => {
      const { store, again } = await fresh();
      const first = await store.auth.secret();
      expect(first).toMatch(/^[\w-]{64}$/);
      expect(await store.auth.secret()).toBe(first);
      const second = await again();
      try {
        expect(await second.auth.secret()).toBe(first);
      } finally {
        await second.close();
      }
    });
  });
}

const both = STORES.every((k) => !k.skip);
describe.skipIf(!both)(`sign-in records: the same on both stores${both ? '' : ' [PostgreSQL not reachable: skipped]'}`, () => {
  it('gives identical answers for the same calls', () => {
    expect(results.get('SQLite')).toBeDefined();
    expect(results.get('PostgreSQL')).toBeDefined();
    expect(results.get('PostgreSQL')).toEqual(results.get('SQLite'));
  });
});
