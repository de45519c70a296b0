import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import type { Database } from '../../server/src/db/database';
import { BULK_MIN_ROWS } from '../../server/src/modules/imports/bulk';
import { DESA, csv, dataFingerprint, importText, nik, rows, tmpDir, removeTmpDirs } from '../fixtures/imports/helpers';

/** The households kind: a snapshot of the families in the file (contract §3). */

let db: Database;
const dir = tmpDir();
const H = ['no_kk', 'nik', 'nama', 'kode_desa', 'jenis_kelamin', 'tanggal_lahir', 'hubungan', 'alamat', 'dtks', 'desil'];
const KEPALA = 'KEPALA KELUARGA';
const kk = (n: number) => nik('750101', 1, 1, 20, n);
const p = (n: number) => nik('750101', 10, 3, 80, n);

type Hh = { no_kk: string; desa_code: string; kab_code: string; dtks: boolean; desil: number | null; head_nik: string | null; address: string | null };
type Pr = { nik: string; no_kk: string; name: string; name_norm: string; sex: string | null; birth_date: string | null; relation: string | null; nik_valid: boolean; nik_issue: string | null; kab_code: string };
const households = () => rows<Hh>(db.orm, `select no_kk, desa_code, kab_code, dtks, desil, head_nik, address from household order by no_kk`);
const members = async (noKk: string) =>
  (await rows<{ nik: string }>(db.orm, `select nik from person where no_kk = ? order by nik`, [noKk])).map((r) => r.nik);
const person = async (n: string) =>
  (await rows<Pr>(db.orm, `select nik, no_kk, name, name_norm, sex, to_char(birth_date, 'YYYY-MM-DD') as birth_date, relation, nik_valid, nik_issue, kab_code from person where nik = ?`, [n]))[0];

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  removeTmpDirs();
  await db?.close();
});

