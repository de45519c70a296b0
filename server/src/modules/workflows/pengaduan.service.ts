import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection';
import { badInput } from '../../graphql/errors';
import { assertCanWrite } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { audit, AuditAction } from '../audit/audit.service';
import { CODE_LENGTH, LEVEL_NUMBER, RegionLevel } from '../regions/region.entity';
import { dot } from '../regions/region-data';
import { parseRegionCode, resolveWithin, type RegionRow } from '../regions/region.service';
import type { WhenOptions } from './usulan.service';
import type { VerivaliFlagRow } from './verivali.service';
import { PengaduanCategory, PengaduanChannel, PengaduanStatus, cleanText, parseId, parseIds, parseNoKk, pgDate, pgIdArray } from './workflow-common';

const SQL_DIR = `${import.meta.dirname}/sql`;
const run = <T>(em: EntityManager, name: string, params: Record<string, unknown> = {}) => runSql<T>(em, sqlFile(SQL_DIR, name), params);

export interface PengaduanRow {
  id: string;
  no_kk: string | null;
  desa_code: string;
  kab_code: string;
  category: PengaduanCategory;
  channel: PengaduanChannel;
  status: PengaduanStatus;
  description: string;
  reporter_name: string | null;
  received_at: Date | string;
  processed_at: Date | string | null;
  resolved_at: Date | string | null;
  created_by: string;
  created_at: Date | string;
  first_response_hours: number | null;
  resolution_hours: number | null;
  r_code: string;
  r_name: string;
  r_level: number;
  r_parent_code: string | null;
  r_kind: string;
  r_area_km2: number | null;
  r_lat: number | null;
  r_lng: number | null;
}

export interface PengaduanStepRow {
  pengaduan_id: string;
  from_status: PengaduanStatus | null;
  to_status: PengaduanStatus;
  note: string | null;
  username: string;
  at: Date | string;
}

export interface CreatePengaduanInput {
  noKk?: string | null;
  desaCode?: string | null;
  category: PengaduanCategory;
  channel: PengaduanChannel;
  description: string;
  reporterName?: string | null;
  receivedAt?: Date | null;
  flagIds?: readonly string[] | null;
}

/** How far in the future a receivedAt may lie (clock differences between the desk's PC and the server). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Records a complaint about a family (noKk) or a desa (desaCode). A family in the roster is
 * placed in its desa (a desaCode given as well must be that desa); a family not in the roster
 * (e.g. "we never received anything") needs the desaCode. The open verivali flags of the
 * family are linked automatically; flagIds adds flags of the same family or desa.
 */
