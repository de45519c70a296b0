import type { Role } from '../lib/session';

export interface MenuItem {
  path: string;
  label: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['ADMIN', 'OPERATOR', 'ANALYST', 'VIEWER'];
/** Household-level (personal) data: everyone but VIEWER (server: canSeeHouseholds). */
const PERSONAL: readonly Role[] = ['ADMIN', 'OPERATOR', 'ANALYST'];
/** Writes: ADMIN and OPERATOR (server: canWrite). */
const WRITERS: readonly Role[] = ['ADMIN', 'OPERATOR'];

export const MENU: readonly MenuItem[] = [
  { path: '/peta', label: 'Peta Cakupan', roles: ALL },
  { path: '/anggaran', label: 'Realisasi Anggaran', roles: ALL },
  { path: '/keluarga', label: 'Data Keluarga', roles: PERSONAL },
  { path: '/kualitas', label: 'Kualitas Data', roles: PERSONAL },
  { path: '/impor', label: 'Impor Data', roles: WRITERS },
  { path: '/rakorev', label: 'Mode Rakorev', roles: ALL },
  { path: '/graphiql', label: 'GraphiQL', roles: ['ADMIN', 'ANALYST'] },
];

/** The menu a role sees. */
export function menuFor(role: Role): MenuItem[] {
  return MENU.filter((m) => m.roles.includes(role));
}

/** May this role open the page at `path`? (Deep links to a hidden page say so instead of failing later.) */
export function canOpen(role: Role, path: string): boolean {
  const item = MENU.find((m) => path === m.path || path.startsWith(m.path + '/'));
  return !item || item.roles.includes(role);
}
