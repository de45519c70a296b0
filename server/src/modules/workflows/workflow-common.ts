import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import { badInput } from '../../graphql/errors';

/**
 * Shared vocabulary of the social office's workflows (issue 6). Status and
 * reason codes are the ones Dinas Sosial staff use (Bahasa Indonesia); the
 * labels are what exports and the web pages show.
 */

export enum UsulanKind {
  /** Add a roster household to DTKS. */
  ADDITION = 'ADDITION',
  /** Remove a DTKS household from DTKS. */
  REMOVAL = 'REMOVAL',
}

export enum UsulanReason {
  /** Addition: the household receives aid but is not in DTKS (the e-JPS case). */
  PENERIMA_NON_DTKS = 'PENERIMA_NON_DTKS',
  /** Addition: a poor household not yet registered (e.g. found through a complaint). */
  MISKIN_BELUM_TERDAFTAR = 'MISKIN_BELUM_TERDAFTAR',
  MENINGGAL = 'MENINGGAL',
  PINDAH = 'PINDAH',
  TIDAK_MISKIN = 'TIDAK_MISKIN',
  BANTUAN_GANDA = 'BANTUAN_GANDA',
}

export const ADDITION_REASONS: readonly UsulanReason[] = [UsulanReason.PENERIMA_NON_DTKS, UsulanReason.MISKIN_BELUM_TERDAFTAR];
export const REMOVAL_REASONS: readonly UsulanReason[] = [
  UsulanReason.MENINGGAL,
  UsulanReason.PINDAH,
  UsulanReason.TIDAK_MISKIN,
  UsulanReason.BANTUAN_GANDA,
];

export enum UsulanStatus {
  DIUSULKAN = 'DIUSULKAN',
  DIVERIFIKASI = 'DIVERIFIKASI',
  DISETUJUI = 'DISETUJUI',
  DITOLAK = 'DITOLAK',
}

export const OPEN_USULAN: readonly UsulanStatus[] = [UsulanStatus.DIUSULKAN, UsulanStatus.DIVERIFIKASI];

export enum PengaduanCategory {
  TIDAK_MENERIMA = 'TIDAK_MENERIMA',
  SALAH_SASARAN = 'SALAH_SASARAN',
  BANTUAN_GANDA = 'BANTUAN_GANDA',
  DATA_SALAH = 'DATA_SALAH',
  LAINNYA = 'LAINNYA',
}

export enum PengaduanChannel {
  POSKO = 'POSKO',
  TELEPON = 'TELEPON',
  WHATSAPP = 'WHATSAPP',
  WEB = 'WEB',
  SURAT = 'SURAT',
}

export enum PengaduanStatus {
  BARU = 'BARU',
  DIPROSES = 'DIPROSES',
  SELESAI = 'SELESAI',
}

export enum VerivaliFlagKind {
  INVALID_NIK = 'INVALID_NIK',
  DECEASED = 'DECEASED',
  MOVED = 'MOVED',
  DUPLICATE = 'DUPLICATE',
}

export enum FlagFixedBy {
  IMPORT = 'IMPORT',
  USULAN = 'USULAN',
  PENGADUAN = 'PENGADUAN',
}

export const USULAN_KIND_LABEL: Record<UsulanKind, string> = {
  ADDITION: 'PENAMBAHAN',
  REMOVAL: 'PENGHAPUSAN',
};

export const USULAN_REASON_LABEL: Record<UsulanReason, string> = {
  PENERIMA_NON_DTKS: 'Penerima bansos belum terdaftar di DTKS',
  MISKIN_BELUM_TERDAFTAR: 'Keluarga miskin belum terdaftar di DTKS',
  MENINGGAL: 'Meninggal dunia',
  PINDAH: 'Pindah domisili',
  TIDAK_MISKIN: 'Tidak lagi miskin',
  BANTUAN_GANDA: 'Bantuan ganda',
};

export const USULAN_STATUS_LABEL: Record<UsulanStatus, string> = {
  DIUSULKAN: 'Diusulkan',
  DIVERIFIKASI: 'Diverifikasi',
  DISETUJUI: 'Disetujui',
  DITOLAK: 'Ditolak',
};

