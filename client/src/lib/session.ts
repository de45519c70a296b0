/**
 * The login session: the JWT and who it names, kept in localStorage until the
 * token's own `exp` passes. Pure helpers (decode, expiry) are separate from the
 * storage so they can be tested in Node.
 */

export type Role = 'ADMIN' | 'OPERATOR' | 'ANALYST' | 'VIEWER';

export interface SessionUser {
  username: string;
  role: Role;
  regionCode: string | null;
}

export interface Session {
  token: string;
  user: SessionUser;
  /** Expiry in ms since the epoch (from the token's `exp`). */
  expiresAt: number;
}

const KEY = 'bansos.session';

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The payload of a JWT (not verified: the server verifies; the client only reads `exp`). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1])) as unknown;
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : null;
  } catch (err) {
    console.warn('Token payload is not JSON:', err);
    return null;
  }
}

/** Expiry of a token in ms since the epoch, or null when it has none or cannot be read. */
export function tokenExpiry(token: string): number | null {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** A session built from a login answer; null when the token carries no expiry. */
export function makeSession(token: string, user: SessionUser): Session | null {
  const expiresAt = tokenExpiry(token);
  return expiresAt === null ? null : { token, user, expiresAt };
}

export function isLive(session: Session | null, now = Date.now()): session is Session {
  return !!session && session.expiresAt > now;
}

export function loadSession(storage: Storage = localStorage, now = Date.now()): Session | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (isLive(s, now) && typeof s.token === 'string' && s.user?.username) return s;
  } catch (err) {
    console.warn('Stored session is unreadable; logging out.', err);
  }
  storage.removeItem(KEY);
  return null;
}

export function saveSession(session: Session | null, storage: Storage = localStorage): void {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}

/** The stored token, if still valid: for fetches outside Apollo (exports, uploads, GraphiQL). */
export function currentToken(): string | null {
  return loadSession()?.token ?? null;
}

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: 'Administrator',
  OPERATOR: 'Operator',
  ANALYST: 'Analis',
  VIEWER: 'Pimpinan (ringkasan)',
};
