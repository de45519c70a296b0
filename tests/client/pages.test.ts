import { describe, expect, it } from 'vitest';
import {
  EMPTY_HOUSEHOLDS_VIEW,
  householdFlags,
  householdsViewToParams,
  parseHouseholdsView,
  programSummary,
  toExportQuery,
  toHouseholdFilter,
} from '../../client/src/features/households/households-view';
import { budgetViewToParams, defaultBudgetRegion, parseBudgetView } from '../../client/src/features/budget/budget-view';
import { deckKpis, exportName, frozenFigures, outstandingRanking, slideKey, SLIDES } from '../../client/src/features/rakorev/deck';
import { combineProgress, formatHours, funnelRows, pengaduanAction, usulanActions } from '../../client/src/features/quality/quality-series';
import { errorsToCsv, readImportAnswer } from '../../client/src/features/imports/import-report';
import { decodeJwtPayload, isLive, loadSession, makeSession, saveSession, tokenExpiry } from '../../client/src/lib/session';
import { canOpen, menuFor } from '../../client/src/app/menu';
import { bboxOf, pointInGeometry, toFeatureCollection } from '../../client/src/features/map/geo';
import { fileNameFrom } from '../../client/src/lib/http';

describe('household list filters', () => {
  const qs = 'within=75.01&dtks=yes&aided=no&minPrograms=2&program=PKH&desil=2,1,1,99&q=%20Hulopi%20&year=2020&stage=3';
  it('round-trips through the URL, dropping invalid parts', () => {
    const v = parseHouseholdsView(new URLSearchParams(qs));
    expect(v).toEqual({
      within: '75.01',
      dtks: 'yes',
      aided: 'no',
      minPrograms: 2,
      program: 'PKH',
      desil: [1, 2],
      search: 'Hulopi',
      year: 2020,
      stage: 3,
    });
    expect(parseHouseholdsView(householdsViewToParams(v))).toEqual(v);
    expect(parseHouseholdsView(new URLSearchParams('within=x&dtks=maybe'))).toEqual(EMPTY_HOUSEHOLDS_VIEW);
  });
  it('becomes the GraphQL filter and the export query of the same list', () => {
    const v = parseHouseholdsView(new URLSearchParams(qs));
    expect(toHouseholdFilter(v)).toEqual({
      dtks: true,
      aided: false,
      minPrograms: 2,
      program: 'PKH',
      desil: [1, 2],
      search: 'Hulopi',
      aid: { year: 2020, stage: 3 },
    });
    expect(toHouseholdFilter(EMPTY_HOUSEHOLDS_VIEW)).toEqual({});
    expect(toExportQuery(v)).toBe(
      'within=75.01&dtks=true&aided=false&minPrograms=2&program=PKH&desil=1%2C2&search=Hulopi&year=2020&stage=3',
    );
    expect(toExportQuery(EMPTY_HOUSEHOLDS_VIEW)).toBe('');
  });
  it('summarises programs and flags a household', () => {
    const programs = [
      { program: 'PKH', name: 'PKH', year: 2020, stage: 1, amount: 750000, payments: 1 },
      { program: 'PKH', name: 'PKH', year: 2020, stage: 2, amount: 1500000, payments: 2 },
      { program: 'BPNT', name: 'BPNT', year: 2020, stage: 1, amount: 600000, payments: 1 },
    ];
    expect(programSummary(programs)).toEqual([
      { program: 'BPNT', name: 'BPNT', amount: 600000, payments: 1, stages: ['2020/1'] },
      { program: 'PKH', name: 'PKH', amount: 2250000, payments: 3, stages: ['2020/1', '2020/2'] },
    ]);
    expect(householdFlags({ dtks: false, members: [{ nikValid: true }, { nikValid: false }], programs }).map((f) => f.key)).toEqual([
      'invalid-nik',
      'stacked',
      'outside-dtks',
      'duplicate-payment',
    ]);
    expect(householdFlags({ dtks: true, members: [{ nikValid: true }], programs: [] }).map((f) => f.label)).toEqual(['DTKS tanpa bantuan']);
  });
});

