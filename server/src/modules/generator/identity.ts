import type { NikIssue } from '../quality/nik';
import { ymd } from './dates';
import type { Rng } from './rng';

/**
 * NIK and No. KK numbers by the rules in domain.md: PPKKCC DDMMYY SSSS, the
 * kecamatan of first registration, the birth date (women: day + 40; for a KK
 * the date of issue) and a serial. Serials count up per (kecamatan, date) as
 * Dukcapil issues them, so every number is unique.
 */
export class Identities {
  // kecamatan → DDMMYY as written (women's day + 40) → last serial. Small-integer keys
  // keep the inner maps fast for a million persons. The key must be the two-digit-year
  // date, not the day: someone born in 1920 and someone born in 2020 share a prefix.
  private readonly nikSerial = new Map<string, Map<number, number>>();
  private readonly kkSerial = new Map<string, Map<number, number>>();

  nik(kec6: string, birth: number, female: boolean): string {
    return next(this.nikSerial, kec6, birth, female);
  }

  kk(kec6: string, issued: number): string {
    return next(this.kkSerial, kec6, issued, false);
  }
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function next(serials: Map<string, Map<number, number>>, kec6: string, day: number, female: boolean): string {
  const { y, m, d } = ymd(day);
  const dd = d + (female ? 40 : 0);
  const yy = y % 100;
  const key = (dd * 100 + m) * 100 + yy; // DDMMYY as an integer
  let inner = serials.get(kec6);
  if (!inner) serials.set(kec6, (inner = new Map()));
  const s = (inner.get(key) ?? 0) + 1;
  const prefix = kec6 + p2(dd) + p2(m) + p2(yy);
  if (s > 9999) throw new Error(`More than 9999 numbers issued for ${prefix}: the generator's region/date spread is too narrow.`);
  inner.set(key, s);
  return prefix + (s < 10 ? '000' : s < 100 ? '00' : s < 1000 ? '0' : '') + s;
}

/**
 * A wrong version of a valid 16-digit NIK that fails validation for exactly
 * `reason` (validateNik checks empty, 16 digits, region, date, serial in that
 * order, so each corruption keeps the earlier checks passing).
 */
export function corruptNik(rng: Rng, nik: string, reason: NikIssue, known: Set<string>, female: boolean): string {
  const kec = nik.slice(0, 6);
  const date = nik.slice(6, 12);
  const serial = nik.slice(12);
  switch (reason) {
    case 'EMPTY':
      return '';
    case 'NOT_16_DIGITS': {
      const r = rng.float();
      const at = rng.range(1, 15);
      if (r < 0.5) return nik.slice(0, at) + nik.slice(at + 1); // a digit dropped
      if (r < 0.8) return nik.slice(0, at) + nik[at] + nik.slice(at); // a digit typed twice
      const zero = nik.indexOf('0', 1);
      return zero > 0 ? nik.slice(0, zero) + 'O' + nik.slice(zero + 1) : nik.slice(0, 15); // letter O for zero
    }
    case 'UNKNOWN_REGION': {
      // a kecamatan number the kab/kota does not have, or the province digits swapped
      const swapped = kec[1]! + kec[0]! + kec.slice(2);
      if (rng.chance(0.3) && !known.has(swapped)) return swapped + date + serial;
      for (let tries = 0; tries < 100; tries++) {
        const cand = kec.slice(0, 4) + String(rng.range(40, 99));
        if (!known.has(cand)) return cand + date + serial;
      }
      return '990000' + date + serial; // no province 99
    }
    case 'BAD_DATE': {
      const yy = Number(date.slice(4, 6));
      const plus = female ? 40 : 0;
      const p2 = (n: number) => String(n).padStart(2, '0');
      const r = rng.float();
      let bad: string;
      if (r < 0.3) bad = `${p2(31 + plus)}${rng.pick(['04', '06', '09', '11'])}${p2(yy)}`; // 31st of a 30-day month
      else if (r < 0.45) bad = `${p2(30 + plus)}02${p2(yy)}`; // 30 February
      else if (r < 0.6) bad = `${p2(29 + plus)}02${p2(yy % 4 === 0 ? (yy + 1) % 100 : yy)}`; // 29 Feb of a non-leap year
      else if (r < 0.8) bad = `${date.slice(0, 2)}${rng.pick(['00', '13', '14', '21'])}${p2(yy)}`; // no such month
      else bad = `${rng.pick(['00', '32', '35', '39'])}${date.slice(2)}`; // day 0 or 32–39 (a man's; a woman's would be 41–71)
      return kec + bad + serial;
    }
    case 'SERIAL_ZERO':
      return kec + date + '0000';
  }
}

/** Shares of invalid-NIK kinds among planted ones (EMPTY only in recipient lists: the roster requires a NIK). */
export const INVALID_KIND_SHARES: readonly [NikIssue, number][] = [
  ['EMPTY', 0.24],
  ['NOT_16_DIGITS', 0.28],
  ['UNKNOWN_REGION', 0.16],
  ['BAD_DATE', 0.16],
  ['SERIAL_ZERO', 0.16],
];
