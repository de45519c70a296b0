import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from './user.entity';
import { checkCredentials, issueToken } from './auth.service';
import { LOGIN_LIMITS, loginBlockedError, loginLimitState, recordLoginAttempt } from './login-limit';
import { audit, AuditAction } from '../audit/audit.service';
import { unauthenticated } from '../../graphql/errors';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
}

/**
 * Checks a login against the throttle, then the password; records the
 * attempt and audits it. Unknown user and wrong password get the same
 * message and take the same time, so accounts cannot be discovered.
 */
export async function login(
  em: EntityManager,
  opts: { jwtSecret: string | undefined; tokenTtlSeconds: number },
  input: LoginInput,
): Promise<{ token: string; user: User }> {
  const { username, password, ip } = input;
  const name = username.slice(0, 200); // what is stored and logged; the lookup uses the exact string
  const limit = await loginLimitState(em, name, ip);
  if (limit.blocked) {
    await audit(em, { username: name, action: AuditAction.LOGIN_BLOCKED, detail: { ip, reason: limit.reason, retryAfterSeconds: limit.retryAfterSeconds } });
    throw loginBlockedError(limit.retryAfterSeconds, limit.reason);
  }
  const user = await em.findOne(User, { username });
  const ok = await checkCredentials(user, password);
  if (!ok || !user || user.disabled) {
    await recordLoginAttempt(em, name, ip, 'failed');
    await audit(em, {
      username: name,
      action: AuditAction.LOGIN_FAILED,
      detail: { ip, reason: !user ? 'unknown user' : !ok ? 'wrong password' : 'account disabled' },
    });
    // Only a caller who knows the password learns that the account is disabled.
    if (ok && user?.disabled) throw unauthenticated('This account is disabled: ask an administrator.');
    const left = limit.attemptsLeft - 1;
    throw unauthenticated(
      left > 0
        ? `Wrong username or password (${left} more attempt${left === 1 ? '' : 's'} before logins pause for ${LOGIN_LIMITS.windowSeconds / 60} minutes).`
        : `Wrong username or password; logins now pause for ${LOGIN_LIMITS.windowSeconds / 60} minutes.`,
    );
  }
  await recordLoginAttempt(em, name, ip, 'ok');
  user.lastLoginAt = new Date();
  await em.flush();
  await audit(em, { username: user.username, action: AuditAction.LOGIN, detail: { ip } });
  return { token: await issueToken(em, opts.jwtSecret, user, opts.tokenTtlSeconds), user };
}
