import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, User } from './user.entity';
import type { AuthUser } from './auth.types';

const BCRYPT_ROUNDS = 10;

/**
 * A bcrypt hash of a random string nobody knows. Login compares against it
 * when the username does not exist, so a wrong username takes as long as a
 * wrong password and response times do not reveal which accounts exist.
 */
const UNKNOWN_USER_HASH = '$2b$10$RhJGuMq0vmz6iUBsdZO0W.aPEIxfJ22OIowP4hyOcIHhYXtxTL9HK';

/** bcrypt reads only the first 72 bytes; longer passwords would be silently cut. */
const PASSWORD_MAX_BYTES = 72;
const PASSWORD_MIN_CHARS = 8;

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_CHARS) return `The password must have at least ${PASSWORD_MIN_CHARS} characters.`;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return `The password may have at most ${PASSWORD_MAX_BYTES} bytes.`;
  if (username && password.toLowerCase() === username.toLowerCase()) return 'The password may not be the username.';
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Checks a login's password; for an unknown user it spends the same time and fails. */
export async function checkCredentials(user: User | null, password: string): Promise<boolean> {
  const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  return ok && user !== null;
}

/** The signing secret lives in the database, so every process on it (portal, CLI) agrees. */
export async function getJwtSecret(em: EntityManager, override?: string): Promise<Uint8Array> {
  if (override) return new TextEncoder().encode(override);
  // Read first: this runs on every authenticated request, and the write is needed only once per database.
  let rows = await em.execute<{ value: string }[]>(`select value from app_setting where key = 'jwt_secret'`);
  if (!rows.length) {
    const fresh = crypto.randomBytes(32).toString('base64url');
    await em.execute(`insert into app_setting (key, value) values ('jwt_secret', ?) on conflict (key) do nothing`, [fresh]);
    rows = await em.execute<{ value: string }[]>(`select value from app_setting where key = 'jwt_secret'`);
  }
  return new TextEncoder().encode(rows[0].value);
}

/**
 * Signs a token for the user. `tokenVersion` (claim `tv`) must equal the
 * user's current app_user.token_version for the token to be accepted.
 */
export async function signToken(
  secret: Uint8Array,
  user: AuthUser & { tokenVersion?: number },
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ role: user.role, region: user.regionCode, uid: user.id, tv: user.tokenVersion ?? 0 })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.username)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(secret);
}

export type TokenCheck = { ok: true; username: string; tokenVersion: number } | { ok: false; reason: string };

export async function readToken(secret: Uint8Array, token: string): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
    if (!payload.sub) return { ok: false, reason: 'The token names no user.' };
    const tv = typeof payload.tv === 'number' ? payload.tv : 0;
    return { ok: true, username: payload.sub, tokenVersion: tv };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'The token has expired: log in again.' };
    return { ok: false, reason: 'The token is not valid: log in again.' };
  }
}

export function toAuthUser(u: User): AuthUser {
  return { id: u.id, username: u.username, role: u.role, regionCode: u.regionCode ?? null };
}

/** A fresh token for the user at their current token version. */
export async function issueToken(em: EntityManager, jwtSecretOverride: string | undefined, user: User, ttlSeconds: number): Promise<string> {
  const secret = await getJwtSecret(em, jwtSecretOverride);
  return signToken(secret, { ...toAuthUser(user), tokenVersion: user.tokenVersion }, ttlSeconds);
}

export type BearerCheck = { user: AuthUser; error: null } | { user: null; error: string };

/**
 * Resolves an Authorization header: no header = anonymous (error null),
 * otherwise the user or why not. Shared by GraphQL and every HTTP route.
 */
export async function authenticateHeader(
  em: EntityManager,
  jwtSecret: string | undefined | Uint8Array,
  header: string | undefined,
): Promise<{ user: AuthUser | null; error: string | null }> {
  if (!header) return { user: null, error: null };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m || m[1].length > 4096) return { user: null, error: 'The Authorization header must be "Bearer <token>".' };
  return userForToken(em, jwtSecret, m[1]);
}

/**
 * Resolves a bearer token to the user as stored now: a disabled account, a
 * deleted one, or a token older than the last password change/reset is refused,
 * and the role and region come from the database, not from the token.
 * `jwtSecret`: the JWT_SECRET override (string or undefined: read from the
 * database) or the secret itself, when the caller keeps it.
 */
export async function userForToken(em: EntityManager, jwtSecret: string | undefined | Uint8Array, token: string): Promise<BearerCheck> {
  const secret = jwtSecret instanceof Uint8Array ? jwtSecret : await getJwtSecret(em, jwtSecret);
  const check = await readToken(secret, token);
  if (!check.ok) return { user: null, error: check.reason };
  const user = await em.findOne(User, { username: check.username });
  if (!user || user.disabled) return { user: null, error: 'The account of this token no longer exists or is disabled.' };
  if (user.tokenVersion !== check.tokenVersion) {
    return { user: null, error: 'The token was revoked (the password was changed or reset, or the account was disabled, after it was issued): log in again.' };
  }
  return { user: toAuthUser(user), error: null };
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
