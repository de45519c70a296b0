import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Headless flags measured to work with Debian's Chromium here (stack.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  downloads: string;
  close(): Promise<void>;
}

/** A fresh Chromium profile (playwright refuses --user-data-dir in args, so it is the persistent context's dir). */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-chrome-'));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-dl-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
    downloadsPath: downloads,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    downloads,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login form and waits for the portal. */
export async function loginThroughForm(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/peta/);
}

/**
 * Browser-side code is passed as strings: the test runner's transform wraps
 * named functions in helpers (`__name`) that do not exist in the page.
 */
export const READ_PIXELS = `(points) => {
  const map = window.__bansosMap;
  if (!map) throw new Error('no map on the page');
  const src = map.getCanvas();
  const copy = document.createElement('canvas');
  copy.width = src.width;
  copy.height = src.height;
  const g = copy.getContext('2d', { willReadFrequently: true });
  g.drawImage(src, 0, 0);
  const r = window.devicePixelRatio || 1;
  return points.map((p) => {
    const at = map.project([p.lng, p.lat]);
    const d = g.getImageData(Math.round(at.x * r), Math.round(at.y * r), 1, 1).data;
    return { code: p.code, x: at.x, y: at.y, rgb: [d[0], d[1], d[2]], inside: at.x >= 0 && at.y >= 0 && at.x < src.clientWidth && at.y < src.clientHeight };
  });
}`;

/** Pixels per degree of longitude at the map's current zoom (to keep samples away from borders). */
export const PIXELS_PER_DEGREE = `(() => {
  const map = window.__bansosMap;
  const c = map.getCenter();
  const a = map.project([c.lng, c.lat]);
  const b = map.project([c.lng + 0.1, c.lat]);
  return Math.abs(b.x - a.x) / 0.1;
})()`;

/** Where a lng/lat is on the page (for clicks on the map). */
export const PROJECT = `(p) => {
  const map = window.__bansosMap;
  const at = map.project([p.lng, p.lat]);
  const box = map.getCanvas().getBoundingClientRect();
  return { x: box.left + at.x, y: box.top + at.y };
}`;

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
