import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection';
import { badInput } from '../../graphql/errors';
import { assertCanWrite } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { audit, AuditAction } from '../audit/audit.service';
import { CODE_LENGTH, LEVEL_NUMBER, RegionLevel } from '../regions/region.entity';
import { dot } from '../regions/region-data';
import { resolveWithin, type RegionRow } from '../regions/region.service';
import {
  ADDITION_REASONS,
  OPEN_USULAN,
  REMOVAL_REASONS,
  UsulanKind,
  UsulanReason,
  UsulanStatus,
  cleanText,
  parseId,
  parseIds,
  parseNoKk,
  pgDate,
  pgIdArray,
} from './workflow-common';

const SQL_DIR = `${import.meta.dirname}/sql`;
const run = <T>(em: EntityManager, name: string, params: Record<string, unknown> = {}) => runSql<T>(em, sqlFile(SQL_DIR, name), params);

/** A proposal row as read from the database, with its desa (r_* columns). */
export interface UsulanRow {
  id: string;
  batch: string;
  kind: UsulanKind;
  reason: UsulanReason;
  status: UsulanStatus;
  no_kk: string;
  head_nik: string | null;
  head_name: string | null;
  address: string | null;
  desa_code: string;
  kab_code: string;
  pengaduan_id: string | null;
  note: string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  r_code: string;
  r_name: string;
  r_level: number;
  r_parent_code: string | null;
  r_kind: string;
  r_area_km2: number | null;
  r_lat: number | null;
  r_lng: number | null;
}

export interface UsulanStepRow {
  usulan_id: string;
  from_status: UsulanStatus | null;
  to_status: UsulanStatus;
  note: string | null;
  username: string;
  at: Date | string;
}

export function regionOf(r: UsulanRow): RegionRow {
  return {
    code: r.r_code,
    name: r.r_name,
    level: r.r_level,
    parent_code: r.r_parent_code,
    kind: r.r_kind,
    area_km2: r.r_area_km2,
    lat: r.r_lat,
    lng: r.r_lng,
  };
}

/**
 * The status flow: DIUSULKAN → DIVERIFIKASI → DISETUJUI, and DITOLAK from either open
 * status (verification may show at once that a family does not qualify). DISETUJUI and
 * DITOLAK are final. Approval needs a verification first.
 */
const ALLOWED_FROM: Record<UsulanStatus, readonly UsulanStatus[]> = {
  DIUSULKAN: [],
  DIVERIFIKASI: [UsulanStatus.DIUSULKAN],
  DISETUJUI: [UsulanStatus.DIVERIFIKASI],
  DITOLAK: [UsulanStatus.DIUSULKAN, UsulanStatus.DIVERIFIKASI],
};

/** Why a proposal cannot move from `from` to `to`, or null when it can. */
export function transitionProblem(from: UsulanStatus, to: UsulanStatus): string | null {
  if (ALLOWED_FROM[to].includes(from)) return null;
  if (to === UsulanStatus.DIUSULKAN) return 'a proposal cannot go back to DIUSULKAN';
  if (from === UsulanStatus.DISETUJUI || from === UsulanStatus.DITOLAK) return `it is already ${from} (final)`;
  if (to === UsulanStatus.DISETUJUI) return 'it was never verified (DIVERIFIKASI comes before DISETUJUI)';
  return `it is already ${from}`;
}

const BATCH_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

function parseBatch(batch: string | null | undefined): string | null {
  if (batch == null || batch.trim() === '') return null;
  const b = batch.trim();
  if (!BATCH_RE.test(b)) {
    throw badInput(`batch: "${b.slice(0, 80)}" is not a batch code (letters, digits, . _ / -, at most 64 characters).`, { argumentName: 'batch' });
  }
  return b;
}

/** A new batch code: USL-<yyyymmdd>-<n> from a sequence (unique, readable in a file name). */
async function newBatchCode(em: EntityManager, at: Date): Promise<string> {
  const [{ n }] = await em.execute<{ n: string }[]>(`select nextval('usulan_batch_seq')::text as n`);
  return `USL-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${n.padStart(4, '0')}`;
}

