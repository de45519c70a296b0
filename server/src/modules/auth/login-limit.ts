import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { rateLimited } from '../../graphql/errors';

/**
 * Login throttling. Failed attempts are rows in login_attempt (not process
 * memory), so the limit holds across several portal processes, the CLI and
 * restarts. Per username it stops password guessing against one account; per
 * address it stops one machine from trying many accounts. The per-address
 * limit is higher because an office behind one NAT address shares it.
 */
export const LOGIN_LIMITS = {
  windowSeconds: 15 * 60,
  perUsername: 5,
  perIp: 20,
  /** Attempts older than this are deleted (the window only needs minutes). */
  keepSeconds: 24 * 3600,
} as const;

/** Refused (blocked) attempts are not stored here: they go to the audit log only, and do not extend the pause. */
export type LoginOutcome = 'ok' | 'failed';

export interface LoginLimitState {
  blocked: boolean;
  /** Which limit was reached, for the message and the audit log. */
  reason: 'username' | 'address' | null;
  retryAfterSeconds: number;
  /** Failures left for this username before it is paused (at least 0). */
  attemptsLeft: number;
}

interface Row {
  user_failures: number;
  user_retry_seconds: number | null;
  ip_failures: number;
  ip_retry_seconds: number | null;
}

export async function loginLimitState(em: EntityManager, username: string, ip: string): Promise<LoginLimitState> {
  const [row] = await runSql<Row>(em, sqlFile(import.meta.dirname + '/sql', 'login-limit'), {
    username,
    ip,
    window: LOGIN_LIMITS.windowSeconds,
    perUser: LOGIN_LIMITS.perUsername,
    perIp: LOGIN_LIMITS.perIp,
  });
  const userBlocked = row.user_failures >= LOGIN_LIMITS.perUsername;
  const ipBlocked = row.ip_failures >= LOGIN_LIMITS.perIp;
  const retry = Math.max(userBlocked ? (row.user_retry_seconds ?? 1) : 0, ipBlocked ? (row.ip_retry_seconds ?? 1) : 0);
  return {
    blocked: userBlocked || ipBlocked,
    reason: userBlocked ? 'username' : ipBlocked ? 'address' : null,
    retryAfterSeconds: retry,
    attemptsLeft: Math.max(0, Math.min(LOGIN_LIMITS.perUsername - row.user_failures, LOGIN_LIMITS.perIp - row.ip_failures)),
  };
}

export async function recordLoginAttempt(em: EntityManager, username: string, ip: string, outcome: LoginOutcome): Promise<void> {
  await em.execute(`insert into login_attempt (username, ip, outcome) values (?, ?, ?)`, [username, ip, outcome]);
  // Housekeeping with each stored attempt: the table only ever holds about a day of logins.
  await em.execute(`delete from login_attempt where at < now() - make_interval(secs => ?)`, [LOGIN_LIMITS.keepSeconds]);
}

/** The error for a paused login, with the wait in minutes and seconds. */
export function loginBlockedError(retryAfterSeconds: number, reason: LoginLimitState['reason'] = null) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const which = reason === 'address' ? ' from this address' : reason === 'username' ? ' for this username' : '';
  return rateLimited(
    `Too many failed logins${which} (${reason === 'address' ? LOGIN_LIMITS.perIp : LOGIN_LIMITS.perUsername} in ` +
      `${LOGIN_LIMITS.windowSeconds / 60} minutes): try again in ${minutes} minute${minutes === 1 ? '' : 's'} (${retryAfterSeconds} s).`,
    retryAfterSeconds,
  );
}
