import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import type { Database } from '../../server/src/db/database';
import { importFile } from '../../server/src/modules/imports/import.service';
import { DESA, PROGRAMS_CSV, count, csv, dataFingerprint, importText, nik, rows, tmpDir, writeFile, removeTmpDirs } from '../fixtures/imports/helpers';

/** File-level cases (contract §3, issue 3's bad-input list) on the recipients kind. */

let db: Database;
const dir = tmpDir();
const HEADER = ['program', 'tahun', 'tahap', 'kode_desa', 'nominal', 'nik', 'no_kk', 'nama', 'tanggal_salur'];
const N1 = nik('750101', 12, 4, 85, 1); // man, 12 Apr 1985
const N2 = nik('750101', 55, 6, 88, 2); // woman, 15 Jun 1988
const KK = nik('750101', 1, 1, 20, 1);

type Payment = { program: string; year: number; stage: number; desa_code: string; nominal: number; nik: string | null; no_kk: string | null; name: string | null; paid_on: string | null; nik_valid: boolean; nik_issue: string | null; line: number };
const paymentsOf = (batchId: string) =>
  rows<Payment>(
    db.orm,
    `select program, year, stage, desa_code, nominal::float8 as nominal, nik, no_kk, name, to_char(paid_on, 'YYYY-MM-DD') as paid_on, nik_valid, nik_issue, line
     from payment where import_id = ? order by line`,
    [batchId],
  );

beforeAll(async () => {
  db = await openTestDb();
  const r = await importText(db.orm, dir, 'programs', PROGRAMS_CSV);
  expect(r.status).toBe('landed');
});
afterAll(async () => {
  removeTmpDirs();
  await db?.close();
});

/** Imports and checks the file was refused with nothing changed and the attempt recorded. */
async function expectRefused(content: string | Buffer, message: RegExp, name?: string) {
  const before = await dataFingerprint(db.orm);
  const r = await importText(db.orm, dir, 'recipients', content, { name });
  expect(r.status).toBe('refused');
  expect(r.accepted).toBe(0);
  expect(r.message).toMatch(message);
  expect(r.errors[0]!.message).toMatch(message);
  expect(await dataFingerprint(db.orm)).toEqual(before);
  expect(await count(db.orm, `select count(*) from import_batch where id = ? and status = 'refused'`, [r.batchId])).toBe(1);
  return r;
}

