import type { Cell } from './types';

/**
 * Parsers for one cell each. They return the clean value or throw a CellProblem
 * (not an Error: no stack trace is captured, bad cells are frequent in real files).
 * Messages are for the people who fix the file, so they are in Bahasa Indonesia.
 */
export class CellProblem {
  constructor(readonly message: string) {}
}

const problem = (message: string): never => {
  throw new CellProblem(message);
};

export function isEmpty(c: Cell): boolean {
  if (typeof c !== 'string') return c === null;
  // a value that starts with a visible ASCII character is not blank: no trim (called for every cell)
  const first = c.charCodeAt(0);
  if (first > 32 && first < 0xa0) return false;
  return c.trim() === '';
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A date cell from XLSX (exceljs gives UTC midnight) as YYYY-MM-DD. */
export function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The cell as text for reports and free-text columns. */
export function display(c: Cell): string | null {
  if (c === null) return null;
  if (c instanceof Date) return isoDate(c);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return String(c);
}

/** A blank at either end, two blanks in a row, or a blank other than a space: what text() tidies. */
const UNTIDY = /^\s|\s$|\s\s|[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Free text, trimmed, inner runs of blanks collapsed; null when empty. */
export function text(c: Cell): string | null {
  if (isEmpty(c)) return null;
  const s = display(c)!;
  // most cells are already tidy: test once instead of trimming and replacing every cell
  return UNTIDY.test(s) ? s.trim().replace(/\s+/g, ' ') : s;
}

/** Upper-cased text for enumerations and codes. */
export function upper(c: Cell): string | null {
  const t = text(c);
  return t === null ? null : t.toUpperCase();
}

export function oneOf<T extends string>(c: Cell, allowed: readonly T[]): T | null {
  const t = upper(c);
  if (t === null) return null;
  if ((allowed as readonly string[]).includes(t)) return t as T;
  return problem(`Nilai harus salah satu dari ${allowed.join(', ')}.`);
}

/** An undotted code of a province, kab/kota, kecamatan or desa. */
const REGION_DIGITS = /^(?:\d{10}|\d{6}|\d{4}|\d{2})$/;

/**
 * A region code written with or without dots (7501012001 = 75.01.01.2001);
 * an XLSX number is taken as its digits. Returns the undotted code.
 */
export function regionCode(c: Cell): string | null {
  if (isEmpty(c)) return null;
  if (typeof c === 'number') {
    if (!Number.isSafeInteger(c) || c < 0) return problem('Kode wilayah harus berupa angka kode Kemendagri.');
    return c.toFixed(0);
  }
  if (typeof c === 'string' && REGION_DIGITS.test(c)) return c; // the common case: an undotted code as it should be
  const t = display(c)!.trim().replace(/\s+/g, '');
  if (!/^\d+(\.\d+)*$/.test(t)) return problem('Kode wilayah hanya boleh berisi angka dan titik (mis. 75.01.01.2001).');
  const code = t.replace(/\./g, '');
  if (![2, 4, 6, 10].includes(code.length)) return problem('Kode wilayah harus 2, 4, 6 atau 10 digit (provinsi, kab/kota, kecamatan, desa).');
  return code;
}

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;

/**
 * A NIK or No. KK as written. Kept as text even when invalid (the validator flags
 * it); refused only when the digits are provably lost: Excel's scientific notation
 * (7.50101E+15), or an XLSX number that Excel cut to 15 significant digits.
 */
export function identityNumber(c: Cell, label: string): string | null {
  if (isEmpty(c)) return null;
  if (typeof c === 'number') {
    // Excel keeps 15 significant digits: a 16-digit number it stored ends in 0 and its last digit is gone.
    // A 16-digit integer with a non-zero last digit was written exactly (by a program) and is kept.
    const digits = Number.isSafeInteger(c) ? c.toFixed(0) : '';
    if (digits.length === 16 && !digits.endsWith('0')) return digits;
    return problem(
      `${label} tersimpan di Excel sebagai angka (${display(c)}), sehingga digit terakhirnya hilang (Excel hanya menyimpan 15 digit). ` +
        `Format kolom ${label} sebagai Teks lalu isi ulang dari sumber aslinya.`,
    );
  }
  let t = display(c)!.trim();
  if (t.startsWith("'")) t = t.slice(1).trim(); // Excel's "store as text" mark, kept by some exports
  if (SCIENTIFIC.test(t)) {
    return problem(
      `${label} ditulis dalam notasi ilmiah (${t}): Excel mengubahnya menjadi angka dan digit terakhirnya hilang. ` +
        `Format kolom ${label} sebagai Teks di Excel dan ekspor ulang dari data aslinya.`,
    );
  }
  if (t.length > 32) return problem(`${label} terlalu panjang (${t.length} karakter) untuk sebuah nomor identitas.`);
  return t;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const len = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= len;
}

/** Whether `s` is YYYY-MM-DD of a real date in the accepted years: the common case, without a regex match. */
function plainIsoDate(s: string): boolean {
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    const ch = s.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (ch !== 45) return false;
      continue;
    }
    const digit = ch - 48;
    if (digit < 0 || digit > 9) return false;
    if (i < 4) y = y * 10 + digit;
    else if (i < 7) m = m * 10 + digit;
    else d = d * 10 + digit;
  }
  return y >= 1850 && y <= 2100 && realDate(y, m, d);
}

