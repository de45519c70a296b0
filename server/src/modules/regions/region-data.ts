import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { fileURLToPath } from 'node:url';

/** The project's shipped data folder (region codes, boundaries, statistics). */
export const DATA_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data');

export interface CodeRow {
  kode: string; // dotted
  nama: string;
  level: string;
  jenis: string;
}

export function readGzText(rel: string): string {
  return zlib.gunzipSync(fs.readFileSync(path.join(DATA_ROOT, rel))).toString('utf8');
}

let codeListCache: CodeRow[] | undefined;
/** The Kemendagri 2025 code list (all Indonesia). Read-only data: caching it is safe. */
export function readCodeList(): CodeRow[] {
  codeListCache ??= parse(readGzText('wilayah_kemendagri_2025.csv.gz'), { columns: true, skip_empty_lines: true }) as CodeRow[];
  return codeListCache;
}

export interface GeoFeature {
  type: 'Feature';
  properties: Record<string, unknown> & { kode: string; nama_kemendagri?: string; nama?: string; lat?: number; lng?: number };
  geometry: { type: string; coordinates: unknown };
}

export function readBoundaries(name: string): GeoFeature[] {
  const fc = JSON.parse(readGzText(`boundaries/${name}.geojson.gz`)) as { features: GeoFeature[] };
  return fc.features;
}

/** Kab/kota mapped down to desa level (code prefixes, dotted) and their boundary files. */
export const FOCUS_AREAS = [
  { prefix: '75', kecamatan: 'gorontalo_kecamatan_from_desa', desa: 'gorontalo_desa' },
  { prefix: '33.06', kecamatan: 'purworejo_kecamatan_from_desa', desa: 'purworejo_desa' },
  { prefix: '35.25', kecamatan: 'gresik_kecamatan_from_desa', desa: 'gresik_desa' },
  { prefix: '64.72', kecamatan: 'samarinda_kecamatan_from_desa', desa: 'samarinda_desa' },
] as const;

export const undot = (code: string) => code.replace(/\./g, '');

/** 7501012001 → 75.01.01.2001 (any level). */
export function dot(code: string): string {
  const c = undot(code);
  if (c.length <= 2) return c;
  if (c.length <= 4) return `${c.slice(0, 2)}.${c.slice(2)}`;
  if (c.length <= 6) return `${c.slice(0, 2)}.${c.slice(2, 4)}.${c.slice(4)}`;
  return `${c.slice(0, 2)}.${c.slice(2, 4)}.${c.slice(4, 6)}.${c.slice(6)}`;
}
