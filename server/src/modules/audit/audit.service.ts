import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection';
import { badInput } from '../../graphql/errors';

/**
 * Action names used in the audit log. Modules may add their own (lowercase
 * snake_case, a dot before a sub-kind: import.landed); these are the ones admins filter on.
 */
export const AuditAction = {
  LOGIN: 'login',
  LOGIN_FAILED: 'login_failed',
  LOGIN_BLOCKED: 'login_blocked',
  USER_CREATED: 'user_created',
  USER_UPDATED: 'user_updated',
  USER_DISABLED: 'user_disabled',
  USER_ENABLED: 'user_enabled',
  PASSWORD_RESET: 'password_reset',
  PASSWORD_CHANGED: 'password_changed',
  /** Imports are logged as import.<status> (import.landed, import.refused, …); filter on "import" finds them all. */
  IMPORT: 'import',
  /** detail: { list, format, filter, rows, niks } — who exported which list and how many NIKs */
  EXPORT: 'export',
  /** detail: { entity, id, from, to, note } */
  WORKFLOW_TRANSITION: 'workflow_transition',
} as const;

export interface AuditEntryInput {
  /** Who did it (null for the system, e.g. a CLI import without a user). */
  username: string | null;
  action: string;
  /** What exactly: JSON, no passwords or tokens; NIKs only as counts or masked. */
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log. Pass the transaction's EntityManager
 * when the audited change runs in one, so the entry commits or rolls back with it.
 */
export async function audit(em: EntityManager, entry: AuditEntryInput): Promise<void> {
  if (!/^[a-z][a-z0-9_.]{1,63}$/.test(entry.action)) {
    throw new Error(`audit: action "${entry.action}" must be lowercase snake_case, dots allowed (2–64 characters).`);
  }
  await em.execute(`insert into audit_log (username, action, detail) values (?, ?, ?::jsonb)`, [
    entry.username,
    entry.action,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

export interface AuditRow {
  id: string;
  at: Date;
  username: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  totalCount: number;
  rows: { cursor: string; row: AuditRow }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const SQL_DIR = import.meta.dirname + '/sql';
const CURSOR_LIST = 'audit';

/** Newest first, optionally one action and/or one username; keyset paging by id. */
export async function listAuditLog(
  em: EntityManager,
  q: { first?: number | null; after?: string | null; action?: string | null; username?: string | null },
): Promise<AuditPage> {
  const size = pageSize(q.first);
  let afterId: string | null = null;
  if (q.after != null) {
    afterId = decodeCursor(CURSOR_LIST, q.after);
    if (!/^\d{1,18}$/.test(afterId)) throw badInput(`after: "${q.after}" is not a cursor of the audit log.`);
  }
  const filters = { action: q.action ?? null, username: q.username ?? null };
  const [{ n }] = await runSql<{ n: number }>(em, sqlFile(SQL_DIR, 'audit-log-count'), filters);
  const rows =
    size === 0
      ? []
      : await runSql<Omit<AuditRow, 'at'> & { at_ms: number }>(em, sqlFile(SQL_DIR, 'audit-log-page'), { ...filters, afterId, limit: size + 1 });
  const page = rows.slice(0, size).map(({ at_ms, ...r }) => ({ cursor: encodeCursor(CURSOR_LIST, r.id), row: { ...r, at: new Date(at_ms) } }));
  return {
    totalCount: n,
    rows: page,
    hasNextPage: size === 0 ? n > 0 && afterId === null : rows.length > size,
    endCursor: page.length ? page[page.length - 1].cursor : null,
  };
}