describe('budget page view', () => {
  it('parses and writes the URL', () => {
    const v = parseBudgetView(new URLSearchParams('year=2020&within=75&stage=3&programs=PKH,BPNT&snapshot=4&compare=3'));
    expect(v).toEqual({ year: 2020, within: '75', stage: 3, programs: ['BPNT', 'PKH'], snapshot: '4', compare: '3' });
    expect(parseBudgetView(budgetViewToParams(v))).toEqual(v);
    expect(parseBudgetView(new URLSearchParams('within=75.01.01')).within).toBeNull();
  });
  it('opens on the user region, else the province with the largest allocation', () => {
    const provinces = [
      { region: { code: '35' }, allocated: 5 },
      { region: { code: '75' }, allocated: 17_120_000_000 },
      { region: { code: '11' }, allocated: 0 },
    ];
    expect(defaultBudgetRegion('75.01.01', provinces)).toBe('75.01');
    expect(defaultBudgetRegion(null, provinces)).toBe('75');
    expect(defaultBudgetRegion(null, [{ region: { code: '11' }, allocated: 0 }])).toBeNull();
  });
});

describe('rakorev deck', () => {
  const cov = {
    households: 100,
    dtksHouseholds: 60,
    aidedHouseholds: 50,
    stackedHouseholds: 5,
    unaidedDtksHouseholds: 15,
    aidedNonDtksHouseholds: 5,
    aidAmount: 1000,
  };
  const r = (code: string, name: string, allocated: number, disbursed: number, coverage: typeof cov | null = cov) => ({
    region: { code, name },
    allocated,
    disbursed,
    outstanding: allocated - disbursed,
    realisationRate: disbursed / allocated,
    coverage,
  });
  it('computes headline KPIs from province totals', () => {
    const k = deckKpis([r('75', 'Gorontalo', 17_120_000_000, 15_470_000_000)]);
    expect(k.outstanding).toBe(1_650_000_000);
    expect(k.coverage?.gapRate).toBe(0.25);
    expect(deckKpis([r('75', 'Gorontalo', 10, 5, null)]).coverage).toBeNull();
  });
  it('ranks outstanding amounts with their shares', () => {
    const rank = outstandingRanking([
      r('75.01', 'Kabupaten Gorontalo', 100, 100),
      r('75.04', 'Kabupaten Pohuwato', 100, 40),
      r('75.05', 'Kabupaten Gorontalo Utara', 100, 80),
    ]);
    expect(rank.map((x) => [x.name, x.outstanding, x.share])).toEqual([
      ['Kab. Pohuwato', 60, 0.75],
      ['Kab. Gorontalo Utara', 20, 0.25],
    ]);
  });
  it('maps frozen figures for the gap map', () => {
    const f = frozenFigures([r('75.01', 'Kab', 10, 5)]);
    expect(f.get('75.01')?.coverage?.unaidedDtksHouseholds).toBe(15);
    expect(f.get('75.01')?.budget?.outstanding).toBe(5);
  });
  it('navigates slides with the keyboard', () => {
    expect(slideKey('ArrowRight', 0, SLIDES.length)).toBe(1);
    expect(slideKey('ArrowRight', 3, 4)).toBe(3);
    expect(slideKey('ArrowLeft', 0, 4)).toBe(0);
    expect(slideKey('End', 0, 4)).toBe(3);
    expect(slideKey('Escape', 2, 4)).toBe('exit');
    expect(slideKey('x', 2, 4)).toBeNull();
  });
  it('names exports', () => {
    expect(exportName('Triwulan III 2020')).toBe('rakorev-triwulan-iii-2020');
    expect(exportName('  ')).toBe('rakorev-snapshot');
  });
});

describe('quality and workflow series', () => {
  it('combines verivali progress of several regions over time', () => {
    const s = combineProgress([
      {
        series: [
          { at: '2020-01-01', flagged: 10, fixed: 0, rate: 0 },
          { at: '2020-03-01', flagged: 10, fixed: 5, rate: 0.5 },
        ],
      },
      { series: [{ at: '2020-02-01', flagged: 10, fixed: 2, rate: 0.2 }] },
    ]);
    expect(s).toEqual([
      { at: '2020-01-01', flagged: 10, fixed: 0, rate: 0 },
      { at: '2020-02-01', flagged: 20, fixed: 2, rate: 0.1 },
      { at: '2020-03-01', flagged: 20, fixed: 7, rate: 0.35 },
    ]);
  });
  it('orders the funnel and computes shares', () => {
    const rows = funnelRows([
      { step: 'VALID', label: 'Valid', households: 60 },
      { step: 'COLLECTED', label: 'Terkumpul', households: 100 },
      { step: 'REVALIDATE', label: 'Perlu validasi ulang', households: 20 },
      { step: 'PROPOSED', label: 'Diusulkan', households: 80 },
      { step: 'NOT_DUPLICATE', label: 'Tidak ganda', households: 90 },
    ]);
    expect(rows.map((r) => [r.step, r.share])).toEqual([
      ['COLLECTED', 1],
      ['NOT_DUPLICATE', 0.9],
      ['PROPOSED', 0.8],
      ['VALID', 0.6],
      ['REVALIDATE', 0.2],
    ]);
  });
  it('offers only the allowed workflow steps', () => {
    expect(usulanActions('DIUSULKAN').map((a) => a.to)).toEqual(['DIVERIFIKASI', 'DITOLAK']);
    expect(usulanActions('DIVERIFIKASI').map((a) => a.to)).toEqual(['DISETUJUI', 'DITOLAK']);
    expect(usulanActions('DISETUJUI')).toEqual([]);
    expect(pengaduanAction('BARU')?.to).toBe('DIPROSES');
    expect(pengaduanAction('DIPROSES')).toMatchObject({ to: 'SELESAI', needsNote: true });
    expect(pengaduanAction('SELESAI')).toBeNull();
    expect(formatHours(12.5)).toBe('12,5 jam');
    expect(formatHours(72)).toBe('3,0 hari');
  });
});

