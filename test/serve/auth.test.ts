// Passwords (scrypt), roles, and `oit users` as an administrator runs it (the built CLI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/schedule/store.js';
import { can, hashPassword, ROLES, verifyPassword, type Permission } from '../../src/serve/auth.js';
import { AuthStore } from '../../src/serve/store-auth.js';

describe('passwords and roles', () => {
  it('hashes with scrypt and a per-user salt; verifies only the right password', async () => {
    const a = await hashPassword('รหัสผ่านยาวพอ 2566');
    const b = await hashPassword('รหัสผ่านยาวพอ 2566');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('รหัสผ่านยาวพอ 2566', a)).toBe(true);
    expect(await verifyPassword('รหัสผ่านยาวพอ 2565', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('each role may do what the roles before it may', () => {
    const table = Object.fromEntries(ROLES.map((r) => [r, (['view', 'review', 'run', 'sign', 'approve'] as Permission[]).filter((p) => can(r, p))]));
    expect(table).toEqual({
      viewer: ['view'],
      reviewer: ['view', 'review', 'run', 'sign'],
      approver: ['view', 'review', 'run', 'sign', 'approve'],
      admin: ['view', 'review', 'run', 'sign', 'approve'],
    });
    expect(can(undefined, 'view')).toBe(false);
  });
});

describe('oit users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oit-users-'));
  writeFileSync(join(dir, 'oit.config.yaml'), 'agencies:\n  - id: demo\n    name: ทดสอบ\n    url: http://127.0.0.1:9/\nstore: ./data\n');
  const oit = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
    spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'users', ...args, '--config', 'oit.config.yaml'], { cwd: dir, encoding: 'utf8', input: opts.input ?? '', env: { ...process.env, OIT_PASSWORD: '', ...opts.env } });

  it('adds users with the password from OIT_PASSWORD or standard input, lists and disables them', async () => {
    expect(oit(['add', 'admin', '--role', 'admin'], { env: { OIT_PASSWORD: 'first admin password' } }).status).toBe(0);
    expect(oit(['add', 'สมชาย', '--role', 'reviewer'], { input: 'another long password\n' }).status).toBe(0);
    const list = oit(['list']);
    expect(list.stdout).toMatch(/^admin\tadmin\t/m);
    expect(list.stdout).toMatch(/^สมชาย\treviewer\t/m);
    expect(oit(['disable', 'สมชาย']).status).toBe(0);
    expect(oit(['list']).stdout).toMatch(/^สมชาย\treviewer\t.*\t(ระงับ|disabled)$/m);
    const store = new HistoryStore(join(dir, 'data'));
    const auth = new AuthStore(store.db);
    expect(await verifyPassword('first admin password', auth.user('admin')!.hash)).toBe(true);
    expect(await verifyPassword('another long password', auth.user('สมชาย')!.hash)).toBe(true);
    expect(store.review.trail().map((t) => t.action)).toEqual(['user-disabled', 'user-added', 'user-added']);
    store.close();
  });

  it('refuses a short password, a missing or unknown role, and a bad name (exit 2)', () => {
    expect(oit(['add', 'bob', '--role', 'viewer'], { input: 'short\n' })).toMatchObject({ status: 2 });
    expect(oit(['add', 'bob'], { input: 'long enough password\n' })).toMatchObject({ status: 2 });
    expect(oit(['add', 'bob', '--role', 'root'], { input: 'long enough password\n' })).toMatchObject({ status: 2 });
    expect(oit(['add', 'a b', '--role', 'viewer'], { input: 'long enough password\n' })).toMatchObject({ status: 2 });
  });
});
