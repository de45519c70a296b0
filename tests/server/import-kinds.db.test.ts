import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import type { Database } from '../../server/src/db/database';
import { DESA, PROGRAMS_CSV, csv, dataFingerprint, importText, nik, rows, tmpDir, removeTmpDirs } from '../fixtures/imports/helpers';

/** programs, civil-events and budgets (contract §3). */

let db: Database;
const dir = tmpDir();

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  removeTmpDirs();
  await db?.close();
});

describe(`programs import (${backend})`, () => {
  it('lands the catalogue and replaces a program with the same code', async () => {
    expect(await importText(db.orm, dir, 'programs', PROGRAMS_CSV)).toMatchObject({ status: 'landed', accepted: 4 });
    const r = await importText(
      db.orm,
      dir,
      'programs',
      csv([
        ['Kode', 'Nama', 'Sumber_Dana', 'Nominal_Bulanan'],
        ['pkh', 'PKH (baru)', 'pusat', '"1.250.000"'],
        ['BST', 'Bantuan Sosial Tunai', 'PUSAT', '600000'],
        ['BST', 'Bantuan Sosial Tunai lagi', 'PUSAT', '300000'],
        ['JPS PROV', 'spasi di kode', 'PROVINSI', ''],
        ['JPS-PROV', 'JPS Provinsi', 'APBD', ''],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 2, rejected: 3 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[4, 'kode'], [5, 'kode'], [6, 'sumber_dana']]);
    expect(await rows(db.orm, `select code, name, funding_source, monthly_amount::float8 as monthly from program order by code`)).toEqual([
      { code: 'BLT-DD', name: 'BLT Dana Desa', funding_source: 'DESA', monthly: 300000 },
      { code: 'BPNT', name: 'Bantuan Pangan Non Tunai', funding_source: 'PUSAT', monthly: 200000 },
      { code: 'BST', name: 'Bantuan Sosial Tunai', funding_source: 'PUSAT', monthly: 600000 },
      { code: 'JPS-KAB', name: 'JPS Kabupaten', funding_source: 'KABUPATEN', monthly: 250000 },
      { code: 'PKH', name: 'PKH (baru)', funding_source: 'PUSAT', monthly: 1250000 },
    ]);
  });

  it('an operator may not import the national catalogue', async () => {
    const before = await dataFingerprint(db.orm);
    const r = await importText(db.orm, dir, 'programs', csv([['kode', 'nama'], ['X1', 'x']]), { allowedRegion: '7501' });
    expect(r).toMatchObject({ status: 'refused' });
    expect(r.message).toMatch(/hanya ADMIN/);
    expect(await dataFingerprint(db.orm)).toEqual(before);
  });
});

describe(`civil-events import (${backend})`, () => {
  const N = nik('750101', 12, 4, 85, 1);
  it('records deaths and moves; PINDAH needs a known destination desa', async () => {
    const r = await importText(
      db.orm,
      dir,
      'civil-events',
      csv([
        ['nik', 'peristiwa', 'tanggal', 'kode_desa_tujuan'],
        [N, 'meninggal', '2020-05-01', ''],
        [N, 'PINDAH', '2020-06-01', '75.71.01.1001'],
        [N, 'PINDAH', '2020-06-02', ''],
        [N, 'PINDAH', '2020-06-03', '75.71.01.9999'],
        [N, 'LAHIR', '2020-06-04', ''],
        [N, 'MENINGGAL', '01-05-2020', ''],
        ['12345', 'MENINGGAL', '2020-07-01', ''],
        ['', 'MENINGGAL', '2020-07-01', ''],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 3, rejected: 5, invalidNik: 1 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[4, 'kode_desa_tujuan'], [5, 'kode_desa_tujuan'], [6, 'peristiwa'], [7, 'tanggal'], [9, 'nik']]);
    expect(
      await rows(db.orm, `select nik, event, to_char(event_date, 'YYYY-MM-DD') as d, dest_desa_code as dest, line from civil_event where import_id = ? order by line`, [r.batchId]),
    ).toEqual([
      { nik: N, event: 'MENINGGAL', d: '2020-05-01', dest: null, line: 2 },
      { nik: N, event: 'PINDAH', d: '2020-06-01', dest: DESA.dembe, line: 3 },
      { nik: '12345', event: 'MENINGGAL', d: '2020-07-01', dest: null, line: 8 },
    ]);
  });

  it('an operator may record events only for persons of their region', async () => {
    const outside = nik('757101', 1, 1, 70, 1); // not in the roster; its kecamatan 75.71.01 is outside 75.01
    const r = await importText(
      db.orm,
      dir,
      'civil-events',
      csv([['nik', 'peristiwa', 'tanggal'], [N, 'MENINGGAL', '2021-01-01'], [outside, 'MENINGGAL', '2021-01-01']]),
      { allowedRegion: '7501' },
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 1, rejected: 1 });
    expect(r.errors[0]).toMatchObject({ line: 3, column: 'nik', message: expect.stringMatching(/di luar wilayah/) });
  });
});

describe(`budgets import (${backend})`, () => {
  const B = ['program', 'tahun', 'kode_wilayah', 'pagu', 'tahap', 'realisasi'];
  it('lands lines at any level, empty stage = whole year, empty realisasi = 0; rejects unknown regions and duplicates', async () => {
    const r = await importText(
      db.orm,
      dir,
      'budgets',
      csv([
        B,
        ['JPS-KAB', 2020, '75', '"17.120.000.000"', '', '"15.470.000.000"'],
        ['JPS-KAB', 2020, '75.01', '1000000', 3, ''],
        ['JPS-KAB', 2020, '7501', '2000000', 3, '500'],
        ['JPS-KAB', 2020, '99.99', '1000', '', ''],
        ['JPS-KAB', 2020, DESA.kayubulan, '-1', '', ''],
        ['PKH', 2020, '75.01.01', '5000', 1, '4000'],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 3, rejected: 3 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[4, 'kode_wilayah'], [5, 'kode_wilayah'], [6, 'pagu']]);
    expect(r.errors[0]!.message).toMatch(/Baris 3/);
    expect(await rows(db.orm, `select program, year, stage, region_code, allocated::float8 a, disbursed::float8 d from budget_line order by line`)).toEqual([
      { program: 'JPS-KAB', year: 2020, stage: null, region_code: '75', a: 17120000000, d: 15470000000 },
      { program: 'JPS-KAB', year: 2020, stage: 3, region_code: '7501', a: 1000000, d: 0 },
      { program: 'PKH', year: 2020, stage: 1, region_code: '750101', a: 5000, d: 4000 },
    ]);
  });

  it('a later file replaces the line with the same program, year, stage and region (no doubling)', async () => {
    const r = await importText(db.orm, dir, 'budgets', csv([B, ['JPS-KAB', 2020, '7501', '1000000', 3, '750000'], ['JPS-KAB', 2020, '7502', '3000', 3, '']]));
    expect(r).toMatchObject({ status: 'landed', accepted: 2 });
    expect(await rows(db.orm, `select region_code, stage, allocated::float8 a, disbursed::float8 d from budget_line where program = 'JPS-KAB' order by region_code`)).toEqual([
      { region_code: '75', stage: null, a: 17120000000, d: 15470000000 },
      { region_code: '7501', stage: 3, a: 1000000, d: 750000 },
      { region_code: '7502', stage: 3, a: 3000, d: 0 },
    ]);
  });
});
