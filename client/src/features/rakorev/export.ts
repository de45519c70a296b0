import type { RefObject } from 'react';

/**
 * Slide export: html-to-image renders the slide's DOM (the map canvas is
 * kept with preserveDrawingBuffer, so it is copied as drawn), jsPDF stacks
 * the slides (as JPEG) into a landscape deck. Both libraries load on first use only.
 */

const PIXEL_RATIO = 2;

/** Waits until the slide says it is ready and every map in it has finished drawing. */
export async function waitForSlide(el: HTMLElement, timeoutMs = 15_000): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const ready = el.querySelector('[data-slide-ready="true"]');
    const drawing = el.querySelector('[data-map-state="loading"]');
    if (ready && !drawing) return;
    if (performance.now() - t0 > timeoutMs) throw new Error('slide tidak selesai digambar dalam 15 detik');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function slidePng(el: HTMLElement): Promise<string> {
  const { toPng } = await import('html-to-image');
  await waitForSlide(el);
  return toPng(el, { pixelRatio: PIXEL_RATIO, backgroundColor: '#ffffff', cacheBust: false });
}

/** JPEG for the PDF: jsPDF stores PNGs nearly raw (tens of MB for a deck); JPEG keeps it to a few MB. */
async function slideJpeg(el: HTMLElement): Promise<string> {
  const { toJpeg } = await import('html-to-image');
  await waitForSlide(el);
  return toJpeg(el, { pixelRatio: PIXEL_RATIO, backgroundColor: '#ffffff', quality: 0.92, cacheBust: false });
}

export async function exportSlidePng(el: HTMLElement, fileName: string): Promise<void> {
  const url = await slidePng(el);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Shows each slide in turn (`show(i)` switches and returns the slide element's ref), captures it, and saves one PDF. */
export async function exportDeckPdf(
  count: number,
  show: (i: number) => Promise<RefObject<HTMLDivElement | null>>,
  fileName: string,
): Promise<void> {
  const { jsPDF } = await import('jspdf');
  let pdf: InstanceType<typeof jsPDF> | null = null;
  for (let i = 0; i < count; i++) {
    const ref = await show(i);
    // Let React render the new slide before looking at it.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    const el = ref.current;
    if (!el) throw new Error(`slide ${i + 1} tidak tampil`);
    await waitForSlide(el);
    const jpeg = await slideJpeg(el);
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    if (!pdf) pdf = new jsPDF({ orientation: w >= h ? 'landscape' : 'portrait', unit: 'px', format: [w, h], hotfixes: ['px_scaling'] });
    else pdf.addPage([w, h], w >= h ? 'landscape' : 'portrait');
    pdf.addImage(jpeg, 'JPEG', 0, 0, w, h);
  }
  if (!pdf) throw new Error('tidak ada slide');
  pdf.save(fileName);
}
