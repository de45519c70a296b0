/**
 * GeoJSON helpers for the map, pure: the regions of a view as one
 * FeatureCollection (id = region code) and its bounding box.
 */

export type Position = number[];
export interface Geometry {
  type: string;
  coordinates?: unknown;
}

export interface RegionFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: Geometry;
}

export interface RegionCollection {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

function isGeometry(g: unknown): g is Geometry {
  return !!g && typeof g === 'object' && typeof (g as Geometry).type === 'string' && Array.isArray((g as Geometry).coordinates);
}

/** The regions that have a boundary, as features; regions without one are counted by the caller, not drawn. */
export function toFeatureCollection(regions: readonly { code: string; name: string; geometry?: unknown }[]): RegionCollection {
  const features: RegionFeature[] = [];
  for (const r of regions) {
    if (!isGeometry(r.geometry)) continue;
    features.push({ type: 'Feature', properties: { code: r.code, name: r.name }, geometry: r.geometry });
  }
  return { type: 'FeatureCollection', features };
}

function walk(coords: unknown, box: BBox): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    const [x, y] = coords as number[];
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
    return;
  }
  for (const c of coords) walk(c, box);
}

/** Bounding box of all features, or null when there is nothing to frame. */
export function bboxOf(fc: RegionCollection): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features) walk(f.geometry.coordinates, box);
  return Number.isFinite(box[0]) ? box : null;
}

/** Is the point inside a (Multi)Polygon? Even-odd rule over every ring (holes included). */
export function pointInGeometry(lng: number, lat: number, g: Geometry): boolean {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : []) as Position[][][];
  let inside = false;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