interface HouseholdForUsulan {
  no_kk: string;
  desa_code: string;
  kab_code: string;
  dtks: boolean;
  head_nik: string | null;
  head_name: string | null;
  address: string | null;
  aided: boolean;
  roster_at: Date | string | null;
  blocking: { id: string; batch: string; kind: UsulanKind; status: UsulanStatus; updatedAt: string }[];
}

export interface ProposeInput {
  noKk: string;
  kind: UsulanKind;
  reason?: UsulanReason | null;
  note?: string | null;
  batch?: string | null;
  pengaduanId?: string | null;
}

/** Internal options: the demo seed records steps in the past; the API always uses now. */
export interface WhenOptions {
  at?: Date;
}

function checkReason(kind: UsulanKind, reason: UsulanReason | null | undefined, aided: boolean): UsulanReason {
  const allowed = kind === UsulanKind.ADDITION ? ADDITION_REASONS : REMOVAL_REASONS;
  if (reason == null) {
    if (kind === UsulanKind.REMOVAL) {
      throw badInput(`reason: a REMOVAL needs a reason (${REMOVAL_REASONS.join(', ')}).`, { argumentName: 'reason' });
    }
    return aided ? UsulanReason.PENERIMA_NON_DTKS : UsulanReason.MISKIN_BELUM_TERDAFTAR;
  }
  if (!allowed.includes(reason)) {
    throw badInput(`reason: ${reason} is not a reason for ${kind}; use ${allowed.join(', ')}.`, { argumentName: 'reason' });
  }
  return reason;
}

/**
 * Proposes one roster family for addition to or removal from DTKS. Refused (BAD_USER_INPUT):
 * an unknown No. KK, an addition of a family already in DTKS, a removal of a family not in
 * DTKS, a family with an open proposal, or with an approved one of the same kind that the
 * roster has not caught up with yet. FORBIDDEN outside an operator's region.
 */
export async function proposeUsulan(em: EntityManager, user: AuthUser, input: ProposeInput, opts: WhenOptions = {}): Promise<string> {
  const noKk = parseNoKk(input.noKk);
  const note = cleanText(input.note, 'note');
  const pengaduanId = input.pengaduanId == null ? null : parseId(input.pengaduanId, 'pengaduanId');
  const at = opts.at ?? new Date();
  return em.transactional(async (tx) => {
    const [h] = await run<HouseholdForUsulan>(tx, 'usulan-household', { no_kk: noKk });
    if (!h) throw badInput(`noKk: No. KK ${noKk} is not in the roster; import the family (households file) before proposing it.`, { argumentName: 'noKk' });
    assertCanWrite(user, h.desa_code);
    if (input.kind === UsulanKind.ADDITION && h.dtks) {
      throw badInput(`No. KK ${noKk} (desa ${dot(h.desa_code)}) is already in DTKS; it cannot be proposed for addition.`, { argumentName: 'noKk' });
    }
    if (input.kind === UsulanKind.REMOVAL && !h.dtks) {
      throw badInput(`No. KK ${noKk} (desa ${dot(h.desa_code)}) is not in DTKS; only a DTKS family can be proposed for removal.`, { argumentName: 'noKk' });
    }
    const reason = checkReason(input.kind, input.reason, h.aided);
    const open = h.blocking.find((b) => OPEN_USULAN.includes(b.status));
    if (open) {
      throw badInput(`No. KK ${noKk} already has an open proposal: usulan ${open.id} (${open.kind}, ${open.status}, batch ${open.batch}).`, {
        argumentName: 'noKk',
        usulanId: open.id,
      });
    }
    const pending = h.blocking.find(
      (b) => b.status === UsulanStatus.DISETUJUI && b.kind === input.kind && (h.roster_at == null || pgDate(b.updatedAt) >= pgDate(h.roster_at)),
    );
    if (pending) {
      throw badInput(
        `No. KK ${noKk}: usulan ${pending.id} (${pending.kind}) was approved on ${pgDate(pending.updatedAt).toISOString().slice(0, 10)} ` +
          'and the DTKS update has not reached the roster yet; import the updated households file first.',
        { argumentName: 'noKk', usulanId: pending.id },
      );
    }
    if (pengaduanId) {
      const c = await tx.execute<{ id: string }[]>(`select id::text as id from pengaduan where id = ?`, [pengaduanId]);
      if (!c[0]) throw badInput(`pengaduanId: there is no complaint ${pengaduanId}.`, { argumentName: 'pengaduanId' });
    }
    const batch = parseBatch(input.batch) ?? (await newBatchCode(tx, at));
    const ids = await run<{ id: string }>(tx, 'usulan-insert', {
      no_kks: `{${noKk}}`,
      reasons: `{${reason}}`,
      kind: input.kind,
      batch,
      note,
      username: user.username,
      at,
      pengaduan_id: pengaduanId,
    });
    if (!ids[0]) throw badInput(`No. KK ${noKk} was proposed by someone else at the same moment; reload the list.`, { argumentName: 'noKk' });
    await audit(tx, {
      username: user.username,
      action: AuditAction.WORKFLOW_TRANSITION,
      detail: { entity: 'usulan', id: ids[0].id, from: null, to: UsulanStatus.DIUSULKAN, note, kind: input.kind, reason, batch, desa: dot(h.desa_code) },
    });
    return ids[0].id;
  });
}