describe(`import file formats (${backend})`, () => {
  it('1. refuses an empty file', async () => {
    await expectRefused('', /kosong/);
  });

  it('2. refuses a file of blank lines only (no header)', async () => {
    await expectRefused('\n\r\n\n', /baris judul/);
  });

  it('3. lands nothing from a header-only file, and says so', async () => {
    const before = await dataFingerprint(db.orm);
    const r = await importText(db.orm, dir, 'recipients', HEADER.join(',') + '\n');
    expect(r).toMatchObject({ status: 'landed', accepted: 0, rejected: 0, errors: [] });
    expect(await dataFingerprint(db.orm)).toEqual(before);
  });

  it('4. reads semicolon-delimited CSV (Indonesian Excel) and Indonesian thousands', async () => {
    const r = await importText(
      db.orm,
      dir,
      'recipients',
      csv(
        [
          HEADER,
          ['PKH', 2020, 1, '75.01.01.1001', '1.250.000', N1, KK, 'Ahmad', '2020-04-12'],
          ['BPNT', 2020, 2, '7501011002', '200000', N2, '', 'Siti', ''],
        ],
        ';',
      ),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 2, rejected: 0 });
    expect(await paymentsOf(r.batchId)).toEqual([
      { program: 'PKH', year: 2020, stage: 1, desa_code: DESA.kayubulan, nominal: 1250000, nik: N1, no_kk: KK, name: 'Ahmad', paid_on: '2020-04-12', nik_valid: true, nik_issue: null, line: 2 },
      { program: 'BPNT', year: 2020, stage: 2, desa_code: DESA.kayumerah, nominal: 200000, nik: N2, no_kk: null, name: 'Siti', paid_on: null, nik_valid: true, nik_issue: null, line: 3 },
    ]);
  });

  it('5. strips a UTF-8 BOM before the first header', async () => {
    const r = await importText(db.orm, dir, 'recipients', '\uFEFF' + csv([HEADER, ['PKH', 2020, 3, DESA.kayubulan, 100, N1, '', '', '']]));
    expect(r).toMatchObject({ status: 'landed', accepted: 1 });
    expect((await paymentsOf(r.batchId))[0]!.program).toBe('PKH');
  });

  it('6. decodes Windows-1252 text when the bytes are not UTF-8', async () => {
    const text = csv([HEADER, ['PKH', 2020, 4, DESA.kayubulan, 100, N1, '', 'José Ñañez’s', '']]);
    const bytes = iconv.encode(text, 'win1252');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await importText(db.orm, dir, 'recipients', bytes);
    expect(r).toMatchObject({ status: 'landed', accepted: 1 });
    expect((await paymentsOf(r.batchId))[0]!.name).toBe('José Ñañez’s');
  });

  it('7. keeps quoted newlines in a value and reports the right line after them', async () => {
    const text = [
      HEADER.join(','),
      `PKH,2020,1,${DESA.kayubulan},100,${N1},,"Ahmad`,
      `bin Yusuf",`,
      `PKH,2020,1,${DESA.kayubulan},abc,${N2},,Siti,`,
    ].join('\r\n');
    const r = await importText(db.orm, dir, 'recipients', text + '\r\n');
    expect(r).toMatchObject({ status: 'landed', accepted: 1, rejected: 1 });
    expect((await paymentsOf(r.batchId))[0]).toMatchObject({ name: 'Ahmad bin Yusuf', line: 2 });
    expect(r.errors).toEqual([{ line: 4, column: 'nominal', value: 'abc', message: expect.stringMatching(/Bukan angka/) }]);
  });

  it('8. refuses duplicate header names', async () => {
    await expectRefused(csv([[...HEADER, 'NIK'], ['PKH', 2020, 1, DESA.kayubulan, 1, N1, '', '', '', N2]]), /ganda.*nik/);
  });

  it('9. refuses a header without a required column, naming it', async () => {
    const r = await expectRefused(csv([HEADER.filter((h) => h !== 'nominal'), ['PKH', 2020, 1, DESA.kayubulan, N1, '', '', '']]), /nominal/);
    expect(r.errors[0]).toMatchObject({ line: 1, column: 'nominal' });
  });

  it('10. refuses a recipients header with neither nik nor no_kk', async () => {
    await expectRefused(csv([['program', 'tahun', 'tahap', 'kode_desa', 'nominal'], ['PKH', 2020, 1, DESA.kayubulan, 1]]), /nik atau no_kk/);
  });

  it('11. rejects rows of an unknown program and lands the others', async () => {
    const r = await importText(db.orm, dir, 'recipients', csv([HEADER, ['PKH', 2021, 1, DESA.kayubulan, 1, N1, '', '', ''], ['XYZ', 2021, 1, DESA.kayubulan, 1, N2, '', '', '']]));
    expect(r).toMatchObject({ status: 'landed', accepted: 1, rejected: 1 });
    expect(r.errors).toEqual([{ line: 3, column: 'program', value: 'XYZ', message: expect.stringMatching(/tidak dikenal/) }]);
    expect((await paymentsOf(r.batchId)).map((p) => p.line)).toEqual([2]);
  });

  it('12. rejects unknown or non-desa kode_desa', async () => {
    const r = await importText(
      db.orm,
      dir,
      'recipients',
      csv([HEADER, ['PKH', 2021, 2, '75.01.01.9999', 1, N1, '', '', ''], ['PKH', 2021, 2, '75.01.01', 1, N1, '', '', ''], ['PKH', 2021, 2, 'abc', 1, N1, '', '', ''], ['PKH', 2021, 2, DESA.dembe, 7, N1, '', '', '']]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 1, rejected: 3 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[2, 'kode_desa'], [3, 'kode_desa'], [4, 'kode_desa']]);
    expect(r.errors[0]!.message).toMatch(/75\.01\.01\.9999 tidak dikenal/);
    expect(await paymentsOf(r.batchId)).toMatchObject([{ desa_code: DESA.dembe, line: 5 }]);
  });

  it('13. accepts dotted and undotted codes, any header case/order, lower-case program, extra columns', async () => {
    const r = await importText(
      db.orm,
      dir,
      'recipients',
      csv([
        ['  NIK ', 'Kode Desa', 'catatan', 'PROGRAM', 'Tahun', 'TAHAP', 'Nominal'],
        [N1, '75.71.01.1001', 'x', 'pkh', 2022, 1, 5],
        [N2, '7571011001', 'y', 'Pkh', 2022, 1, 6],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 2 });
    expect((await paymentsOf(r.batchId)).map((p) => [p.program, p.desa_code, p.nominal])).toEqual([
      ['PKH', DESA.dembe, 5],
      ['PKH', DESA.dembe, 6],
    ]);
  });

  it('14. rejects impossible dates and accepts 29 February of a leap year', async () => {
    const r = await importText(
      db.orm,
      dir,
      'recipients',
      csv([HEADER, ['PKH', 2020, 1, DESA.kayubulan, 1, N1, '', '', '2020-02-30'], ['PKH', 2021, 1, DESA.kayubulan, 1, N1, '', '', '2021-02-29'], ['PKH', 2020, 1, DESA.kayubulan, 1, N1, '', '', '2020-02-29'], ['PKH', 2020, 1, DESA.kayubulan, 1, N1, '', '', '2020-13-01']]),
    );
    expect(r).toMatchObject({ accepted: 1, rejected: 3 });
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(r.errors[0]!.message).toMatch(/tidak ada di kalender/);
    expect((await paymentsOf(r.batchId))[0]!.paid_on).toBe('2020-02-29');
  });

  it('15. refuses dd/mm/yyyy dates with a hint', async () => {
    const r = await importText(db.orm, dir, 'recipients', csv([HEADER, ['PKH', 2020, 1, DESA.kayubulan, 1, N1, '', '', '12/04/2020']]));
    expect(r).toMatchObject({ accepted: 0, rejected: 1 });
    expect(r.errors[0]).toMatchObject({ column: 'tanggal_salur', value: '12/04/2020' });
    expect(r.errors[0]!.message).toMatch(/YYYY-MM-DD.*2020-04-12/);
  });

  it('16. rejects negative and non-numeric nominal; reads Indonesian and English grouping', async () => {
    const amounts = ['-5000', 'lima ribu', '(100)', '1.250.000', 'Rp 300.000', '1.250', '1250000,50', '1,250,000.75', '1.25.000', ''];
    const r = await importText(db.orm, dir, 'recipients', csv([HEADER, ...amounts.map((a) => ['PKH', 2023, 1, DESA.kayubulan, `"${a}"`, N1, '', '', ''])]));
    expect(r).toMatchObject({ accepted: 5, rejected: 5 });
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 10, 11]);
    expect(r.errors[0]!.message).toMatch(/negatif/);
    expect(r.errors[4]!.message).toMatch(/Wajib/);
    expect((await paymentsOf(r.batchId)).map((p) => p.nominal)).toEqual([1250000, 300000, 1250, 1250000.5, 1250000.75]);
  });

  it('17. rejects a NIK in scientific notation and says why', async () => {
    const r = await importText(db.orm, dir, 'recipients', csv([HEADER, ['PKH', 2020, 1, DESA.kayubulan, 1, '7.50101E+15', KK, '', ''], ['PKH', 2020, 1, DESA.kayubulan, 1, N1, '"7,50101E+15"', '', '']]));
    expect(r).toMatchObject({ accepted: 0, rejected: 2 });
    expect(r.errors.map((e) => e.column)).toEqual(['nik', 'no_kk']);
    expect(r.errors[0]!.message).toMatch(/notasi ilmiah.*digit terakhir.*hilang/);
  });

  it('18. keeps a present-but-invalid NIK (and an empty NIK beside a No. KK) flagged; neither NIK nor KK is rejected', async () => {
    const r = await importText(
      db.orm,
      dir,
      'recipients',
      csv([
        HEADER,
        ['PKH', 2024, 1, DESA.kayubulan, 1, '123', '', '', ''],
        ['PKH', 2024, 1, DESA.kayubulan, 1, '', KK, '', ''],
        ['PKH', 2024, 1, DESA.kayubulan, 1, nik('999999', 1, 1, 80, 1), '', '', ''],
        ['PKH', 2024, 1, DESA.kayubulan, 1, nik('750101', 30, 2, 80, 1), '', '', ''],
        ['PKH', 2024, 1, DESA.kayubulan, 1, nik('750101', 1, 1, 80, 0), '', '', ''],
        ['PKH', 2024, 1, DESA.kayubulan, 1, '', '', 'tanpa identitas', ''],
      ]),
    );
    expect(r).toMatchObject({ status: 'landed', accepted: 5, rejected: 1, invalidNik: 5 });
    expect(r.errors).toEqual([{ line: 7, column: 'nik', value: null, message: expect.stringMatching(/nik atau no_kk/) }]);
    expect((await paymentsOf(r.batchId)).map((p) => [p.nik_valid, p.nik_issue])).toEqual([
      [false, 'NOT_16_DIGITS'],
      [false, 'EMPTY'],
      [false, 'UNKNOWN_REGION'],
      [false, 'BAD_DATE'],
      [false, 'SERIAL_ZERO'],
    ]);
  });

  it('19. --strict refuses the whole file when one row is rejected; without it the same bytes land', async () => {
    const text = csv([HEADER, ['PKH', 2019, 1, DESA.kayubulan, 10, N1, '', '', ''], ['PKH', 2019, 1, DESA.kayubulan, -1, N2, '', '', '']]);
    const before = await dataFingerprint(db.orm);
    const strict = await importText(db.orm, dir, 'recipients', text, { strict: true });
    expect(strict).toMatchObject({ status: 'refused', accepted: 0, rejected: 1 });
    expect(strict.errors[0]).toMatchObject({ line: 3, column: 'nominal' });
    expect(await dataFingerprint(db.orm)).toEqual(before);
    // a refused import does not count as imported: the same bytes land afterwards
    const lenient = await importText(db.orm, dir, 'recipients', text);
    expect(lenient).toMatchObject({ status: 'landed', accepted: 1, rejected: 1 });
  });

  it('20. the same bytes again change nothing and say so (any file name)', async () => {
    const text = csv([HEADER, ['BPNT', 2018, 1, DESA.kayubulan, 10, N1, '', '', '']]);
    const first = await importText(db.orm, dir, 'recipients', text, { name: 'a.csv' });
    expect(first.status).toBe('landed');
    const before = await dataFingerprint(db.orm);
    const again = await importText(db.orm, dir, 'recipients', text, { name: 'b.csv' });
    expect(again).toMatchObject({ status: 'unchanged', accepted: 0, rejected: 0, file: 'b.csv' });
    expect(again.message).toContain(`#${first.batchId}`);
    expect(await dataFingerprint(db.orm)).toEqual(before);
    const history = await rows<{ status: string; content_hash: string }>(db.orm, `select status, content_hash from import_batch where id in (?, ?) order by id`, [first.batchId, again.batchId]);
    expect(history.map((h) => h.status)).toEqual(['landed', 'unchanged']);
    expect(history[0]!.content_hash).toBe(history[1]!.content_hash);
  });

  it('21. refuses files that are not CSV or XLSX', async () => {
    await expectRefused(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), /PDF/);
    await expectRefused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /PNG/);
    await expectRefused(Buffer.from([0x01, 0x02, 0x00, 0x03, 0x04, 0x00]), /biner/);
    await expectRefused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /\.xls.*\.xlsx/);
  });

  it('22. refuses a CSV that cannot be parsed (unclosed quote)', async () => {
    await expectRefused(`${HEADER.join(',')}\nPKH,2020,1,${DESA.kayubulan},1,"${N1},,,\n`, /tidak dapat diurai.*kutip.*baris 2/);
  });

  it('22b. finds an unclosed quote far from the end, and a stray quote after a quoted value, with their lines', async () => {
    // ~3 MB: the open quote's record runs across every later read chunk (1 MB) to the end of the file
    const good = `PKH,2020,1,${DESA.kayubulan},100,${N1},,Ahmad,`;
    const body = Array.from({ length: 60_000 }, () => good);
    const open = [HEADER.join(','), good, `PKH,2020,1,${DESA.kayubulan},1,"${N2},,,`, ...body].join('\n') + '\n';
    await expectRefused(open, /kutip.*dibuka di baris 3 .*tidak pernah ditutup/);
    const stray = [HEADER.join(','), ...body.slice(0, 20_000), `PKH,2020,1,${DESA.kayubulan},1,${N2},,"Siti" Aminah,`, good].join('\n') + '\n';
    await expectRefused(stray, /tidak dapat diurai di sekitar baris 20002/);
  });

  it('22c. reads quoted line breaks across read chunks, and an LF file with a few CRLF lines, counting lines right', async () => {
    const good = `PKH,2020,1,${DESA.kayubulan},100,${N1},,Ahmad,`;
    // the quoted value lands after the first 1 MB chunk; CRLF lines in an LF file keep no stray CR
    const filler = Array.from({ length: 25_000 }, () => good);
    const lines = [HEADER.join(','), ...filler, `PKH,2020,1,${DESA.kayubulan},200,${N2},,"Siti\r\nAminah",`, `PKH,2020,1,${DESA.kayubulan},x,${N2},,Siti,`];
    const text = lines.join('\n') + '\n' + `PKH,2020,2,${DESA.kayubulan},300,${N2},,Lina,2020-05-01\r\n` + `PKH,2020,2,${DESA.kayubulan},y,${N2},,Lina,\r\n`;
    const r = await importText(db.orm, dir, 'recipients', text);
    expect(r).toMatchObject({ status: 'landed', accepted: 25_002, rejected: 2 });
    // header 1, filler 2…25001, the quoted value 25002–25003, the bad row 25004, Lina 25005, bad 25006
    expect(r.errors.map((e) => [e.line, e.value])).toEqual([
      [25004, 'x'],
      [25006, 'y'],
    ]);
    const paid = await rows<{ name: string; line: number; paid_on: string | null }>(
      db.orm,
      `select name, line, to_char(paid_on, 'YYYY-MM-DD') as paid_on from payment where import_id = ? and nominal > 100 order by line`,
      [r.batchId],
    );
    expect(paid).toEqual([
      { name: 'Siti Aminah', line: 25002, paid_on: null },
      { name: 'Lina', line: 25005, paid_on: '2020-05-01' },
    ]);
  });

  it('23. refuses a ZIP that is no workbook', async () => {
    await expectRefused(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /XLSX tidak dapat dibaca/, 'broken.xlsx');
  });

  it('24. reads UTF-16 tab-separated text (Excel "Unicode Text")', async () => {
    const text = csv([HEADER, ['PKH', 2017, 1, DESA.kayubulan, 10, N1, '', 'Dewi Sartika', '']], '\t');
    const r = await importText(db.orm, dir, 'recipients', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), { name: 'unicode.txt' });
    expect(r).toMatchObject({ status: 'landed', accepted: 1 });
    expect((await paymentsOf(r.batchId))[0]!.name).toBe('Dewi Sartika');
  });

  it('25. XLSX: first sheet only, date cells, numeric codes, exact and Excel-truncated numeric NIKs', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Penerima');
    ws.addRow(HEADER);
    ws.addRow(['PKH', 2016, 1, 7501011001, 1250000, N1, KK, 'Ahmad', new Date(Date.UTC(2016, 2, 31))]);
    ws.addRow(['PKH', 2016, 1, '75.01.01.1002', '1.250.000', 7501011204850001, '', 'Numeric NIK', '2016-04-01']);
    ws.addRow(['PKH', 2016, 1, DESA.kayubulan, 1, 7501011204850000, '', 'Truncated', '']);
    ws.addRow(['PKH', 2016, 1, DESA.kayubulan, 1, N2, '', 'Serial date', 42000]);
    const other = wb.addWorksheet('Catatan');
    other.addRow(HEADER);
    other.addRow(['PKH', 2016, 9, DESA.kayubulan, 999, N1, '', 'second sheet', '']);
    const file = writeFile(dir, 'penerima.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await importFile(db.orm, { kind: 'recipients', filePath: file });
    expect(r).toMatchObject({ status: 'landed', accepted: 2, rejected: 2 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[4, 'nik'], [5, 'tanggal_salur']]);
    expect(r.errors[0]!.message).toMatch(/angka.*15 digit/);
    expect((await paymentsOf(r.batchId)).map((p) => [p.desa_code, p.nominal, p.nik, p.paid_on, p.line])).toEqual([
      [DESA.kayubulan, 1250000, N1, '2016-03-31', 2],
      [DESA.kayumerah, 1250000, '7501011204850001', '2016-04-01', 3],
    ]);
  });

  it('26. streams a file of 25,000 rows (several staging chunks) exactly', async () => {
    const lines = [HEADER.join(',')];
    let sum = 0;
    for (let i = 0; i < 25_000; i++) {
      const amount = 1000 + (i % 97);
      sum += amount;
      lines.push(`PKH,2015,${1 + (i % 4)},${i % 2 ? DESA.kayubulan : '75.71.01.1001'},${amount},${nik('750101', 1 + (i % 28), 1 + (i % 12), i % 100, 1 + (i % 9999))},,"Nama ${i}, ""x""\\y",`);
    }
    const r = await importText(db.orm, dir, 'recipients', lines.join('\n') + '\n');
    expect(r).toMatchObject({ status: 'landed', accepted: 25_000, rejected: 0, invalidNik: 0 });
    const [agg] = await rows<{ n: number; s: number; lines: number; name: string }>(
      db.orm,
      `select count(*)::int n, sum(nominal)::float8 s, count(distinct line)::int lines, min(name) filter (where line = 2) name from payment where import_id = ?`,
      [r.batchId],
    );
    expect(agg).toEqual({ n: 25_000, s: sum, lines: 25_000, name: 'Nama 0, "x"\\y' });
  });
});
