import type { RowReader } from '../row-reader';
import type { Cell, RefData } from '../types';
import { identityNumber, regionCode } from '../values';
import { validateNik, type NikIssue } from '../../quality/nik';
import { dot } from '../../regions/region-data';

/** A required kode_desa: a known desa/kelurahan, inside the operator's region when there is one. */
export function desaColumn(r: RowReader, ref: RefData, column: string, required: boolean): string | null {
  const code = r.get(column, regionCode, required);
  if (code === null) return null;
  if (code.length !== 10) {
    r.fail(column, `Kode desa/kelurahan harus 10 digit (mis. 75.01.01.2001), bukan kode ${code.length} digit.`);
    return null;
  }
  if (!ref.desa.has(code)) {
    r.fail(column, `Kode desa/kelurahan ${dot(code)} tidak dikenal (tidak ada di daftar wilayah yang dimuat).`);
    return null;
  }
  if (ref.allowedRegion && !code.startsWith(ref.allowedRegion)) {
    r.fail(column, `Desa ${dot(code)} di luar wilayah Anda (${dot(ref.allowedRegion)}).`);
    return null;
  }
  return code;
}

const upperTrim = (c: Cell) => (c === null ? null : String(c).trim().toUpperCase());
const nikCell = (c: Cell) => identityNumber(c, 'NIK');

/** A program code known to the catalogue (case-insensitive); returns the stored spelling. */
export function programColumn(r: RowReader, ref: RefData, column: string): string | null {
  const raw = r.get(column, upperTrim, true);
  if (raw === null) return null;
  const code = ref.programs.get(raw);
  if (!code) {
    r.fail(column, `Program "${raw}" tidak dikenal: impor daftar program (jenis programs) terlebih dahulu.`);
    return null;
  }
  return code;
}

export interface NikValue {
  nik: string | null;
  valid: boolean;
  issue: NikIssue | null;
}

/** A NIK column: refused only when Excel destroyed its digits; otherwise kept and flagged when invalid. */
export function nikColumn(r: RowReader, ref: RefData, column: string, required: boolean): NikValue | undefined {
  const nik = r.get(column, nikCell, required);
  if (r.bad && r.errors.some((e) => e.column === column)) return undefined;
  const check = validateNik(nik, (k) => ref.kecamatan.has(k));
  return { nik, valid: check.valid, issue: check.valid ? null : check.reason };
}

export function kabOf(desa: string): string {
  return desa.slice(0, 4);
}