export interface BatchResult {
  batch: string;
  ids: string[];
  /** Families that qualified but had a proposal created by someone else meanwhile. */
  skipped: number;
}

/**
 * Proposes every candidate family inside `within` at once (e.g. all recipients outside DTKS
 * of one desa), as one batch. See usulan-candidates.sql for who qualifies. Refused when the
 * region has no candidate left, so an empty batch is never created.
 */
export async function proposeUsulanBatch(
  em: EntityManager,
  user: AuthUser,
  input: { within: string; kind: UsulanKind; note?: string | null; batch?: string | null; limit?: number | null },
  opts: WhenOptions = {},
): Promise<BatchResult> {
  const within = await resolveWithin(em, RegionLevel.VILLAGE, input.within);
  if (!within) throw badInput('within: give the region whose candidates are proposed.', { argumentName: 'within' });
  assertCanWrite(user, within);
  const note = cleanText(input.note, 'note');
  const at = opts.at ?? new Date();
  if (input.limit != null && (!Number.isInteger(input.limit) || input.limit < 1)) {
    throw badInput(`limit: ${input.limit} must be a whole number ≥ 1.`, { argumentName: 'limit' });
  }
  return em.transactional(async (tx) => {
    let candidates = await run<{ no_kk: string; reason: UsulanReason }>(tx, 'usulan-candidates', { kind: input.kind, within });
    if (input.limit != null) candidates = candidates.slice(0, input.limit);
    if (candidates.length === 0) {
      const who =
        input.kind === UsulanKind.ADDITION
          ? 'no aided family outside DTKS without an open or pending proposal'
          : 'no DTKS family whose members all died or moved away without an open or pending proposal';
      throw badInput(`within: region ${dot(within)} has ${who}; nothing to propose.`, { argumentName: 'within' });
    }
    const batch = parseBatch(input.batch) ?? (await newBatchCode(tx, at));
    const ids = await run<{ id: string }>(tx, 'usulan-insert', {
      no_kks: `{${candidates.map((c) => c.no_kk).join(',')}}`,
      reasons: `{${candidates.map((c) => c.reason).join(',')}}`,
      kind: input.kind,
      batch,
      note,
      username: user.username,
      at,
      pengaduan_id: null,
    });
    await audit(tx, {
      username: user.username,
      action: AuditAction.WORKFLOW_TRANSITION,
      detail: { entity: 'usulan', batch, count: ids.length, from: null, to: UsulanStatus.DIUSULKAN, note, kind: input.kind, within: dot(within) },
    });
    return { batch, ids: ids.map((i) => i.id), skipped: candidates.length - ids.length };
  });
}

interface LockedUsulan {
  id: string;
  status: UsulanStatus;
  kind: UsulanKind;
  reason: UsulanReason;
  no_kk: string;
  desa_code: string;
}

/**
 * Moves proposals to `status`, all or none: every id must exist, lie in the caller's
 * region and allow the step (see transitionProblem); otherwise nothing changes and the
 * error lists the refused ids. A rejection needs a note (the reason given to the desa).
 * Approving removals resolves the verivali flags they answer (verivali-fix-usulan.sql).
 */
