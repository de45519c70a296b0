import type { Role } from './user.entity';

/** The caller, as resolved from the bearer token. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  /** Undotted region code the user is limited to (OPERATOR); null = everywhere. */
  regionCode: string | null;
}
