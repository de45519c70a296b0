/**
 * Number formatting in Indonesian conventions: `.` groups thousands, `,` marks
 * decimals ("Rp17,12 miliar", "1.234 KK", "90,4%"). Written by hand rather than
 * with Intl so the output is identical in every browser and in Node's tests.
 */

export const NO_VALUE = '–';

function isNumber(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 1234567.891 → "1.234.567,89" with `decimals` fixed digits (default 0). */
export function formatNumber(n: number | null | undefined, decimals = 0): string {
  if (!isNumber(n)) return NO_VALUE;
  const sign = n < 0 ? '-' : '';
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  // -0 after rounding ("-0,00") reads as an error: drop the sign then.
  const zero = /^[0.]+$/.test(fixed);
  return (zero ? '' : sign) + group(int) + (frac ? ',' + frac : '');
}

const RUPIAH_UNITS: { size: number; name: string }[] = [
  { size: 1e12, name: 'triliun' },
  { size: 1e9, name: 'miliar' },
  { size: 1e6, name: 'juta' },
];

/**
 * Money in words for tiles and tooltips: Rp17,12 miliar, Rp1,64 miliar,
 * Rp3,50 juta, Rp250.000 (below a million, the whole amount).
 */
export function formatRupiah(n: number | null | undefined, decimals = 2): string {
  if (!isNumber(n)) return NO_VALUE;
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  for (let i = 0; i < RUPIAH_UNITS.length; i++) {
    const u = RUPIAH_UNITS[i];
    if (abs < u.size) continue;
    const scaled = Number((abs / u.size).toFixed(decimals));
    // 999,999 juta rounds to "1.000,00 juta": say "1,00 miliar" instead.
    if (scaled >= 1000 && i > 0) {
      const up = RUPIAH_UNITS[i - 1];
      return `${sign}Rp${formatNumber(abs / up.size, decimals)} ${up.name}`;
    }
    return `${sign}Rp${formatNumber(scaled, decimals)} ${u.name}`;
  }
  const whole = Math.round(abs);
  if (whole >= 1e6) return `${sign}Rp${formatNumber(whole / 1e6, decimals)} juta`;
  return `${whole === 0 ? '' : sign}Rp${formatNumber(whole)}`;
}

/** The exact amount: Rp17.120.000.000. */
export function formatRupiahFull(n: number | null | undefined): string {
  if (!isNumber(n)) return NO_VALUE;
  const whole = Math.round(n);
  return `${whole < 0 ? '-' : ''}Rp${formatNumber(Math.abs(whole))}`;
}

/** A household count: "1.234 KK". */
export function formatKK(n: number | null | undefined): string {
  if (!isNumber(n)) return NO_VALUE;
  return `${formatNumber(n)} KK`;
}

/** A ratio 0–1 as a percentage: 0.904 → "90,4%". */
export function formatPercent(ratio: number | null | undefined, decimals = 1): string {
  if (!isNumber(ratio)) return NO_VALUE;
  return `${formatNumber(ratio * 100, decimals)}%`;
}

/** Short axis labels for money: 17.120.000.000 → "17,1 M", 3.500.000 → "3,5 jt". */
export function formatRupiahShort(n: number | null | undefined): string {
  if (!isNumber(n)) return NO_VALUE;
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (abs >= 1e12) return `${sign}${formatNumber(abs / 1e12, 1)} T`;
  if (abs >= 1e9) return `${sign}${formatNumber(abs / 1e9, 1)} M`;
  if (abs >= 1e6) return `${sign}${formatNumber(abs / 1e6, 1)} jt`;
  if (abs >= 1e3) return `${sign}${formatNumber(abs / 1e3, 0)} rb`;
  return `${sign}${formatNumber(abs)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** "2020-08-17" or an ISO timestamp → "17 Agu 2020" (the calendar date as written, no time zone shift). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return NO_VALUE;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** An ISO timestamp in local time: "17 Agu 2020 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return NO_VALUE;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Byte sizes for the import page: "1,5 MB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${formatNumber(n / (1024 * 1024), 1)} MB`;
  if (n >= 1024) return `${formatNumber(n / 1024, 0)} KB`;
  return `${formatNumber(n)} B`;
}
