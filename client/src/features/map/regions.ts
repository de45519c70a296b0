/**
 * Region levels and dotted Kemendagri codes, as the API speaks them:
 * 75 (provinsi) → 75.01 (kab/kota) → 75.01.01 (kecamatan) → 75.01.01.2001 (desa/kelurahan).
 */

export type RegionLevel = 'PROVINCE' | 'REGENCY' | 'DISTRICT' | 'VILLAGE';

export const LEVELS: readonly RegionLevel[] = ['PROVINCE', 'REGENCY', 'DISTRICT', 'VILLAGE'];

export const LEVEL_LABEL: Record<RegionLevel, string> = {
  PROVINCE: 'Provinsi',
  REGENCY: 'Kab/Kota',
  DISTRICT: 'Kecamatan',
  VILLAGE: 'Desa/Kelurahan',
};

const CODE_RE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function isRegionCode(code: string): boolean {
  return CODE_RE.test(code);
}

/** Level of a dotted code (by its number of parts). */
export function levelOfCode(code: string): RegionLevel {
  const parts = code.split('.').length;
  return LEVELS[Math.min(parts, 4) - 1];
}

export function levelIndex(level: RegionLevel): number {
  return LEVELS.indexOf(level);
}

/** The level below, or null under a desa. */
export function childLevel(level: RegionLevel): RegionLevel | null {
  return LEVELS[levelIndex(level) + 1] ?? null;
}

/** The parent code ("75.01.01" → "75.01"), null for a province. */
export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** All codes from the province down to `code` itself: "75.01.01" → ["75", "75.01", "75.01.01"]. */
export function ancestry(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Is `code` at or inside `within`? */
export function isInside(code: string, within: string | null): boolean {
  return !within || code === within || code.startsWith(within + '.');
}

/**
 * Simplification tolerance (degrees) for the boundaries of a view: coarser
 * for wide views, finer when zoomed in. A province's desa open at about
 * 0.0025° per pixel (Gorontalo, ~2.5° wide, on a 1000 px map), so 0.001°
 * (≈ 110 m) is below a pixel: all 729 desa in ~0.5 MB of GeoJSON instead of
 * ~0.75 MB at 0.0005° (measured by scripts/bench/map.ts).
 */
export function toleranceFor(level: RegionLevel, within: string | null): number {
  const depth = within ? levelIndex(levelOfCode(within)) : -1; // -1 = all of Indonesia
  switch (level) {
    case 'PROVINCE':
      return depth < 0 ? 0.02 : 0.005;
    case 'REGENCY':
      return depth < 0 ? 0.01 : 0.002;
    case 'DISTRICT':
      return depth <= 0 ? 0.001 : 0.0005;
    case 'VILLAGE':
      return depth <= 0 ? 0.001 : depth === 1 ? 0.0005 : 0.0002;
  }
}