/** A Postgres bigint[] literal for a named `:ids::bigint[]` parameter (knex would expand a JS array). */
export function pgIdArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

/** IDs as the API takes them: positive whole numbers, written as strings. */
export function parseIds(ids: readonly string[], argName: string, max = 1000): string[] {
  if (ids.length === 0) throw badInput(`${argName}: give at least one id.`, { argumentName: argName });
  if (ids.length > max) throw badInput(`${argName}: at most ${max} ids at once, got ${ids.length}.`, { argumentName: argName });
  const out = [...new Set(ids.map((i) => String(i).trim()))];
  const bad = out.filter((i) => !/^[1-9]\d{0,17}$/.test(i));
  if (bad.length) throw badInput(`${argName}: ${bad.slice(0, 5).map((b) => `"${b}"`).join(', ')} is not an id.`, { argumentName: argName });
  return out;
}

export function parseId(id: string, argName = 'id'): string {
  return parseIds([id], argName)[0];
}

/** Free text from a caller: trimmed, empty → null, bounded so a note cannot fill the database. */
export function cleanText(value: string | null | undefined, argName: string, max = 2000): string | null {
  if (value == null) return null;
  const t = value.trim();
  if (t === '') return null;
  if (t.length > max) throw badInput(`${argName}: at most ${max} characters, got ${t.length}.`, { argumentName: argName });
  return t;
}

/** No. KK as typed by an operator: digits only (dots/blanks removed), otherwise refused. */
export function parseNoKk(noKk: string, argName = 'noKk'): string {
  const s = noKk.replace(/[\s.]/g, '');
  if (!/^\d{1,32}$/.test(s)) throw badInput(`${argName}: "${noKk}" is not a No. KK (digits only, usually 16).`, { argumentName: argName });
  return s;
}

/** The desa row of a code (undotted) with its kab/kota, or null when it is not a known desa/kelurahan. */
export async function findDesa(em: EntityManager, code: string): Promise<{ code: string; level: number } | null> {
  const rows = await em.execute<{ code: string; level: number }[]>(`select code, level from region where code = ?`, [code]);
  return rows[0] ?? null;
}

// GraphQL names of the enums (registered once, here, so every types file can use them).
registerEnumType(UsulanKind, { name: 'UsulanKind', description: 'ADDITION: add a roster family to DTKS; REMOVAL: remove a DTKS family' });
registerEnumType(UsulanReason, {
  name: 'UsulanReason',
  description: 'Why: PENERIMA_NON_DTKS, MISKIN_BELUM_TERDAFTAR (additions); MENINGGAL, PINDAH, TIDAK_MISKIN, BANTUAN_GANDA (removals)',
});
registerEnumType(UsulanStatus, { name: 'UsulanStatus', description: 'DIUSULKAN → DIVERIFIKASI → DISETUJUI, or DITOLAK from an open status' });
registerEnumType(PengaduanCategory, { name: 'PengaduanCategory', description: 'What a complaint is about' });
registerEnumType(PengaduanChannel, { name: 'PengaduanChannel', description: 'How the complaint reached the desk' });
registerEnumType(PengaduanStatus, { name: 'PengaduanStatus', description: 'BARU → DIPROSES → SELESAI' });
registerEnumType(VerivaliFlagKind, {
  name: 'VerivaliFlagKind',
  description: 'INVALID_NIK, DECEASED (still listed in a family), MOVED (to another kab/kota, still listed), DUPLICATE (probable same person)',
});
registerEnumType(FlagFixedBy, { name: 'FlagFixedBy', description: 'IMPORT: a later import corrected the data; USULAN / PENGADUAN: resolved by a workflow action' });

/**
 * A timestamptz as the driver returns it. MikroORM keeps timestamptz as text in Postgres'
 * ISO style ("2026-11-27 16:54:35.355+00", offsets also "+05:30"), which Date does not
 * parse reliably; JSON built in SQL gives "2026-11-27T16:54:35.355+00:00". Both → Date.
 */
export function pgDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  const iso = v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`Cannot read the database time "${v}".`);
  return d;
}

export function pgDateOrNull(v: Date | string | null): Date | null {
  return v == null ? null : pgDate(v);
}
