import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { openTestDb, backend } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { EXPORT_COLUMNS, csvField } from '../../server/src/modules/exports/household-export';
import { loadCoverageData } from '../fixtures/coverage/load';

/* The coverage data set (tests/fixtures/coverage): 11 households, 15 roster persons. */

let db: Database;
let app: TestApp;
let admin: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  admin = await app.login();
  await loadCoverageData(db);
  for (const [username, role] of [
    ['analis', 'ANALYST'],
    ['pemirsa', 'VIEWER'],
  ] as const) {
    const r = await app.gql(
      `mutation($u: String!, $p: String!, $r: Role!) { createUser(username: $u, password: $p, role: $r) { username } }`,
      { u: username, p: `Rahasia-${username}-2024`, r: role },
      admin,
    );
    expect(r.errors).toBeUndefined();
    tokens[role] = await app.login(username, `Rahasia-${username}-2024`);
  }
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (path: string, token?: string) => fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function csv(path: string, token = admin): Promise<string[][]> {
  const res = await get(path, token);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="rumah-tangga-.*\.csv"/);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for spreadsheets
  return parse(bytes.subarray(3).toString('utf8'), { relaxColumnCount: false }) as string[][];
}

async function exportsLogged(): Promise<{ username: string; detail: Record<string, unknown> }[]> {
  return db.orm.em.fork().execute(`select username, detail from audit_log where action = 'export' order by id`);
}

describe(`household export (${backend})`, () => {
  it('writes a valid CSV, one line per member, with the households query filters', async () => {
    const rows = await csv('/api/exports/households.csv?within=75.01.02&dtks=true');
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    // DTKS households of kec. Telaga: H1 (2 members), H2 (1), H4 (2), H10 (2)
    expect(rows.slice(1).map((r) => [r[0], r[6]])).toEqual([
      ['7501020101100001', '7501020203700001'],
      ['7501020101100001', '7501024405750001'],
      ['7501020101100002', '7501021207850001'],
      ['7501020101100004', '7501021511650001'],
      ['7501020101100004', '7501022009050001'],
      ['7501020101100010', '7501020112780001'],
      ['7501020101100010', '7501024112800001'],
    ]);
    // quotes and commas survive the round trip; the aid total covers every matched row of the household
    expect(rows[1]).toEqual([
      '7501020101100001', '75.01.02.2011', 'Bulila', 'Y', '1', 'Jl. Merdeka, No. "5"', '7501020203700001',
      'ABDUL KADIR HASAN', 'L', '1970-03-02', 'KEPALA KELUARGA', 'Y', 'BLT-DD, BPNT, PKH', '1700000',
    ]);
    expect(rows[6].slice(12)).toEqual(['', '0']); // H10: DTKS, no aid

    const unaided = await csv('/api/exports/households.csv?dtks=true&aided=false&stage=2');
    expect([...new Set(unaided.slice(1).map((r) => r[0]))]).toEqual([
      '7501010101100006', '7501010101100009', '7501020101100002', '7501020101100010',
    ]);
    const all = await csv('/api/exports/households.csv');
    expect(all).toHaveLength(1 + 15);
    expect(new Set(all.slice(1).map((r) => r[0])).size).toBe(11);
    const stacked = await csv('/api/exports/households.csv?within=75&minPrograms=2&programs=PKH,BPNT&year=2020&desil=1,2');
    expect([...new Set(stacked.slice(1).map((r) => r[0]))]).toEqual(['7501020101100001', '7502010101100007']);
    const none = await csv('/api/exports/households.csv?search=Tidak%20Ada%20Orang');
    expect(none).toEqual([[...EXPORT_COLUMNS]]);
  });

  it('writes a valid XLSX with NIK and No. KK as text', async () => {
    const res = await get('/api/exports/households.xlsx?within=75.02', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual([...EXPORT_COLUMNS]);
    expect(values.slice(1)).toEqual([
      ['7502010101100007', '75.02.01.2004', 'Bongo Nol', 'Y', 1, 'Bongo Nol', '7502010303550001', 'SAMSUDIN ALI', 'L', '1955-03-03', 'KEPALA KELUARGA', 'Y', 'BPNT, PKH', 1_200_000],
      ['7502010101100008', '75.02.01.2004', 'Bongo Nol', 'N', undefined, 'Bongo Nol', '7502011704920001', 'FAJAR PUTRA NUSI', 'L', '1992-04-17', 'KEPALA KELUARGA', 'Y', 'BLT-DD', 300_000],
    ]);
  });

  it('masks NIKs for an ANALYST and writes who exported what to the audit log', async () => {
    const before = (await exportsLogged()).length;
    const rows = await csv('/api/exports/households.csv?within=75.01.01', tokens.ANALYST);
    expect(rows.slice(1).map((r) => [r[0], r[6]])).toEqual([
      ['750101********06', '750101********01'],
      ['750101********09', '750101********01'],
    ]);
    const log = (await exportsLogged()).slice(before);
    expect(log).toHaveLength(1);
    expect(log[0].username).toBe('analis');
    expect(log[0].detail).toMatchObject({ list: 'households', format: 'csv', rows: 2, niks: 2, complete: true, filter: { within: '75.01.01' } });
  });

  it('quotes CSV fields when needed and defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('ABDUL')).toBe('ABDUL');
    expect(csvField('Jl. Merdeka, No. "5"')).toBe('"Jl. Merdeka, No. ""5"""');
    expect(csvField('baris\ndua')).toBe('"baris\ndua"');
    expect(csvField(' spasi')).toBe('" spasi"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+62')).toBe("'+62");
    expect(csvField(null)).toBe('');
    expect(csvField(1_700_000)).toBe('1700000');
  });

  it('refuses without a token, for a VIEWER, and for bad parameters', async () => {
    expect((await get('/api/exports/households.csv')).status).toBe(401);
    expect((await get('/api/exports/households.csv', 'bad-token')).status).toBe(401);
    expect((await get('/api/exports/households.xlsx', tokens.VIEWER)).status).toBe(403);
    for (const [query, named] of [
      ['within=99.99', '99.99'],
      ['dtks=mungkin', 'dtks'],
      ['program=XYZ', 'XYZ'],
      ['programs=PKH,NOPE', 'NOPE'],
      ['desil=satu', 'desil'],
      ['year=abc', 'year'],
      ['search=ab', 'search'],
    ]) {
      const res = await get(`/api/exports/households.csv?${query}`, admin);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(named);
    }
    expect((await get('/api/exports/households.pdf', admin)).status).toBe(404);
  });
});