export async function setUsulanStatus(
  em: EntityManager,
  user: AuthUser,
  input: { ids: readonly string[]; status: UsulanStatus; note?: string | null },
  opts: WhenOptions & { maxIds?: number; batch?: string } = {},
): Promise<string[]> {
  const ids = parseIds(input.ids, 'ids', opts.maxIds ?? 5000);
  const note = cleanText(input.note, 'note');
  const to = input.status;
  if (to === UsulanStatus.DITOLAK && !note) {
    throw badInput('note: a rejection (DITOLAK) needs a note saying why.', { argumentName: 'note' });
  }
  const at = opts.at ?? new Date();
  return em.transactional(async (tx) => {
    const rows = await run<LockedUsulan>(tx, 'usulan-lock', { ids: pgIdArray(ids) });
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length) throw badInput(`ids: no proposal with id ${missing.slice(0, 10).join(', ')}.`, { argumentName: 'ids' });
    for (const r of rows) assertCanWrite(user, r.desa_code);
    const refused = rows.map((r) => ({ r, why: transitionProblem(r.status, to) })).filter((x) => x.why);
    if (refused.length) {
      const list = refused.slice(0, 10).map((x) => `usulan ${x.r.id}: ${x.why}`);
      const more = refused.length > 10 ? ` (and ${refused.length - 10} more)` : '';
      throw badInput(`Cannot set ${to}: ${list.join('; ')}${more}. Nothing was changed.`, {
        argumentName: 'status',
        refusedIds: refused.map((x) => x.r.id),
      });
    }
    const [{ n }] = await run<{ n: number }>(tx, 'usulan-set-status', { ids: pgIdArray(ids), to, note, username: user.username, at });
    let fixedFlags = 0;
    if (to === UsulanStatus.DISETUJUI && rows.some((r) => r.kind === UsulanKind.REMOVAL)) {
      fixedFlags = (await run<{ id: string }>(tx, 'verivali-fix-usulan', { ids: pgIdArray(ids), at })).length;
    }
    const from = [...new Set(rows.map((r) => r.status))];
    await audit(tx, {
      username: user.username,
      action: AuditAction.WORKFLOW_TRANSITION,
      detail: {
        entity: 'usulan',
        ids: ids.length <= 100 ? ids : undefined,
        batch: opts.batch,
        count: n,
        from: from.length === 1 ? from[0] : from,
        to,
        note,
        fixedFlags,
      },
    });
    return ids;
  });
}

/** The status a batch step starts from: verify DIUSULKAN ones, approve DIVERIFIKASI ones, reject every open one. */
const BATCH_FROM: Record<UsulanStatus, readonly UsulanStatus[]> = {
  DIUSULKAN: [],
  DIVERIFIKASI: [UsulanStatus.DIUSULKAN],
  DISETUJUI: [UsulanStatus.DIVERIFIKASI],
  DITOLAK: [UsulanStatus.DIUSULKAN, UsulanStatus.DIVERIFIKASI],
};

/** Applies a step to every proposal of a batch that can take it; refused when none can. */
export async function setUsulanBatchStatus(
  em: EntityManager,
  user: AuthUser,
  input: { batch: string; status: UsulanStatus; note?: string | null },
  opts: WhenOptions = {},
): Promise<string[]> {
  const batch = parseBatch(input.batch);
  if (!batch) throw badInput('batch: give the batch code.', { argumentName: 'batch' });
  const from = BATCH_FROM[input.status];
  if (from.length === 0) throw badInput(`status: a batch cannot be set to ${input.status}.`, { argumentName: 'status' });
  const rows = await run<{ id: string }>(em, 'usulan-batch-ids', { batch, statuses: `{${from.join(',')}}` });
  if (rows.length === 0) {
    const [{ n }] = await em.execute<{ n: number }[]>(`select count(*)::int as n from usulan where batch = ?`, [batch]);
    throw badInput(
      n === 0
        ? `batch: there is no batch "${batch}".`
        : `batch: no proposal of batch "${batch}" is ${from.join(' or ')}, so none can be set to ${input.status}.`,
      { argumentName: 'batch' },
    );
  }
  // A batch may be a whole kab/kota: no cap on its size here (the ids come from the database).
  return setUsulanStatus(em, user, { ids: rows.map((r) => r.id), status: input.status, note: input.note }, { ...opts, maxIds: rows.length, batch });
}