export async function createPengaduan(em: EntityManager, user: AuthUser, input: CreatePengaduanInput, opts: WhenOptions = {}): Promise<string> {
  const at = opts.at ?? new Date();
  const description = cleanText(input.description, 'description', 4000);
  if (!description) throw badInput('description: say what the complaint is about.', { argumentName: 'description' });
  const reporterName = cleanText(input.reporterName, 'reporterName', 200);
  const receivedAt = input.receivedAt ?? at;
  if (Number.isNaN(receivedAt.getTime())) throw badInput('receivedAt: not a date-time.', { argumentName: 'receivedAt' });
  if (receivedAt.getTime() > at.getTime() + CLOCK_SKEW_MS) {
    throw badInput(`receivedAt: ${receivedAt.toISOString()} lies in the future.`, { argumentName: 'receivedAt' });
  }
  const noKk = input.noKk == null || input.noKk.trim() === '' ? null : parseNoKk(input.noKk);
  let desaCode = input.desaCode == null || input.desaCode.trim() === '' ? null : parseRegionCode(input.desaCode, 'desaCode');
  if (!noKk && !desaCode) throw badInput('Give noKk (a family) or desaCode (a desa) the complaint is about.', { argumentName: 'noKk' });
  const flagIds = input.flagIds?.length ? parseIds(input.flagIds, 'flagIds', 200) : [];

  return em.transactional(async (tx) => {
    if (noKk) {
      const [h] = await run<{ desa_code: string }>(tx, 'pengaduan-household', { no_kk: noKk });
      if (h) {
        if (desaCode && desaCode !== h.desa_code) {
          throw badInput(`desaCode: No. KK ${noKk} lives in desa ${dot(h.desa_code)}, not ${dot(desaCode)}.`, { argumentName: 'desaCode' });
        }
        desaCode = h.desa_code;
      } else if (!desaCode) {
        throw badInput(`noKk: No. KK ${noKk} is not in the roster; give the desaCode of the family as well.`, { argumentName: 'desaCode' });
      }
    }
    const desa = await tx.execute<{ level: number }[]>(`select level from region where code = ?`, [desaCode]);
    if (!desa[0] || desa[0].level !== 4) {
      throw badInput(`desaCode: ${dot(desaCode!)} is not a known desa/kelurahan.`, { argumentName: 'desaCode' });
    }
    assertCanWrite(user, desaCode);
    if (flagIds.length) {
      const found = await run<{ id: string; concerns: boolean }>(tx, 'pengaduan-flag-check', {
        ids: pgIdArray(flagIds),
        no_kk: noKk,
        desa_code: desaCode,
      });
      const ok = new Set(found.filter((f) => f.concerns).map((f) => f.id));
      const bad = flagIds.filter((f) => !ok.has(f));
      if (bad.length) {
        throw badInput(`flagIds: ${bad.join(', ')} — no such flag, or it concerns neither this family nor desa ${dot(desaCode!)}.`, {
          argumentName: 'flagIds',
        });
      }
    }
    const [{ id }] = await run<{ id: string }>(tx, 'pengaduan-insert', {
      no_kk: noKk,
      desa_code: desaCode,
      kab_code: desaCode!.slice(0, 4),
      category: input.category,
      channel: input.channel,
      description,
      reporter_name: reporterName,
      received_at: receivedAt,
      username: user.username,
      at,
      flag_ids: pgIdArray(flagIds),
    });
    await audit(tx, {
      username: user.username,
      action: AuditAction.WORKFLOW_TRANSITION,
      detail: { entity: 'pengaduan', id, from: null, to: PengaduanStatus.BARU, category: input.category, channel: input.channel, desa: dot(desaCode!) },
    });
    return id;
  });
}

/** BARU → DIPROSES → SELESAI; nothing else (SELESAI is final). */
const NEXT: Record<PengaduanStatus, PengaduanStatus | null> = {
  BARU: PengaduanStatus.DIPROSES,
  DIPROSES: PengaduanStatus.SELESAI,
  SELESAI: null,
};

/**
 * Moves a complaint one step. SELESAI needs a note (what was done). With fixFlags (SELESAI
 * only) the open verivali flags linked to the complaint count as fixed by it.
 */
export async function setPengaduanStatus(
  em: EntityManager,
  user: AuthUser,
  input: { id: string; status: PengaduanStatus; note?: string | null; fixFlags?: boolean | null },
  opts: WhenOptions = {},
): Promise<{ id: string; fixedFlags: number }> {
  const id = parseId(input.id);
  const note = cleanText(input.note, 'note');
  const to = input.status;
  if (input.fixFlags && to !== PengaduanStatus.SELESAI) {
    throw badInput('fixFlags: flags are resolved only when the complaint is closed (SELESAI).', { argumentName: 'fixFlags' });
  }
  if (to === PengaduanStatus.SELESAI && !note) {
    throw badInput('note: closing a complaint (SELESAI) needs a note saying what was done.', { argumentName: 'note' });
  }
  const at = opts.at ?? new Date();
  return em.transactional(async (tx) => {
    const [c] = await run<{ id: string; status: PengaduanStatus; desa_code: string; received_at: Date | string; processed_at: Date | string | null }>(
      tx,
      'pengaduan-lock',
      { id },
    );
    if (!c) throw badInput(`id: there is no complaint ${id}.`, { argumentName: 'id' });
    assertCanWrite(user, c.desa_code);
    if (NEXT[c.status] !== to) {
      const why =
        c.status === PengaduanStatus.SELESAI
          ? 'it is already SELESAI (final)'
          : c.status === to
            ? `it is already ${to}`
            : to === PengaduanStatus.SELESAI
              ? 'it was never processed (DIPROSES comes before SELESAI)'
              : `a complaint cannot go from ${c.status} to ${to}`;
      throw badInput(`Cannot set complaint ${id} to ${to}: ${why}.`, { argumentName: 'status' });
    }
    const stepFloor = pgDate(c.processed_at ?? c.received_at);
    if (at.getTime() < stepFloor.getTime()) {
      throw badInput(`Complaint ${id}: a step cannot be dated before the previous one (${stepFloor.toISOString()}).`);
    }
    await run(tx, 'pengaduan-set-status', { id, to, note, username: user.username, at });
    const fixedFlags = input.fixFlags ? (await run<{ id: string }>(tx, 'verivali-fix-pengaduan', { id, at })).length : 0;
    await audit(tx, {
      username: user.username,
      action: AuditAction.WORKFLOW_TRANSITION,
      detail: { entity: 'pengaduan', id, from: c.status, to, note, fixedFlags },
    });
    return { id, fixedFlags };
  });
}

