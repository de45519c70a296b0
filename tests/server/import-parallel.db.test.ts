import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDb } from '../setup/test-db';
import type { Database } from '../../server/src/db/database';
import { csvLayout, splitCsv } from '../../server/src/modules/imports/read-file';
import { DESA, dataFingerprint, importText, nik, removeTmpDirs, rows, tmpDir, writeFile } from '../fixtures/imports/helpers';

/**
 * A large CSV is validated in worker threads, one byte range each (read-parallel.ts). Whatever the
 * file holds — quoted line breaks, doubled quotes, blank lines, rejected rows, a duplicate NIK
 * across a cut, CRLF, Windows-1252 — the parallel read must land exactly what the sequential
 * read lands and report the same errors on the same lines.
 */

let seq: Database;
let par: Database;
const dir = tmpDir();
const H = 'no_kk,nik,nama,kode_desa,jenis_kelamin,tanggal_lahir,hubungan,alamat,dtks,desil';
const desas = [DESA.kayubulan, DESA.kayumerah, DESA.hunggaluwa, DESA.dembe];

/** A roster of `families` families of three, with the awkward cases spread through it. */
function roster(families: number, eol: string): string {
  const lines: string[] = ['', H]; // a blank line before the header
  for (let f = 1; f <= families; f++) {
    const kk = nik('750101', 1 + (f % 28), 1 + (f % 12), 10, f);
    const desa = desas[f % desas.length]!;
    for (let m = 0; m < 3; m++) {
      const n = nik('750101', 1 + (m * 7 + f) % 28, 1 + (f % 12), 80 + m, f);
      let address = `Dusun ${f % 5}`;
      if (f % 97 === 0) address = `"Jl. Panjang${eol}RT ${m}, RW 2"`; // a line break inside a quoted value
      else if (f % 89 === 0) address = `"Rumah ""Biru"", No. ${m}"`; // doubled quotes
      else if (f % 83 === 0) address = `Blok 5'7" Timur`; // a quote inside an unquoted value is a character
      else if (f % 7 === 0) address = `"Dusun ${f % 5}, RT 0${m}"`;
      const sex = f % 211 === 0 && m === 1 ? 'X' : m === 1 ? 'P' : 'L'; // rejected: no such sex
      const birth = f % 223 === 0 && m === 2 ? '31/12/1990' : `19${80 + m}-0${1 + (f % 9)}-1${m}`; // rejected: dd/mm/yyyy
      const name = m === 0 ? `Ahmad bin Yusuf ${f}` : f % 50 === 0 ? `Siti Aminah ${f}` : `Réné ${f}`;
      lines.push([kk, n, name, desa, sex, birth, m === 0 ? 'KEPALA KELUARGA' : 'ANAK', address, f % 3 ? 'Y' : 'N', 1 + (f % 10)].join(','));
      if (f % 113 === 0 && m === 0) lines.push(''); // blank lines among the rows
    }
  }
  // the NIK of the first person again, at the end: a duplicate across every cut
  lines.push([nik('750101', 2, 2, 10, 1), nik('750101', 2, 2, 80, 1), 'Dua Kali', DESA.dembe, 'L', '', 'ANAK', '', 'N', ''].join(','));
  return lines.join(eol) + eol;
}

beforeAll(async () => {
  [seq, par] = await Promise.all([openTestDb(), openTestDb()]);
});
afterAll(async () => {
  removeTmpDirs();
  await Promise.all([seq?.close(), par?.close()]);
});

const files: { name: string; content: () => Buffer }[] = [
  { name: 'UTF-8 with BOM, LF', content: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(roster(1500, '\n'))]) },
  { name: 'UTF-8, CRLF', content: () => Buffer.from(roster(1400, '\r\n')) },
  { name: 'Windows-1252, CRLF', content: () => iconv.encode(roster(1300, '\r\n'), 'windows-1252') },
];

describe(`parallel read of a large CSV (${backend})`, () => {
  it.each(files)('cuts $name only between records, on the line the sequential read counts', async ({ content }) => {
    const file = writeFile(dir, 'cut.csv', content());
    const size = content().length;
    const ranges = (await splitCsv(file, size, await csvLayout(file, 'utf8'), 4))!;
    expect(ranges.length).toBe(4);
    const text = content().toString('latin1');
    for (const r of ranges.slice(1)) {
      // a cut follows a line break that ends a record: PapaParse reads the text before it as whole records
      expect(text[r.start - 1]).toBe('\n');
      const before = Papa.parse(text.slice(0, r.start), { delimiter: ',', newline: r.layout.newline, quoteChar: '"' });
      expect(before.errors).toEqual([]);
      expect(r.line).toBe(1 + (text.slice(0, r.start).match(/\r\n|\r|\n/g) ?? []).length);
    }
    expect(ranges.at(-1)!.end).toBe(size);
  });

  it.each(files)('lands $name exactly as the sequential read, with the same errors', async ({ name, content }) => {
    const bytes = content();
    const file = `roster-${name.replace(/\W+/g, '-')}.csv`;
    const a = await importText(seq.orm, dir, 'households', bytes, { name: `seq-${file}`, parallelRead: { workers: 1 } });
    const b = await importText(par.orm, dir, 'households', bytes, { name: `par-${file}`, parallelRead: { minBytes: 0, workers: 3 } });
    expect(a.status).toBe('landed');
    expect(a.rejected).toBeGreaterThan(10);
    // the duplicate NIK at the end, a sex and a date per family of the planted ones
    expect(a.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['nik', 'jenis_kelamin', 'tanggal_lahir']));
    const { batchId: _a, file: _fa, ...ra } = a;
    const { batchId: _b, file: _fb, ...rb } = b;
    expect(rb).toEqual(ra);
    expect(await dataFingerprint(par.orm)).toEqual(await dataFingerprint(seq.orm));
    const names = `select name, count(*)::int as n from person group by name order by name`;
    expect(await rows(par.orm, names)).toEqual(await rows(seq.orm, names));
  });

  it('refuses a file with an unclosed quote in a later range as the sequential read does', async () => {
    const text = roster(1200, '\n') + `${nik('750101', 3, 3, 10, 9)},${nik('750101', 3, 3, 80, 9)},"Tanpa Tutup,${DESA.dembe},L,,ANAK,,N,\n`;
    const a = await importText(seq.orm, dir, 'households', text, { name: 'seq-open.csv', parallelRead: { workers: 1 } });
    const b = await importText(par.orm, dir, 'households', text, { name: 'par-open.csv', parallelRead: { minBytes: 0, workers: 3 } });
    expect(a.status).toBe('refused');
    expect(a.message).toMatch(/tanda kutip/);
    expect(b.status).toBe('refused');
    expect(b.message).toBe(a.message);
    expect(b.errors).toEqual(a.errors);
  });
});
