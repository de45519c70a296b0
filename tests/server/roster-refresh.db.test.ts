import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { openTestDb, backend } from '../setup/test-db';
import type { Database } from '../../server/src/db/database';
import { loadCoverageData } from '../fixtures/coverage/load';
import { csv, importText } from '../fixtures/imports/helpers';
import { refreshAll } from '../../server/src/modules/analytics/refresh';

/*
 * A households file of a few families refreshes analytics incrementally (refreshRoster): only the
 * payment rows such a change can move are matched again. Each update below must leave every
 * derived table exactly as a full rebuild from scratch would (program masks compared as program
 * sets: a full rebuild may number a kab/kota's programs differently).
 */

let db: Database;
let dir: string;

beforeAll(async () => {
  db = await openTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-refresh-'));
  await loadCoverageData(db);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PROGRAMS_OF = (alias: string) =>
  `(select string_agg(b.program, ',' order by b.program) from analytics_program_bit b
    where b.kab_code = ${alias}.kab_code and ${alias}.mask & (1::bigint << b.bit) <> 0)`;

async function derived(em: EntityManager): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => em.execute(sql);
  return {
    payment_match: await q(`select payment_id, program, year, stage, nominal::text, person_nik, household_kk, placed_desa, placed_kab, dtks
                            from payment_match order by payment_id`),
    household_aid: await q(`select no_kk, year, stage, kab_code, desa_code, dtks, amount::text, payments, ${PROGRAMS_OF('a')} as programs
                            from analytics_household_aid a order by no_kk, year, stage`),
    aid_rollup: await q(`select desa_code, dtks, year_key, stage_key, ${PROGRAMS_OF('r')} as programs, households
                         from analytics_aid_rollup r order by 1, 2, 3, 4, 5, 6`),
    desa_rollup: await q(`select * from analytics_desa_rollup order by desa_code, program_key, year_key, stage_key`),
    desa_households: await q(`select * from analytics_desa_households order by desa_code`),
    refresh_scope: await q(`select * from analytics_refresh_scope`),
  };
}

class Rollback extends Error {}

/** The derived tables as a full rebuild would make them (in a transaction rolled back afterwards). */
async function fullRebuild(): Promise<Record<string, unknown[]>> {
  let out: Record<string, unknown[]> = {};
  await db.orm.em
    .fork()
    .transactional(async (tx) => {
      await refreshAll(tx);
      out = await derived(tx);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return out;
}

const HEAD = ['no_kk', 'nik', 'nama', 'kode_desa', 'jenis_kelamin', 'tanggal_lahir', 'hubungan', 'alamat', 'dtks', 'desil'];

async function update(rows: string[][]) {
  const families = new Set(rows.map((r) => r[0])).size;
  const [{ n }] = await db.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from household`);
  expect(families, 'the file must be small enough for the incremental path').toBeLessThan(0.2 * n);
  const r = await importText(db.orm, dir, 'households', csv([HEAD, ...rows]));
  expect(r.status, r.message).toBe('landed');
  expect(r.rejected).toBe(0);
  const incremental = await derived(db.orm.em.fork());
  expect(incremental.refresh_scope).toEqual([]);
  expect(incremental).toEqual(await fullRebuild());
  return incremental;
}

describe(`incremental analytics refresh after a households import (${backend})`, () => {
  it('a family loses a paid member and moves to another desa, leaving DTKS', async () => {
    const before = await derived(db.orm.em.fork());
    // H1: ABDUL KADIR (PKH by NIK, no No. KK on the rows) leaves; the family moves from Bulila to Mongolato.
    const after = await update([['7501020101100001', '7501024405750001', 'SITI AMINAH DJAFAR', '75.01.02.2014', 'P', '1975-05-04', 'KEPALA KELUARGA', 'Dusun Tujuh', 'N', '']]);
    expect(after.payment_match).not.toEqual(before.payment_match);
    expect(after.desa_households).not.toEqual(before.desa_households);
  });

  it('a person moves into a family of the file and empties their old family', async () => {
    // YUSUF PAKAYA (H3, whose BLT-DD rows match by No. KK only) joins H4; H3 is left empty and leaves the roster.
    await update([
      ['7501020101100004', '7501021511650001', 'HARUN MOOTALU', '75.01.02.2014', 'L', '1965-11-15', 'KEPALA KELUARGA', 'Dusun Tiga', 'Y', '3'],
      ['7501020101100004', '7501022009050001', 'RAHMAT MOOTALU', '75.01.02.2014', 'L', '2005-09-20', 'ANAK', 'Dusun Tiga', 'Y', '3'],
      ['7501020101100004', '7501020508900001', 'YUSUF PAKAYA', '75.01.02.2014', 'L', '1990-08-05', 'FAMILI LAIN', 'Dusun Tiga', 'Y', '3'],
    ]);
    const [{ n }] = await db.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from household where no_kk = '7501020101100003'`);
    expect(n).toBe(0);
  });

  it('families reaching most desa of the rollups: all are rebuilt unfiltered, as a full rebuild would', async () => {
    // H6 moves from Kayubulan to Bongo Nol, and MUHAMMAD RIZKY LAMATO (paid, H2 in Bulila) joins it:
    // one family, three of the five desa (refresh.ts ALL_DESAS_SHARE).
    const before = await derived(db.orm.em.fork());
    const after = await update([
      ['7501010101100006', '7501011010500001', 'RAMLI USMAN', '75.02.01.2004', 'L', '1950-10-10', 'KEPALA KELUARGA', 'Bongo Nol', 'Y', '2'],
      ['7501010101100006', '7501021207850001', 'MUHAMMAD RIZKY LAMATO', '75.02.01.2004', 'L', '1985-07-12', 'FAMILI LAIN', 'Bongo Nol', 'Y', '2'],
    ]);
    expect(after.desa_rollup).not.toEqual(before.desa_rollup);
  });

  it('a new family brings the person an unmatched row names', async () => {
    const after = await update([['7501010101100012', '7501020202900009', 'ORANG LUAR', '75.01.01.1001', 'L', '1990-02-02', 'KEPALA KELUARGA', 'Kelurahan Kayubulan', 'Y', '6']]);
    expect(after.payment_match.some((m) => (m as { person_nik: string | null }).person_nik === '7501020202900009')).toBe(true);
  });
});