export interface PengaduanFilterInput {
  status?: PengaduanStatus | null;
  category?: PengaduanCategory | null;
  channel?: PengaduanChannel | null;
  noKk?: string | null;
}

export interface PengaduanPage {
  totalCount: number;
  rows: { cursor: string; row: PengaduanRow }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const CURSOR_LIST = 'pengaduan';

export async function listPengaduan(
  em: EntityManager,
  q: { within?: string | null; filter?: PengaduanFilterInput | null; first?: number | null; after?: string | null },
): Promise<PengaduanPage> {
  const within = await resolveWithin(em, RegionLevel.VILLAGE, q.within);
  const size = pageSize(q.first);
  let afterId: string | null = null;
  if (q.after != null) {
    afterId = decodeCursor(CURSOR_LIST, q.after);
    if (!/^\d{1,18}$/.test(afterId)) throw badInput(`after: "${q.after}" is not a cursor of the complaint list.`, { argumentName: 'after' });
  }
  const f = q.filter ?? {};
  const filters = {
    within,
    status: f.status ?? null,
    category: f.category ?? null,
    channel: f.channel ?? null,
    no_kk: f.noKk ? parseNoKk(f.noKk, 'filter.noKk') : null,
  };
  const [{ n }] = await run<{ n: number }>(em, 'pengaduan-count', filters);
  const rows = size === 0 ? [] : await run<PengaduanRow>(em, 'pengaduan-page', { ...filters, after_id: afterId, limit: size + 1 });
  const page = rows.slice(0, size).map((row) => ({ cursor: encodeCursor(CURSOR_LIST, row.id), row }));
  return { totalCount: n, rows: page, hasNextPage: rows.length > size, endCursor: page.length ? page[page.length - 1].cursor : null };
}

export async function pengaduanByIds(em: EntityManager, ids: readonly string[]): Promise<PengaduanRow[]> {
  if (ids.length === 0) return [];
  return run<PengaduanRow>(em, 'pengaduan-by-ids', { ids: pgIdArray(ids) });
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(r);
  }
  return m;
}

export async function pengaduanHistory(em: EntityManager, ids: readonly string[]): Promise<Map<string, PengaduanStepRow[]>> {
  const rows = ids.length ? await run<PengaduanStepRow>(em, 'pengaduan-history', { ids: pgIdArray(ids) }) : [];
  return groupBy(rows, (r) => r.pengaduan_id);
}

export async function pengaduanFlags(em: EntityManager, ids: readonly string[]): Promise<Map<string, (VerivaliFlagRow & { pengaduan_id: string })[]>> {
  const rows = ids.length ? await run<VerivaliFlagRow & { pengaduan_id: string }>(em, 'pengaduan-flags', { ids: pgIdArray(ids) }) : [];
  return groupBy(rows, (r) => r.pengaduan_id);
}

export interface PengaduanSummaryRow extends RegionRow {
  total: number;
  baru: number;
  diproses: number;
  selesai: number;
  c_tidak_menerima: number;
  c_salah_sasaran: number;
  c_bantuan_ganda: number;
  c_data_salah: number;
  c_lainnya: number;
  ch_posko: number;
  ch_telepon: number;
  ch_whatsapp: number;
  ch_web: number;
  ch_surat: number;
  median_first_response_hours: number | null;
  median_resolution_hours: number | null;
}

/** Complaints per region of `level` at/inside `within` (zeros included), with median response times. One query. */
export async function pengaduanSummary(em: EntityManager, q: { level: RegionLevel; within?: string | null }): Promise<PengaduanSummaryRow[]> {
  const within = await resolveWithin(em, q.level, q.within);
  const level = LEVEL_NUMBER[q.level];
  return run<PengaduanSummaryRow>(em, 'pengaduan-summary', { level, len: CODE_LENGTH[level], within });
}