describe(`households import (${backend})`, () => {
  it('lands families, taking attributes from the head row or else the first row', async () => {
    const r = await importText(
      db.orm,
      dir,
      'households',
      csv([
        H,
        [kk(1), p(1), 'H. Ahmad bin Yusuf', '75.01.01.1001', 'L', '1980-03-10', 'Kepala Keluarga', 'Jl. Merdeka 1', 'Y', 2],
        [kk(1), p(2), 'Siti Aminah', '75.01.01.1001', 'p', '1982-05-01', 'ISTRI', '', 'y', 2],
        [kk(1), p(3), 'Rina', '7501011001', '', '', 'ANAK', '', '', ''],
        [kk(2), p(4), 'Budi', DESA.kayumerah, 'L', '', 'ISTRI', '', 'N', ''],
        [kk(2), p(5), 'Ani', DESA.kayumerah, 'P', '', KEPALA, 'Jl. Kedua', 'N', 7],
        [kk(3), p(6), 'Cici', DESA.hunggaluwa, 'P', '', 'ANAK', 'Jl. Tiga', 'Y', 5],
        [kk(3), p(7), 'Coco', DESA.dembe, 'L', '', 'ANAK', '', 'N', 9],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 7, rejected: 0, invalidNik: 0 });
    expect(await households()).toEqual([
      { no_kk: kk(1), desa_code: DESA.kayubulan, kab_code: '7501', dtks: true, desil: 2, head_nik: p(1), address: 'Jl. Merdeka 1' },
      // the head row is the second row: it counts, not the first
      { no_kk: kk(2), desa_code: DESA.kayumerah, kab_code: '7501', dtks: false, desil: 7, head_nik: p(5), address: 'Jl. Kedua' },
      // no head row: the first row of the family counts
      { no_kk: kk(3), desa_code: DESA.hunggaluwa, kab_code: '7501', dtks: true, desil: 5, head_nik: null, address: 'Jl. Tiga' },
    ]);
    expect(await person(p(1))).toEqual({
      nik: p(1), no_kk: kk(1), name: 'H. Ahmad bin Yusuf', name_norm: 'AHMAD', sex: 'L', birth_date: '1980-03-10',
      relation: KEPALA, nik_valid: true, nik_issue: null, kab_code: '7501',
    });
    expect((await person(p(2)))!.sex).toBe('P');
    // a member living in another desa still belongs to the family's kab/kota
    expect((await person(p(7)))!.kab_code).toBe('7501');
  });

  it('replaces the members and attributes of each family in the file; moves NIKs; empties leave; others untouched', async () => {
    const r = await importText(
      db.orm,
      dir,
      'households',
      csv([
        H,
        [kk(1), p(1), 'Ahmad', DESA.kayubulan, 'L', '1980-03-10', KEPALA, 'Jl. Baru', 'N', 3],
        [kk(1), p(2), 'Siti Aminah', DESA.kayubulan, 'P', '1982-05-01', 'ISTRI', '', 'N', 3],
        [kk(4), p(4), 'Budi', DESA.dembe, 'L', '', KEPALA, '', 'Y', 1],
        [kk(4), p(5), 'Ani', DESA.dembe, 'P', '', 'ISTRI', '', 'Y', 1],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 4, rejected: 0 });
    expect(await households()).toEqual([
      { no_kk: kk(1), desa_code: DESA.kayubulan, kab_code: '7501', dtks: false, desil: 3, head_nik: p(1), address: 'Jl. Baru' },
      // kk(2) lost both members to kk(4): it left the roster
      { no_kk: kk(3), desa_code: DESA.hunggaluwa, kab_code: '7501', dtks: true, desil: 5, head_nik: null, address: 'Jl. Tiga' },
      { no_kk: kk(4), desa_code: DESA.dembe, kab_code: '7571', dtks: true, desil: 1, head_nik: p(4), address: null },
    ]);
    expect(await members(kk(1))).toEqual([p(1), p(2)]); // p(3) was not in the file: left the roster
    expect(await person(p(3))).toBeUndefined();
    expect(await members(kk(3))).toEqual([p(6), p(7)]);
    expect(await members(kk(4))).toEqual([p(4), p(5)]);
    expect((await person(p(4)))!.kab_code).toBe('7571');
    expect((await person(p(1)))!.name).toBe('Ahmad');
  });

  it('keeps the distinct names behind the name search equal to the names in the roster', async () => {
    const names = async () => (await rows<{ name: string }>(db.orm, `select name from person_name order by name`)).map((r) => r.name);
    const roster = async () => (await rows<{ name: string }>(db.orm, `select distinct lower(name) as name from person order by 1`)).map((r) => r.name);
    // after the previous test: 'H. Ahmad bin Yusuf' was renamed Ahmad, Rina left the roster
    expect(await names()).toEqual(await roster());
    expect(await names()).toEqual(expect.arrayContaining(['ahmad', 'siti aminah', 'budi', 'ani']));
    expect(await names()).not.toContain('h. ahmad bin yusuf');
    expect(await names()).not.toContain('rina');
    // a name still carried by someone else stays; a new one arrives
    await importText(db.orm, dir, 'households', csv([H, [kk(7), p(30), 'Cici', DESA.kayubulan, 'P', '', KEPALA, '', 'Y', 1]]));
    await importText(db.orm, dir, 'households', csv([H, [kk(7), p(30), 'Cici Lestari', DESA.kayubulan, 'P', '', KEPALA, '', 'Y', 1]]));
    expect(await names()).toEqual(await roster());
    expect(await names()).toEqual(expect.arrayContaining(['cici', 'cici lestari']));
  });

  it('a family a person leaves keeps its attributes while it has members', async () => {
    const r = await importText(db.orm, dir, 'households', csv([H, [kk(5), p(2), 'Siti Aminah', DESA.kayumerah, 'P', '', KEPALA, '', 'Y', 4]]));
    expect(r).toMatchObject({ status: 'landed', accepted: 1 });
    expect(await members(kk(1))).toEqual([p(1)]);
    expect((await households()).find((h) => h.no_kk === kk(1))).toMatchObject({ dtks: false, desil: 3, head_nik: p(1), desa_code: DESA.kayubulan });
    expect((await households()).find((h) => h.no_kk === kk(5))).toMatchObject({ dtks: true, desil: 4, head_nik: p(2), desa_code: DESA.kayumerah });
  });

  it('with two head rows the first counts; both persons are members', async () => {
    await importText(
      db.orm,
      dir,
      'households',
      csv([H, [kk(6), p(20), 'Dodi', DESA.kayubulan, 'L', '', KEPALA, '', 'Y', 1], [kk(6), p(21), 'Dedi', DESA.kayumerah, 'L', '', KEPALA, '', 'N', 9]]),
    );
    expect((await households()).find((h) => h.no_kk === kk(6))).toMatchObject({ head_nik: p(20), desa_code: DESA.kayubulan, dtks: true, desil: 1 });
    expect(await members(kk(6))).toEqual([p(20), p(21)]);
  });

  it('rejects a second row with the same NIK as a structural error (the first counts)', async () => {
    const r = await importText(
      db.orm,
      dir,
      'households',
      csv([H, [kk(7), p(30), 'Eka', DESA.kayubulan, 'P', '', KEPALA, '', 'N', ''], [kk(8), p(30), 'Eko', DESA.kayubulan, 'L', '', KEPALA, '', 'N', ''], [kk(8), p(31), 'Ela', DESA.kayubulan, 'P', '', 'ISTRI', '', 'N', '']]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 2, rejected: 1 });
    expect(r.errors).toEqual([{ line: 3, column: 'nik', value: p(30), message: expect.stringMatching(/baris 2/) }]);
    expect((await person(p(30)))!).toMatchObject({ no_kk: kk(7), name: 'Eka' });
    expect(await members(kk(8))).toEqual([p(31)]);
  });

  it('keeps a roster row with an invalid NIK, flagged', async () => {
    const r = await importText(db.orm, dir, 'households', csv([H, [kk(9), '12345', 'Tono', DESA.kayubulan, 'L', '', KEPALA, '', 'N', ''], [kk(9), nik('750101', 72, 1, 80, 1), 'Tini', DESA.kayubulan, 'P', '', 'ISTRI', '', 'N', '']]));
    expect(r).toMatchObject({ status: 'landed', accepted: 2, rejected: 0, invalidNik: 2 });
    expect(await person('12345')).toMatchObject({ nik_valid: false, nik_issue: 'NOT_16_DIGITS' });
    expect(await person(nik('750101', 72, 1, 80, 1))).toMatchObject({ nik_valid: false, nik_issue: 'BAD_DATE' });
  });

  it('a rejected row changes nothing: its person stays in the family', async () => {
    const r = await importText(
      db.orm,
      dir,
      'households',
      csv([H, [kk(6), p(20), 'Dodi', DESA.kayubulan, 'L', '', KEPALA, '', 'Y', 1], [kk(6), p(21), 'Dedi', DESA.kayubulan, 'L', '31/12/1990', 'ANAK', '', 'N', '']]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 1, rejected: 1 });
    expect(await members(kk(6))).toEqual([p(20), p(21)]);
    expect((await person(p(21)))!.relation).toBe(KEPALA); // unchanged
  });

  it('rejects rows with a missing required value, a bad enum or an unknown desa', async () => {
    const r = await importText(
      db.orm,
      dir,
      'households',
      csv([
        H,
        [kk(10), p(40), '', DESA.kayubulan, 'L', '', KEPALA, '', 'N', ''],
        [kk(10), p(41), 'X', DESA.kayubulan, 'Laki-laki', '', 'ANAK', '', 'N', ''],
        [kk(10), p(42), 'Y', DESA.kayubulan, 'L', '', 'ANAK', '', 'T', ''],
        [kk(10), p(43), 'Z', '75.01.01.9999', 'L', '', 'ANAK', '', 'N', ''],
        ['', p(44), 'W', DESA.kayubulan, 'L', '', 'ANAK', '', 'N', ''],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 0, rejected: 5 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[2, 'nama'], [3, 'jenis_kelamin'], [4, 'dtks'], [5, 'kode_desa'], [6, 'no_kk']]);
    expect(r.errors[1]!.message).toMatch(/L, P/);
    expect(await members(kk(10))).toEqual([]);
  });

  it('--strict refuses a households file with a duplicate NIK and changes nothing', async () => {
    const before = await dataFingerprint(db.orm);
    const r = await importText(db.orm, dir, 'households', csv([H, [kk(1), p(50), 'A', DESA.kayubulan, 'L', '', KEPALA, '', 'N', ''], [kk(1), p(50), 'B', DESA.kayubulan, 'L', '', 'ANAK', '', 'N', '']]), { strict: true });
    expect(r).toMatchObject({ status: 'refused', accepted: 0, rejected: 1 });
    expect(await dataFingerprint(db.orm)).toEqual(before);
  });

  it('re-importing the same bytes is unchanged, with the data as it was', async () => {
    const text = csv([H, [kk(11), p(60), 'Gita', DESA.kayubulan, 'P', '', KEPALA, '', 'Y', 2]]);
    expect((await importText(db.orm, dir, 'households', text)).status).toBe('landed');
    const before = await dataFingerprint(db.orm);
    expect((await importText(db.orm, dir, 'households', text)).status).toBe('unchanged');
    expect(await dataFingerprint(db.orm)).toEqual(before);
  });

  it('a load as large as the roster (bulk path) re-creates keys, indexes and foreign keys as they were, and the keys hold', async () => {
    const schema = () =>
      rows<{ name: string; def: string }>(
        db.orm,
        `select indexname as name, indexdef as def from pg_indexes where tablename in ('person', 'household', 'person_name')
         union all select conname, pg_get_constraintdef(oid) from pg_constraint
         where conrelid in ('person'::regclass, 'household'::regclass, 'person_name'::regclass)
         order by 1, 2`,
      );
    const before = await schema();
    expect(before.map((r) => r.name)).toEqual(expect.arrayContaining(['person_pkey', 'household_pkey', 'person_no_kk_fkey', 'person_name_trgm_idx', 'person_name_pkey', 'person_lower_name_idx']));
    const ROWS = 70_000; // ≈ 5.6 MB: estimated (bytes / 100) ≥ BULK_MIN_ROWS, more than the roster holds (imports/bulk.ts)
    const family = (i: number) => `7501019${String(Math.floor(i / 4)).padStart(9, '0')}`;
    const person = (i: number) => nik('750102', 1 + (i % 28), 1 + (Math.floor(i / 28) % 12), 70, 1 + Math.floor(i / 336));
    const lines = [H.join(',')];
    for (let i = 0; i < ROWS; i++) lines.push([family(i), person(i), `Warga Nomor ${i}`, DESA.kayumerah, i % 2 ? 'L' : 'P', '', i % 4 ? 'ANAK' : KEPALA, '', 'N', ''].join(','));
    const text = lines.join('\n') + '\n';
    expect(Buffer.byteLength(text) / 100).toBeGreaterThanOrEqual(BULK_MIN_ROWS);
    const r = await importText(db.orm, dir, 'households', text);
    expect(r).toMatchObject({ status: 'landed', accepted: ROWS, rejected: 0 });
    expect(await schema()).toEqual(before);
    expect(await members(family(5))).toEqual([person(4), person(5), person(6), person(7)].sort());
    expect((await households()).find((h) => h.no_kk === family(8))).toMatchObject({ head_nik: person(8), desa_code: DESA.kayumerah });
    // the re-created primary key is a real one
    await expect(
      db.orm.em.fork().execute(`insert into person (nik, no_kk, name, nik_valid, kab_code) values (?, ?, 'Kembar', true, '7501')`, [person(9), family(9)]),
    ).rejects.toThrow(/duplicate key|person_pkey/);
  });
});
