// Passwords and roles: scrypt (memory-hard, from node:crypto) with a per-user salt; what each role may do.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const ROLES = ['viewer', 'reviewer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a request may do; each role may do what the roles before it may. */
export type Permission = 'view' | 'review' | 'run' | 'sign' | 'approve';

const NEEDS: Record<Permission, Role> = {
  view: 'viewer',
  // Verdicts, waivers, "run now", preparing and reviewing a sign-off.
  review: 'reviewer',
  run: 'reviewer',
  sign: 'reviewer',
  approve: 'approver',
};

export const can = (role: Role | undefined, p: Permission): boolean => role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(NEEDS[p]);

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/**
 * N = 2^15, r = 8: 32 MiB and about 0.1 s per hash on this project's machine, the cost OWASP suggests for scrypt;
 * the parameters are stored with each hash, so they can be raised later without locking anyone out.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const maxmem = (n: number, r: number) => 128 * n * r * 2;

/** `scrypt$N$r$p$salt$hash` (base64url): the format keeps its own parameters. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: maxmem(Number(n), Number(r)) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password a user may choose: long enough to resist guessing at scrypt's cost. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'the password must have at least 10 characters';
  if (password.length > 1024) return 'the password is too long';
  return undefined;
}

/** Verifying against this when the user does not exist keeps the time of a failed login the same. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
