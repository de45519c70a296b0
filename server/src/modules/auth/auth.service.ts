import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, User } from './user.entity';
import type { AuthUser } from './auth.types';

const BCRYPT_ROUNDS = 10;

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** The signing secret lives in the database, so every process on it (portal, CLI) agrees. */
export async function getJwtSecret(em: EntityManager, override?: string): Promise<Uint8Array> {
  if (override) return new TextEncoder().encode(override);
  const fresh = crypto.randomBytes(32).toString('base64url');
  await em.execute(`insert into app_setting (key, value) values ('jwt_secret', ?) on conflict (key) do nothing`, [fresh]);
  const rows = await em.execute<{ value: string }[]>(`select value from app_setting where key = 'jwt_secret'`);
  return new TextEncoder().encode(rows[0].value);
}

export async function signToken(secret: Uint8Array, user: AuthUser, ttlSeconds: number): Promise<string> {
  return new SignJWT({ role: user.role, region: user.regionCode, uid: user.id })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.username)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(secret);
}

export type TokenCheck = { ok: true; username: string } | { ok: false; reason: string };

export async function readToken(secret: Uint8Array, token: string): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    if (!payload.sub) return { ok: false, reason: 'The token names no user.' };
    return { ok: true, username: payload.sub };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'The token has expired: log in again.' };
    return { ok: false, reason: 'The token is not valid: log in again.' };
  }
}

export function toAuthUser(u: User): AuthUser {
  return { id: u.id, username: u.username, role: u.role, regionCode: u.regionCode ?? null };
}

/**
 * Creates the admin account at first start. With ADMIN_PASSWORD it uses that;
 * otherwise a random password, printed once and written to DATA_DIR/admin-password.txt.
 */
export async function ensureAdmin(
  em: EntityManager,
  opts: { adminPassword?: string; dataDir: string; log?: (msg: string) => void },
): Promise<{ created: boolean; password?: string; passwordFile?: string }> {
  const existing = await em.findOne(User, { username: 'admin' });
  if (existing) return { created: false };
  const password = opts.adminPassword ?? crypto.randomBytes(12).toString('base64url');
  const user = em.create(User, {
    username: 'admin',
    passwordHash: await hashPassword(password),
    role: Role.ADMIN,
    regionCode: null,
    disabled: false,
    createdAt: new Date(),
  });
  await em.persistAndFlush(user);
  let passwordFile: string | undefined;
  if (!opts.adminPassword) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    passwordFile = path.join(opts.dataDir, 'admin-password.txt');
    fs.writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
  }
  return { created: true, password: opts.adminPassword ? undefined : password, passwordFile };
}