export interface UsulanFilterInput {
  status?: UsulanStatus | null;
  kind?: UsulanKind | null;
  reason?: UsulanReason | null;
  batch?: string | null;
}

export interface UsulanPage {
  totalCount: number;
  rows: { cursor: string; row: UsulanRow }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const CURSOR_LIST = 'usulan';

/** A page of proposals (newest first) at/inside `within`; keyset paging on id. */
export async function listUsulan(
  em: EntityManager,
  q: { within?: string | null; filter?: UsulanFilterInput | null; first?: number | null; after?: string | null },
): Promise<UsulanPage> {
  const within = await resolveWithin(em, RegionLevel.VILLAGE, q.within);
  const size = pageSize(q.first);
  let afterId: string | null = null;
  if (q.after != null) {
    afterId = decodeCursor(CURSOR_LIST, q.after);
    if (!/^\d{1,18}$/.test(afterId)) throw badInput(`after: "${q.after}" is not a cursor of the proposal list.`, { argumentName: 'after' });
  }
  const f = q.filter ?? {};
  const filters = { within, status: f.status ?? null, kind: f.kind ?? null, reason: f.reason ?? null, batch: parseBatch(f.batch) };
  const [{ n }] = await run<{ n: number }>(em, 'usulan-count', filters);
  const rows = size === 0 ? [] : await run<UsulanRow>(em, 'usulan-page', { ...filters, after_id: afterId, limit: size + 1 });
  const page = rows.slice(0, size).map((row) => ({ cursor: encodeCursor(CURSOR_LIST, row.id), row }));
  return { totalCount: n, rows: page, hasNextPage: rows.length > size, endCursor: page.length ? page[page.length - 1].cursor : null };
}

export async function usulanByIds(em: EntityManager, ids: readonly string[]): Promise<UsulanRow[]> {
  if (ids.length === 0) return [];
  return run<UsulanRow>(em, 'usulan-by-ids', { ids: pgIdArray(ids) });
}

export async function usulanHistory(em: EntityManager, ids: readonly string[]): Promise<Map<string, UsulanStepRow[]>> {
  const rows = ids.length ? await run<UsulanStepRow>(em, 'usulan-history', { ids: pgIdArray(ids) }) : [];
  const m = new Map<string, UsulanStepRow[]>();
  for (const r of rows) {
    let l = m.get(r.usulan_id);
    if (!l) m.set(r.usulan_id, (l = []));
    l.push(r);
  }
  return m;
}

export interface UsulanSummaryRow extends RegionRow {
  total: number;
  diusulkan: number;
  diverifikasi: number;
  disetujui: number;
  ditolak: number;
  additions: number;
  removals: number;
}

/** Proposals per region of `level` at/inside `within` (zeros included), by status and kind. One query. */
export async function usulanSummary(em: EntityManager, q: { level: RegionLevel; within?: string | null }): Promise<UsulanSummaryRow[]> {
  const within = await resolveWithin(em, q.level, q.within);
  const level = LEVEL_NUMBER[q.level];
  return run<UsulanSummaryRow>(em, 'usulan-summary', { level, len: CODE_LENGTH[level], within });
}

export interface UsulanExportRow {
  id: string;
  no_kk: string;
  head_nik: string | null;
  head_name: string | null;
  address: string | null;
  desa_code: string;
  desa_name: string;
  kecamatan_name: string | null;
  kab_name: string | null;
  kind: UsulanKind;
  reason: UsulanReason;
  status: UsulanStatus;
  created_at: Date | string;
  updated_at: Date | string;
  note: string | null;
}

export async function usulanExportRows(em: EntityManager, batchArg: string): Promise<UsulanExportRow[]> {
  const batch = parseBatch(batchArg);
  if (!batch) throw badInput('batch: give the batch code to export.', { argumentName: 'batch' });
  return run<UsulanExportRow>(em, 'usulan-export', { batch });
}

export { parseBatch };
