import { Role } from './user.entity';
import type { AuthUser } from './auth.types';
import { forbidden } from '../../graphql/errors';
import { dot, undot } from '../regions/region-data';

/**
 * Access rules in one place (contract §5):
 * ADMIN everything; OPERATOR writes and sees full NIKs within their region;
 * ANALYST reads everything with NIKs masked; VIEWER aggregates only.
 */

/** Is the (undotted) region code inside the user's region? Users without a region see everywhere. */
export function inRegion(user: AuthUser, code: string | null | undefined): boolean {
  if (!user.regionCode) return true;
  if (!code) return false;
  return undot(code).startsWith(user.regionCode);
}

/** 7501011204850001 → 750101********01 (first six and last two digits kept). */
export function maskNikValue(nik: string): string {
  if (nik.length <= 8) return '*'.repeat(nik.length);
  return nik.slice(0, 6) + '*'.repeat(nik.length - 8) + nik.slice(-2);
}

/** A NIK / No. KK as this user may see it, for a record placed in `regionCode` (undotted desa code). */
export function maskNik(user: AuthUser, nik: string | null | undefined, regionCode: string | null | undefined): string | null {
  if (nik == null) return null;
  if (user.role === Role.ADMIN) return nik;
  if (user.role === Role.OPERATOR && inRegion(user, regionCode)) return nik;
  return maskNikValue(nik);
}

/** Household-level (personal) data: everyone but VIEWER. */
export function canSeeHouseholds(user: AuthUser): boolean {
  return user.role !== Role.VIEWER;
}

export function assertCanSeeHouseholds(user: AuthUser): void {
  if (!canSeeHouseholds(user)) throw forbidden('Role VIEWER sees aggregates only, not household-level data.');
}

/** Writes (imports, workflow changes): ADMIN anywhere, OPERATOR inside their region. */
export function canWrite(user: AuthUser, regionCode?: string | null): boolean {
  if (user.role === Role.ADMIN) return true;
  if (user.role !== Role.OPERATOR) return false;
  return regionCode === undefined ? true : inRegion(user, regionCode);
}

export function assertCanWrite(user: AuthUser, regionCode?: string | null): void {
  if (canWrite(user, regionCode)) return;
  if (user.role !== Role.ADMIN && user.role !== Role.OPERATOR) throw forbidden(`Role ${user.role} may not change data.`);
  throw forbidden(`Region ${regionCode ? dot(regionCode) : '?'} is outside your region ${dot(user.regionCode ?? '')}.`);
}
