/** The import report (contract §3) and what the page makes of it; pure. */

export const IMPORT_KINDS = [
  { kind: 'programs', label: 'Program bantuan', columns: 'kode, nama, sumber_dana, nominal_bulanan' },
  {
    kind: 'households',
    label: 'Keluarga (Dukcapil + DTKS)',
    columns: 'no_kk, nik, nama, kode_desa, jenis_kelamin, tanggal_lahir, hubungan, alamat, dtks, desil',
  },
  {
    kind: 'recipients',
    label: 'Penerima / pembayaran',
    columns: 'program, tahun, tahap, kode_desa, nominal, nik, no_kk, nama, tanggal_salur',
  },
  { kind: 'civil-events', label: 'Peristiwa kependudukan', columns: 'nik, peristiwa, tanggal, kode_desa_tujuan' },
  { kind: 'budgets', label: 'Pagu dan realisasi anggaran', columns: 'program, tahun, kode_wilayah, pagu, tahap, realisasi' },
] as const;

export type ImportKind = (typeof IMPORT_KINDS)[number]['kind'];

export interface ImportRowError {
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

export interface ImportReport {
  kind: string;
  file: string;
  status: 'landed' | 'unchanged' | 'refused';
  accepted: number;
  rejected: number;
  errors: ImportRowError[];
  /** One sentence for people: why refused, or what landed. */
  message?: string;
  /** Accepted rows kept with an invalid or empty NIK. */
  invalidNik?: number;
  /** Row errors left out of `errors` (the list is capped). */
  errorsOmitted?: number;
}

/** One past import (GET /api/imports). */
export interface ImportHistoryRow {
  id: string;
  kind: string;
  fileName: string;
  status: string;
  accepted: number;
  rejected: number;
  invalidNik: number;
  username: string | null;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
}

/** Reads the upload endpoint's answer: a report, or an error message for anything else. */
export function readImportAnswer(status: number, body: unknown): { report: ImportReport } | { error: string } {
  if (body && typeof body === 'object' && 'status' in body && 'accepted' in body) {
    const b = body as ImportReport;
    return { report: { ...b, errors: Array.isArray(b.errors) ? b.errors : [] } };
  }
  const msg =
    body && typeof body === 'object' && 'error' in body
      ? String((body as { error: unknown }).error)
      : typeof body === 'string' && body.length > 0
        ? body.slice(0, 300)
        : 'jawaban server tidak dikenali';
  if (status === 401) return { error: `Sesi berakhir: silakan masuk lagi (${msg}).` };
  if (status === 403) return { error: `Tidak diizinkan mengimpor: ${msg}` };
  if (status === 413) return { error: 'Berkas terlalu besar untuk diunggah.' };
  return { error: `Impor gagal (${status}): ${msg}` };
}

export const STATUS_LABEL: Record<ImportReport['status'], string> = {
  landed: 'Berhasil dimuat',
  unchanged: 'Tidak berubah (isi yang sama sudah pernah diimpor)',
  refused: 'Ditolak seluruhnya',
};

export const STATUS_SHORT: Record<string, string> = { landed: 'dimuat', unchanged: 'tidak berubah', refused: 'ditolak' };

/** The row errors as CSV for the verification team to fix the file. */
export function errorsToCsv(errors: readonly ImportRowError[]): string {
  const q = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return ['baris,kolom,nilai,pesan', ...errors.map((e) => [e.line, e.column, e.value, e.message].map(q).join(','))].join('\n') + '\n';
}
