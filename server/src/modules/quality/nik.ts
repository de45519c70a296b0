import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * NIK / No. KK validation (domain.md "Identity numbers", contract §5 `invalidNik`).
 * A NIK is PPKKCC DDMMYY SSSS: the 6-digit kecamatan of first registration, the
 * birth date (women: day + 40) and a serial 0001–9999. A No. KK has the same
 * shape with the date of issue, so the same validator serves both.
 */

export type NikIssue = 'EMPTY' | 'NOT_16_DIGITS' | 'UNKNOWN_REGION' | 'BAD_DATE' | 'SERIAL_ZERO';

export const NIK_ISSUES: readonly NikIssue[] = ['EMPTY', 'NOT_16_DIGITS', 'UNKNOWN_REGION', 'BAD_DATE', 'SERIAL_ZERO'];

/** Indonesian labels for the UI and reports. */
export const NIK_ISSUE_LABEL: Record<NikIssue, string> = {
  EMPTY: 'NIK kosong',
  NOT_16_DIGITS: 'NIK bukan 16 digit angka',
  UNKNOWN_REGION: 'Enam digit pertama bukan kode kecamatan yang ada',
  BAD_DATE: 'Tanggal lahir dalam NIK tidak mungkin',
  SERIAL_ZERO: 'Nomor urut NIK 0000',
};

export type NikCheck = { valid: true } | { valid: false; reason: NikIssue };

export interface NikBirthDate {
  /** Day of month as written for a man, i.e. already minus 40 for a woman (may still be impossible). */
  day: number;
  month: number;
  /** Two-digit year, 0–99 (the century is not in the NIK). */
  yy: number;
  /** The raw day field was above 40. */
  female: boolean;
}

const SIXTEEN_DIGITS = /^\d{16}$/;

/** Days in a month for a two-digit year: 29 February exists when yy is divisible by 4 (contract §5; 00 counts). */
export function daysInMonth(month: number, yy: number): number {
  if (month === 2) return yy % 4 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Reads the date part of a 16-digit NIK; null when the text is not 16 digits. Does not check the date is possible. */
export function parseNikBirthDate(nik: string): NikBirthDate | null {
  const s = nik.trim();
  if (!SIXTEEN_DIGITS.test(s)) return null;
  const rawDay = Number(s.slice(6, 8));
  const female = rawDay > 40;
  return { day: female ? rawDay - 40 : rawDay, month: Number(s.slice(8, 10)), yy: Number(s.slice(10, 12)), female };
}

function dateIsPossible(d: NikBirthDate): boolean {
  if (d.month < 1 || d.month > 12) return false;
  return d.day >= 1 && d.day <= daysInMonth(d.month, d.yy);
}

/**
 * Validates a NIK (or No. KK). Checks in order: empty, 16 digits, known
 * kecamatan (first six digits), possible date, serial not 0000; the first
 * failure is the reason. Leading/trailing blanks are ignored.
 */
export function validateNik(nik: string | null | undefined, knownKecamatan: (code6: string) => boolean): NikCheck {
  const s = (nik ?? '').trim();
  if (s === '') return { valid: false, reason: 'EMPTY' };
  if (!SIXTEEN_DIGITS.test(s)) return { valid: false, reason: 'NOT_16_DIGITS' };
  if (!knownKecamatan(s.slice(0, 6))) return { valid: false, reason: 'UNKNOWN_REGION' };
  if (!dateIsPossible(parseNikBirthDate(s)!)) return { valid: false, reason: 'BAD_DATE' };
  if (s.slice(12) === '0000') return { valid: false, reason: 'SERIAL_ZERO' };
  return { valid: true };
}

/** Every kecamatan code a NIK may start with (table nik_region, all Indonesia), as a Set for validateNik. */
export async function loadKecamatanSet(em: EntityManager): Promise<Set<string>> {
  const rows = await em.execute<{ code: string }[]>(`select code from nik_region`);
  return new Set(rows.map((r) => r.code.trim()));
}
