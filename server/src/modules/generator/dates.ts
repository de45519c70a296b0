/**
 * Calendar days as integers (days since 1970-01-01, UTC): cheap to add and
 * compare, and formatted without any locale or time zone.
 */

const MS_PER_DAY = 86_400_000;

export function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Civil date of a day number (Hinnant's days-to-civil: plain arithmetic, no Date objects in the hot loop). */
export function ymd(day: number): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD (the import format). */
export function isoDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${y}-${p2(m)}-${p2(d)}`;
}

/** DDMMYY as in a NIK or No. KK; women's day + 40 when `female`. */
export function nikDate(day: number, female: boolean): string {
  const { y, m, d } = ymd(day);
  return `${p2(female ? d + 40 : d)}${p2(m)}${p2(y % 100)}`;
}

let lastAt = NaN;
let lastAtYmd: Ymd = { y: 0, m: 0, d: 0 };

/** Whole years of age on `at` (the reference day is nearly always the same: its date is cached). */
export function ageOn(birth: number, at: number): number {
  const b = ymd(birth);
  if (at !== lastAt) {
    lastAt = at;
    lastAtYmd = ymd(at);
  }
  const a = lastAtYmd;
  return a.y - b.y - (a.m < b.m || (a.m === b.m && a.d < b.d) ? 1 : 0);
}
