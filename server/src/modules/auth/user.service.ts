import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, User } from './user.entity';
import type { AuthUser } from './auth.types';
import { hashPassword, passwordProblem, verifyPassword } from './auth.service';
import { audit, AuditAction } from '../audit/audit.service';
import { loginBlockedError, loginLimitState, recordLoginAttempt } from './login-limit';
import { badInput } from '../../graphql/errors';
import { dot } from '../regions/region-data';
import { parseRegionCode } from '../regions/region.service';

/**
 * User administration (ADMIN) and a user's own password. Every change is
 * audited in the same transaction as the change itself.
 */

const USERNAME_RE = /^[a-zA-Z0-9._-]{3,64}$/;

async function checkedRegion(em: EntityManager, regionCode: string | null | undefined): Promise<string | null> {
  if (regionCode == null || regionCode === '') return null;
  const region = parseRegionCode(regionCode, 'regionCode');
  const found = await em.execute(`select 1 from region where code = ?`, [region]);
  if (!found.length) throw badInput(`regionCode: region ${dot(region)} is not known to the portal.`, { argumentName: 'regionCode' });
  return region;
}

function checkRoleRegion(role: Role, region: string | null): void {
  if (role === Role.OPERATOR && !region) throw badInput('An OPERATOR needs a regionCode (the region they may write in).');
}

async function findUser(em: EntityManager, username: string): Promise<User> {
  const u = await em.findOne(User, { username });
  if (!u) throw badInput(`username: there is no user "${username.slice(0, 64)}".`, { argumentName: 'username' });
  return u;
}

/** Refuses a change that would leave no enabled ADMIN (nobody could administer the portal any more). */
async function keepAnAdmin(em: EntityManager, target: User, what: string): Promise<void> {
  if (target.role !== Role.ADMIN || target.disabled) return;
  const others = await em.count(User, { role: Role.ADMIN, disabled: false, id: { $ne: target.id } });
  if (others === 0) throw badInput(`${what} would leave the portal without an enabled ADMIN; make another user ADMIN first.`);
}

export async function createUser(
  em: EntityManager,
  actor: AuthUser,
  input: { username: string; password: string; role: Role; regionCode?: string | null },
): Promise<User> {
  const { username, password, role } = input;
  if (!USERNAME_RE.test(username)) throw badInput(`username "${username.slice(0, 64)}" must be 3–64 letters, digits, dots, dashes or underscores.`);
  const problem = passwordProblem(password, username);
  if (problem) throw badInput(`password: ${problem}`);
  return em.transactional(async (tx) => {
    if (await tx.findOne(User, { username })) throw badInput(`username "${username}" is taken.`);
    const region = await checkedRegion(tx, input.regionCode);
    checkRoleRegion(role, region);
    const u = tx.create(User, {
      username,
      passwordHash: await hashPassword(password),
      role,
      regionCode: region,
      disabled: false,
      createdAt: new Date(),
      tokenVersion: 0,
    });
    await tx.flush();
    await audit(tx, { username: actor.username, action: AuditAction.USER_CREATED, detail: { username, role, regionCode: region && dot(region) } });
    return u;
  });
}

/** `regionCode`: undefined leaves it, null or '' clears it (everywhere), a code sets it. */
export async function updateUser(
  em: EntityManager,
  actor: AuthUser,
  username: string,
  change: { role?: Role | null; regionCode?: string | null },
): Promise<User> {
  return em.transactional(async (tx) => {
    const u = await findUser(tx, username);
    const role = change.role ?? u.role;
    const region = change.regionCode === undefined ? (u.regionCode ?? null) : await checkedRegion(tx, change.regionCode);
    checkRoleRegion(role, region);
    if (role !== Role.ADMIN) await keepAnAdmin(tx, u, `Changing the role of ${username} to ${role}`);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (role !== u.role) changes.role = { from: u.role, to: role };
    if (region !== (u.regionCode ?? null)) changes.regionCode = { from: u.regionCode ? dot(u.regionCode) : null, to: region && dot(region) };
    u.role = role;
    u.regionCode = region;
    u.updatedAt = new Date();
    await tx.flush();
    await audit(tx, { username: actor.username, action: AuditAction.USER_UPDATED, detail: { username, changes } });
    return u;
  });
}

/** Disabling also revokes the user's tokens, so enabling later does not bring old tokens back. */
export async function setUserDisabled(em: EntityManager, actor: AuthUser, username: string, disabled: boolean): Promise<User> {
  return em.transactional(async (tx) => {
    const u = await findUser(tx, username);
    if (disabled) await keepAnAdmin(tx, u, `Disabling ${username}`);
    if (u.disabled !== disabled) {
      u.disabled = disabled;
      if (disabled) u.tokenVersion += 1;
      u.updatedAt = new Date();
      await tx.flush();
    }
    await audit(tx, { username: actor.username, action: disabled ? AuditAction.USER_DISABLED : AuditAction.USER_ENABLED, detail: { username } });
    return u;
  });
}

/** An admin sets a new password for someone; all their tokens stop working. */
export async function resetPassword(em: EntityManager, actor: AuthUser, username: string, newPassword: string): Promise<User> {
  const problem = passwordProblem(newPassword, username);
  if (problem) throw badInput(`newPassword: ${problem}`);
  return em.transactional(async (tx) => {
    const u = await findUser(tx, username);
    u.passwordHash = await hashPassword(newPassword);
    u.tokenVersion += 1;
    u.updatedAt = new Date();
    await tx.flush();
    await audit(tx, { username: actor.username, action: AuditAction.PASSWORD_RESET, detail: { username } });
    return u;
  });
}

/**
 * A user changes their own password; their other tokens stop working (the
 * caller gets a new one). A wrong current password counts as a failed login,
 * so a stolen token cannot be used to guess the password without limit.
 */
export async function changeOwnPassword(
  em: EntityManager,
  actor: AuthUser,
  ip: string,
  oldPassword: string,
  newPassword: string,
): Promise<User> {
  const limit = await loginLimitState(em, actor.username, ip);
  if (limit.blocked) throw loginBlockedError(limit.retryAfterSeconds, limit.reason);
  const current = await findUser(em, actor.username);
  if (!(await verifyPassword(oldPassword, current.passwordHash))) {
    await recordLoginAttempt(em, actor.username, ip, 'failed');
    throw badInput('oldPassword: the current password is wrong.', { argumentName: 'oldPassword' });
  }
  const problem = passwordProblem(newPassword, current.username);
  if (problem) throw badInput(`newPassword: ${problem}`);
  if (oldPassword === newPassword) throw badInput('newPassword: the new password must differ from the current one.');
  const hash = await hashPassword(newPassword);
  return em.transactional(async (tx) => {
    const u = await findUser(tx, actor.username);
    u.passwordHash = hash;
    u.tokenVersion += 1;
    u.updatedAt = new Date();
    await tx.flush();
    await audit(tx, { username: u.username, action: AuditAction.PASSWORD_CHANGED, detail: { ip } });
    return u;
  });
}

export async function listUsers(em: EntityManager): Promise<User[]> {
  return em.find(User, {}, { orderBy: { username: 'asc' } });
}
