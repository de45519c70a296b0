/**
 * Picks sample points for pixel checks: a region's lat/lng when it lies inside
 * its own (simplified) boundary and at least `minDistance` degrees from every
 * edge, so the pixel there is the region's fill and not a border line.
 */

type Ring = number[][];

function rings(g: { type: string; coordinates: unknown }): Ring[] {
  if (g.type === 'Polygon') return g.coordinates as Ring[];
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat();
  return [];
}

export function inside(lng: number, lat: number, g: { type: string; coordinates: unknown }): boolean {
  let c = false;
  for (const ring of rings(g)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

export function edgeDistance(lng: number, lat: number, g: { type: string; coordinates: unknown }): number {
  let best = Infinity;
  for (const ring of rings(g)) {
    for (let i = 1; i < ring.length; i++)
      best = Math.min(best, segmentDistance(lng, lat, ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]));
  }
  return best;
}

/** A point well inside the region: its lat/lng if that qualifies, else the best of a grid over its bounding box. */
export function interiorPoint(
  r: { lat: number | null; lng: number | null; geometry: { type: string; coordinates: unknown } | null },
  minDistance: number,
): { lng: number; lat: number } | null {
  if (!r.geometry) return null;
  if (r.lat !== null && r.lng !== null && inside(r.lng, r.lat, r.geometry) && edgeDistance(r.lng, r.lat, r.geometry) >= minDistance) {
    return { lng: r.lng, lat: r.lat };
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings(r.geometry))
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  let best: { lng: number; lat: number; d: number } | null = null;
  const n = 12;
  for (let i = 1; i < n; i++)
    for (let j = 1; j < n; j++) {
      const lng = minX + ((maxX - minX) * i) / n;
      const lat = minY + ((maxY - minY) * j) / n;
      if (!inside(lng, lat, r.geometry)) continue;
      const d = edgeDistance(lng, lat, r.geometry);
      if (!best || d > best.d) best = { lng, lat, d };
    }
  return best && best.d >= minDistance ? { lng: best.lng, lat: best.lat } : null;
}