/** A date: YYYY-MM-DD text (a time part is ignored) or an XLSX date cell. dd/mm/yyyy is refused with a hint. */
export function date(c: Cell): string | null {
  if (isEmpty(c)) return null;
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return problem('Sel tanggal tidak berisi tanggal yang sah.');
    return isoDate(c);
  }
  if (typeof c === 'number') {
    return problem(`Sel berisi angka (${display(c)}), bukan tanggal: format sel sebagai tanggal atau tulis YYYY-MM-DD.`);
  }
  if (typeof c === 'string' && c.length === 10 && plainIsoDate(c)) return c;
  const t = String(c).trim();
  const iso = ISO_DATE.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!realDate(y, m, d)) return problem(`Tanggal ${iso[1]}-${iso[2]}-${iso[3]} tidak ada di kalender.`);
    if (y < 1850 || y > 2100) return problem(`Tahun ${y} di luar rentang yang masuk akal (1850–2100).`);
    return `${iso[1]}-${iso[2]}-${iso[3]}`;
  }
  const dmy = DMY.exec(t);
  if (dmy) {
    const y = dmy[3]!.length === 4 ? dmy[3] : `??${dmy[3]}`;
    const hint = `${y}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
    return problem(`Tanggal harus ditulis YYYY-MM-DD; "${t}" tampaknya hari/bulan/tahun: tulis ${hint}.`);
  }
  return problem('Bukan tanggal YYYY-MM-DD (mis. 2020-04-12).');
}

/** A whole number within [min, max]. */
export function integer(c: Cell, min: number, max: number): number | null {
  if (isEmpty(c)) return null;
  let n: number;
  if (typeof c === 'number') n = c;
  else {
    const t = display(c)!.trim();
    if (!/^[+-]?\d+$/.test(t)) return problem(`Harus bilangan bulat ${min}–${max}.`);
    n = Number(t);
  }
  if (!Number.isInteger(n) || n < min || n > max) return problem(`Harus bilangan bulat ${min}–${max}.`);
  return n;
}

const PLAIN = /^\d+(?:[.,]\d{1,2})?$/;
const ID_GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/; // 1.250.000 / 1.250.000,50
const EN_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$/; // 1,250,000 / 1,250,000.50
const MAX_MONEY = 1e15;

/**
 * A Rupiah amount, not negative. Accepted: 1250000, 1250000,50 / 1250000.50,
 * Indonesian grouping 1.250.000(,50), English grouping 1,250,000(.50), an
 * optional "Rp" prefix, and XLSX numbers. A single separator followed by exactly
 * three digits (1.250, 1,250) is a thousands separator: Rupiah amounts never
 * have three decimals.
 */
export function money(c: Cell): number | null {
  if (isEmpty(c)) return null;
  let n: number;
  if (typeof c === 'number') n = c;
  else {
    const raw = display(c)!.trim();
    const t = raw.replace(/^rp\.?\s*/i, '').replace(/\s+/g, '');
    if (/^[-−(]/.test(t)) return problem(`Nominal tidak boleh negatif (${raw}).`);
    if (ID_GROUPED.test(t)) n = Number(t.replace(/\./g, '').replace(',', '.'));
    else if (EN_GROUPED.test(t)) n = Number(t.replace(/,/g, ''));
    else if (PLAIN.test(t)) n = Number(t.replace(',', '.'));
    else return problem(`Bukan angka Rupiah (${raw}); tulis mis. 1250000 atau 1.250.000.`);
  }
  if (!Number.isFinite(n)) return problem('Bukan angka.');
  if (n < 0) return problem(`Nominal tidak boleh negatif (${display(c)}).`);
  if (n >= MAX_MONEY) return problem(`Nominal terlalu besar (${display(c)}).`);
  return Math.round(n * 100) / 100;
}