describe('import answers', () => {
  it('reads a report or an error', () => {
    const report = {
      kind: 'households',
      file: 'a.csv',
      status: 'refused',
      accepted: 0,
      rejected: 1,
      errors: [{ line: 2, column: 'nik', value: 'x', message: 'bad' }],
    };
    expect(readImportAnswer(422, report)).toEqual({ report });
    expect(readImportAnswer(403, { error: 'Peran VIEWER tidak boleh' })).toEqual({
      error: 'Tidak diizinkan mengimpor: Peran VIEWER tidak boleh',
    });
    expect(readImportAnswer(500, '')).toEqual({ error: 'Impor gagal (500): jawaban server tidak dikenali' });
  });
  it('writes row errors as CSV with quoting', () => {
    expect(errorsToCsv([{ line: 3, column: 'nama', value: 'a,"b"', message: 'kosong' }])).toBe(
      'baris,kolom,nilai,pesan\n3,nama,"a,""b""",kosong\n',
    );
  });
});

describe('session, menu, geo, http helpers', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${b64({ alg: 'HS256' })}.${b64({ sub: 'ani', exp: 2_000_000_000 })}.sig`;
  it('reads the token expiry and keeps a live session', () => {
    expect(decodeJwtPayload(token)?.sub).toBe('ani');
    expect(tokenExpiry(token)).toBe(2_000_000_000_000);
    expect(decodeJwtPayload('not-a-token')).toBeNull();
    const s = makeSession(token, { username: 'ani', role: 'ANALYST', regionCode: null })!;
    expect(isLive(s, 1_999_999_999_000)).toBe(true);
    expect(isLive(s, 2_000_000_000_000)).toBe(false);
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    } as unknown as Storage;
    saveSession(s, storage);
    expect(loadSession(storage, 1_000)).toEqual(s);
    expect(loadSession(storage, 2_000_000_000_001)).toBeNull();
    expect(store.size).toBe(0); // an expired session is removed
  });
  it('shows each role its menu', () => {
    expect(menuFor('VIEWER').map((m) => m.path)).toEqual(['/peta', '/anggaran', '/rakorev']);
    expect(menuFor('ANALYST').map((m) => m.path)).toContain('/graphiql');
    expect(menuFor('ANALYST').map((m) => m.path)).not.toContain('/impor');
    expect(menuFor('OPERATOR').map((m) => m.path)).toContain('/impor');
    expect(canOpen('VIEWER', '/keluarga')).toBe(false);
    expect(canOpen('VIEWER', '/peta')).toBe(true);
  });
  it('frames features and tests points in polygons with holes', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 2],
          [1, 1],
        ],
      ],
    };
    const fc = toFeatureCollection([
      { code: 'a', name: 'A', geometry: square },
      { code: 'b', name: 'B', geometry: null },
    ]);
    expect(fc.features).toHaveLength(1);
    expect(bboxOf(fc)).toEqual([0, 0, 4, 4]);
    expect(pointInGeometry(3, 3, square)).toBe(true);
    expect(pointInGeometry(1.5, 1.5, square)).toBe(false);
    expect(pointInGeometry(5, 1, square)).toBe(false);
    expect(bboxOf({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
  it('reads download names', () => {
    expect(fileNameFrom('attachment; filename="rumah-tangga-75-2020.csv"', 'x')).toBe('rumah-tangga-75-2020.csv');
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv');
  });
});
