import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../setup/test-db';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { importFile } from '../../server/src/modules/imports/import.service';
import { formatRupiah } from '../../client/src/lib/format';
import { toleranceFor } from '../../client/src/features/map/regions';
import { ensureClientBuilt } from './support/client-build';
import { hexToRgb, launchBrowser, loginThroughForm, PIXELS_PER_DEGREE, PROJECT, READ_PIXELS, type Browser } from './support/browser';
import { writeDataset, type DatasetFiles } from './support/dataset';
import { interiorPoint } from './support/geometry';

/**
 * The web portal in a real browser (Debian's Chromium through playwright-core)
 * against the real server on the embedded test database, loaded through the
 * import service: login, the choropleth's pixels, drilling down, a chart, an
 * export and the rakorev deck.
 */

type Geometry = { type: string; coordinates: unknown };
interface RegionRow {
  code: string;
  name: string;
  lat: number | null;
  lng: number | null;
  geometry: Geometry | null;
}

let db: Database;
let app: TestApp;
let token: string;
let browser: Browser;
let data: DatasetFiles;
let snapshotId: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-e2e-'));

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await app.gql<T>(query, variables, token);
  if (r.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

async function regionsOf(level: string, within: string): Promise<RegionRow[]> {
  const d = await gql<{ regions: RegionRow[] }>(
    `query($level: RegionLevel!, $within: String, $t: Float!) { regions(level: $level, within: $within) { code name lat lng geometry(simplify: $t) } }`,
    { level, within, t: toleranceFor(level as 'VILLAGE', within) },
  );
  return d.regions;
}

beforeAll(async () => {
  const clientDir = await ensureClientBuilt();
  db = await openTestDb();
  app = await startTestApp(db, { clientDir });
  token = await app.login();
  const desa = await gql<{ regions: { code: string }[] }>(`{ regions(level: VILLAGE, within: "75") { code } }`);
  expect(desa.regions).toHaveLength(729);
  data = writeDataset(
    path.join(work, 'data'),
    desa.regions.map((r) => r.code),
    { householdsPerDesa: 3 },
  );
  const order: [Parameters<typeof importFile>[1]['kind'], string][] = [
    ['programs', data.programs],
    ['households', data.households],
    ['recipients', data.recipients],
    ['civil-events', data.civilEvents],
    ['budgets', data.budgets],
  ];
  for (const [kind, filePath] of order) {
    const report = await importFile(db.orm, { kind, filePath, username: 'admin' });
    expect(report.status, `${kind}: ${report.message}`).toBe('landed');
    expect(report.rejected, `${kind}: ${JSON.stringify(report.errors.slice(0, 3))}`).toBe(0);
  }
  const snap = await gql<{ createRakorevSnapshot: { id: string } }>(
    `mutation { createRakorevSnapshot(title: "Triwulan III 2020", year: 2020, quarter: 3, within: "75") { id } }`,
  );
  snapshotId = snap.createRakorevSnapshot.id;
  browser = await launchBrowser();
  await loginThroughForm(browser.page, app.url, 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('web portal in Chromium', () => {
  it('logs in and shows the menu of the role, kept across a reload', async () => {
    const page = browser.page;
    await expect.poll(() => page.textContent('[data-testid=user-name]')).toBe('admin');
    const menu = await page.$$eval('nav.sidebar a', (as) => as.map((a) => a.textContent));
    expect(menu).toEqual([
      'Peta Cakupan',
      'Realisasi Anggaran',
      'Data Keluarga',
      'Kualitas Data',
      'Impor Data',
      'Mode Rakorev',
      'GraphiQL',
    ]);
    await page.reload();
    await page.waitForSelector('[data-testid=user-name]');
    expect(page.url()).toContain('/peta');
  });

  it("draws the province's 729 desa in the legend's class colours", async () => {
    const page = browser.page;
    await page.goto(`${app.url}/peta?level=village&within=75`);
    await page.waitForSelector('[data-testid=coverage-map][data-map-state=drawn]', { timeout: 90_000 });
    expect(await page.getAttribute('[data-testid=coverage-map]', 'data-region-count')).toBe('729');

    // The legend as drawn: classes with their colour and value range, and the no-data class.
    const legend = await page.$$eval('[data-testid=legend] li', (lis) =>
      lis.map((li) => {
        const d = (li as HTMLElement).dataset;
        return { color: d.color!, min: d.min ? Number(d.min) : null, max: d.max ? Number(d.max) : null, noData: d.nodata === 'true' };
      }),
    );
    const classes = legend.filter((l) => !l.noData);
    const noData = legend.find((l) => l.noData)!;
    // Five classes, fewer only when ties merge them (few households per desa give repeated rates).
    expect(classes.length).toBeGreaterThanOrEqual(3);
    expect(classes.length).toBeLessThanOrEqual(5);

    // Expected value per desa straight from the API: DTKS households without aid ÷ DTKS households.
    const cov = await gql<{ coverage: { region: { code: string }; dtksHouseholds: number; unaidedDtksHouseholds: number }[] }>(
      `{ coverage(level: VILLAGE, within: "75") { region { code } dtksHouseholds unaidedDtksHouseholds } }`,
    );
    const gap = new Map(cov.coverage.map((c) => [c.region.code, c.dtksHouseholds > 0 ? c.unaidedDtksHouseholds / c.dtksHouseholds : null]));
    const expectedColour = (v: number | null) => {
      if (v === null) return noData.color;
      const c = classes.find((k) => v >= k.min! - 1e-12 && v <= k.max! + 1e-12);
      if (!c) throw new Error(`value ${v} is in no legend class`);
      return c.color;
    };

    // Sample points well inside each desa (≥ 3 px from any border at this zoom).
    const ppd = (await page.evaluate(PIXELS_PER_DEGREE)) as number;
    const desa = await regionsOf('VILLAGE', '75');
    const points = desa
      .map((r) => ({ code: r.code, p: interiorPoint(r, 3 / ppd) }))
      .filter((x): x is { code: string; p: { lng: number; lat: number } } => x.p !== null)
      .map((x) => ({ code: x.code, ...x.p }));
    const pixels = (await page.evaluate(`(${READ_PIXELS})(${JSON.stringify(points)})`)) as {
      code: string;
      x: number;
      y: number;
      rgb: number[];
      inside: boolean;
    }[];
    // Only pixels of the map itself (not under the legend or the zoom buttons).
    const boxes = await page.$$eval('[data-testid=legend], .maplibregl-ctrl-top-right', (els) =>
      els.map((e) => {
        const map = document.querySelector('[data-testid=coverage-map]')!.getBoundingClientRect();
        const b = e.getBoundingClientRect();
        return { x0: b.left - map.left, y0: b.top - map.top, x1: b.right - map.left, y1: b.bottom - map.top };
      }),
    );
    const visible = pixels.filter(
      (p) => p.inside && !boxes.some((b) => p.x >= b.x0 - 2 && p.x <= b.x1 + 2 && p.y >= b.y0 - 2 && p.y <= b.y1 + 2),
    );
    expect(visible.length).toBeGreaterThan(150);
    const wrong = visible.filter((p) => hexToRgb(expectedColour(gap.get(p.code) ?? null)).join() !== p.rgb.join());
    expect(wrong.slice(0, 5)).toEqual([]);
    // A real choropleth: every class colour appears on the map.
    const seen = new Set(visible.map((p) => p.rgb.join()));
    for (const c of classes) expect(seen.has(hexToRgb(c.color).join()), `class colour ${c.color} on the map`).toBe(true);
  });

  it('drills down on click, with the view in the URL and Back going up again', async () => {
    const page = browser.page;
    await page.goto(`${app.url}/peta?within=75`);
    await page.waitForSelector('[data-testid=coverage-map][data-map-state=drawn]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-testid=coverage-map]', 'data-region-count')).toBe('6');
    const regencies = await regionsOf('REGENCY', '75');
    const target = regencies.find((r) => r.code === '75.01')!;
    const ppd = (await page.evaluate(PIXELS_PER_DEGREE)) as number;
    const p = interiorPoint(target, 10 / ppd)!;
    expect(p).not.toBeNull();
    const kecamatan = (await gql<{ regions: unknown[] }>(`{ regions(level: DISTRICT, within: "75.01") { code } }`)).regions.length;
    expect(kecamatan).toBeGreaterThan(6);
    // Drawn with the expected number of regions: right after the URL changes the old view is still on screen.
    const drawnWith = (n: number) =>
      page.waitForSelector(`[data-testid=coverage-map][data-map-state=drawn][data-region-count="${n}"]`, { timeout: 60_000 });
    const at = (await page.evaluate(`(${PROJECT})(${JSON.stringify(p)})`)) as { x: number; y: number };
    await page.mouse.click(at.x, at.y);
    await page.waitForURL((u) => u.searchParams.get('within') === '75.01' && u.searchParams.get('level') === 'district');
    await drawnWith(kecamatan);
    await expect.poll(() => page.textContent('[data-testid=breadcrumb]')).toContain(target.name);
    // The link alone restores the view.
    const shared = page.url();
    await page.goto(shared);
    await drawnWith(kecamatan);
    // Opening the same URL replaces the history entry, so one step back is the province view.
    await page.goBack();
    // Back at the first view (opened as /peta?within=75: the kab/kota of the province).
    await page.waitForURL((u) => u.searchParams.get('within') === '75' && (u.searchParams.get('level') ?? 'regency') === 'regency');
    await drawnWith(6);
  });

  it('renders the budget bars per kab/kota with the allocation of the imported file', async () => {
    const page = browser.page;
    await page.goto(`${app.url}/anggaran?year=2020&within=75`);
    await page.waitForSelector('[data-testid=budget-bars] .recharts-bar-rectangle', { timeout: 30_000 });
    const heights = await page.$$eval('[data-testid=budget-bars] .recharts-bar-rectangle path', (ps) =>
      ps.map((p) => p.getBoundingClientRect().height),
    );
    // Allocated and disbursed bars of the kab/kota with a budget are visibly drawn.
    const kabWithBudget = new Set(
      fs
        .readFileSync(data.budgets, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[2]),
    ).size;
    expect(heights.filter((h) => h > 2).length).toBeGreaterThanOrEqual(kabWithBudget * 2);
    const allocated = fs
      .readFileSync(data.budgets, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .reduce((s, l) => s + Number(l.split(',')[3]), 0);
    await expect.poll(() => page.textContent('.kpis .kpi:first-child .kpi-value')).toBe(formatRupiah(allocated));
  });

  it('exports the household list as a valid CSV and XLSX download', async () => {
    const page = browser.page;
    await page.goto(`${app.url}/keluarga`);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const csvPath = path.join(work, 'export.csv');
    await csv.saveAs(csvPath);
    const lines = fs
      .readFileSync(csvPath, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0].split(',').slice(0, 3)).toEqual(['no_kk', 'kode_desa', 'nama_desa']);
    // One line per member of every household in the roster.
    expect(lines.length - 1).toBe(data.stats.persons);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    const xlsxPath = path.join(work, 'export.xlsx');
    await xlsx.saveAs(xlsxPath);
    expect(fs.readFileSync(xlsxPath).subarray(0, 4).toString('hex')).toBe('504b0304'); // a zip (OOXML) file
  });

  it('presents a rakorev snapshot as slides with keyboard navigation and PNG export', async () => {
    const page = browser.page;
    await page.goto(`${app.url}/rakorev`);
    await page.click('text=Presentasikan');
    await page.waitForURL((u) => u.pathname === '/rakorev/tampil' && u.searchParams.get('snapshot') === snapshotId);
    await page.waitForSelector('[data-testid=slide][data-slide=ringkasan] .kpi-value');
    expect(await page.textContent('[data-testid=slide-counter]')).toBe('1 / 4');
    const tiles = await page.$$eval('[data-testid=slide] .kpi', (ks) => ks.map((k) => k.textContent ?? ''));
    expect(tiles[0]).toMatch(/^PaguRp[\d.,]+ (juta|miliar)$/);
    expect(tiles[1]).toMatch(/\d+,\d%/);

    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid=slide][data-slide=peta] [data-map-state=drawn]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=slide-counter]')).toBe('2 / 4');
    // PNG export of the map slide: the WebGL canvas is copied into the image (preserveDrawingBuffer).
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('button:text-is("PNG")')]);
    expect(png.suggestedFilename()).toBe('rakorev-triwulan-iii-2020-2-peta.png');
    const pngPath = path.join(work, 'slide.png');
    await png.saveAs(pngPath);
    const bytes = fs.readFileSync(pngPath);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // Width and height from the IHDR chunk: the slide at twice its on-screen size.
    const slideBox = (await page.locator('[data-testid=slide]').boundingBox())!;
    expect(Math.abs(bytes.readUInt32BE(16) - slideBox.width * 2)).toBeLessThanOrEqual(2);
    expect(bytes.length).toBeGreaterThan(30_000);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid=slide][data-slide=realisasi] .recharts-bar-rectangle');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid=slide][data-slide=sisa] [data-testid=outstanding-table] tbody tr');
    await page.keyboard.press('ArrowRight'); // the last slide stays
    expect(await page.textContent('[data-testid=slide-counter]')).toBe('4 / 4');

    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/rakorev');
  });

  it('shows a possible duplicate side by side and records "different persons"', async () => {
    const page = browser.page;
    const [nikA, nikB] = data.duplicate!;
    const count = async () =>
      (await gql<{ possibleDuplicates: { totalCount: number } }>(`{ possibleDuplicates(within: "75") { totalCount } }`)).possibleDuplicates
        .totalCount;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(1);
    await page.goto(`${app.url}/kualitas?tab=ganda&within=75`);
    const card = page.locator('.pair-card', { hasText: nikA }).filter({ hasText: nikB });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.person').allTextContents()).toEqual([
      expect.stringContaining('SITI AMINAH HULOPI'),
      expect.stringContaining('SITI AMINA HULOPI'),
    ]);
    expect((await card.locator('.reasons .badge').allTextContents()).length).toBeGreaterThan(0);
    await card.locator('button', { hasText: 'Orang berbeda' }).click();
    await card.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await count()).toBe(before - 1);
  });

  it('serves GraphiQL from the portal, sending the stored token', async () => {
    const page = browser.page;
    // A full page load: the server gives /graphiql the CSP its editor needs.
    await page.goto(`${app.url}/graphiql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 60_000 });
    // The editor is ready once it shows the first example query.
    await page.locator('.graphiql-query-editor', { hasText: 'query SiapaSaya' }).waitFor({ timeout: 60_000 });
    await page.click('.graphiql-execute-button');
    // The first example asks `me`: the answer names the logged-in user, so the token went along.
    // The editor renders spaces as no-break spaces.
    const response = async () => ((await page.textContent('.graphiql-response')) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(response, { timeout: 30_000 }).toContain('"username": "admin"');
    const tabs = await page.$$eval('.graphiql-tab', (ts) => ts.length);
    expect(tabs).toBeGreaterThanOrEqual(4);
  });
});
