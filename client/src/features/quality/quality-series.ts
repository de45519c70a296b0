/** Chart rows for the data-quality and workflow page (pure). */

export interface VerivaliPointIn {
  at: string;
  flagged: number;
  fixed: number;
  rate: number;
}

/**
 * The progress of several kab/kota over time as one series: at every moment
 * any region moved, the flagged and fixed totals of all of them (each region
 * keeps its last value until its next point), and the overall rate.
 */
export function combineProgress(
  regions: readonly { series: readonly VerivaliPointIn[] }[],
): { at: string; flagged: number; fixed: number; rate: number }[] {
  const moments = [...new Set(regions.flatMap((r) => r.series.map((p) => p.at)))].sort();
  const idx = regions.map(() => -1);
  return moments.map((at) => {
    let flagged = 0;
    let fixed = 0;
    regions.forEach((r, i) => {
      while (idx[i] + 1 < r.series.length && r.series[idx[i] + 1].at <= at) idx[i]++;
      const p = r.series[idx[i]];
      if (p) {
        flagged += p.flagged;
        fixed += p.fixed;
      }
    });
    return { at, flagged, fixed, rate: flagged > 0 ? fixed / flagged : 0 };
  });
}

export const FUNNEL_ORDER = ['COLLECTED', 'NOT_DUPLICATE', 'PROPOSED', 'VALID', 'REVALIDATE'] as const;

/** Funnel steps in their order, each with its share of the collected households. */
export function funnelRows(steps: readonly { step: string; label: string; households: number }[]) {
  const sorted = [...steps].sort((a, b) => FUNNEL_ORDER.indexOf(a.step as never) - FUNNEL_ORDER.indexOf(b.step as never));
  const first = sorted.find((s) => s.step === 'COLLECTED')?.households ?? 0;
  return sorted.map((s) => ({ ...s, share: first > 0 ? s.households / first : 0 }));
}

export const USULAN_STATUS_LABEL: Record<string, string> = {
  DIUSULKAN: 'Diusulkan',
  DIVERIFIKASI: 'Diverifikasi',
  DISETUJUI: 'Disetujui',
  DITOLAK: 'Ditolak',
};

export const PENGADUAN_STATUS_LABEL: Record<string, string> = { BARU: 'Baru', DIPROSES: 'Diproses', SELESAI: 'Selesai' };

export const PENGADUAN_CATEGORY_LABEL: Record<string, string> = {
  TIDAK_MENERIMA: 'Tidak menerima bantuan',
  SALAH_SASARAN: 'Salah sasaran',
  BANTUAN_GANDA: 'Bantuan ganda',
  DATA_SALAH: 'Data salah',
  LAINNYA: 'Lainnya',
};

export const FLAG_KIND_LABEL: Record<string, string> = {
  INVALID_NIK: 'NIK tidak valid',
  DECEASED: 'Meninggal',
  MOVED: 'Pindah',
  DUPLICATE: 'Data ganda',
};

/** The next steps a proposal may take from its status (server: setUsulanStatus). */
export function usulanActions(status: string): { to: 'DIVERIFIKASI' | 'DISETUJUI' | 'DITOLAK'; label: string; needsNote: boolean }[] {
  if (status === 'DIUSULKAN')
    return [
      { to: 'DIVERIFIKASI', label: 'Verifikasi', needsNote: false },
      { to: 'DITOLAK', label: 'Tolak', needsNote: true },
    ];
  if (status === 'DIVERIFIKASI')
    return [
      { to: 'DISETUJUI', label: 'Setujui', needsNote: false },
      { to: 'DITOLAK', label: 'Tolak', needsNote: true },
    ];
  return [];
}

/** The next step of a complaint (server: setPengaduanStatus). */
export function pengaduanAction(status: string): { to: 'DIPROSES' | 'SELESAI'; label: string; needsNote: boolean } | null {
  if (status === 'BARU') return { to: 'DIPROSES', label: 'Proses', needsNote: false };
  if (status === 'DIPROSES') return { to: 'SELESAI', label: 'Selesaikan', needsNote: true };
  return null;
}

/** "12,5 jam" / "3,2 hari" for response times. */
export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return '–';
  if (h < 48) return `${h.toFixed(1).replace('.', ',')} jam`;
  return `${(h / 24).toFixed(1).replace('.', ',')} hari`;
}
