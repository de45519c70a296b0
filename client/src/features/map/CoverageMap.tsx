import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { NO_DATA_COLOR } from '../../lib/classing';
import type { FeatureCollection } from 'geojson';
import type { BBox, RegionCollection } from './geo';

// maplibre-gl 6 loads its worker from a URL; the bundler must ship it (stack.md).
maplibregl.setWorkerUrl(workerUrl);

const SOURCE = 'regions';
const FILL = 'regions-fill';

/**
 * No remote base map, fonts or sprites (there is no internet): the style is a
 * plain background, and the region boundaries themselves are the map.
 */
const STYLE: maplibregl.StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e8eef3' } }],
};

export interface HoverInfo {
  code: string;
  x: number;
  y: number;
  /** Size of the map, so the tooltip can open away from the edges. */
  width: number;
  height: number;
}

declare global {
  interface Window {
    /** The live map, for the browser tests and the benchmark (projecting desa centroids to pixels). */
    __bansosMap?: maplibregl.Map;
  }
}

interface Props {
  /** Regions to draw; a new object means a new view (data replaced, map reframed). */
  regions: RegionCollection | null;
  bbox: BBox | null;
  /** Fill colour per region code; regions not in it are "tidak ada data". */
  fills: Map<string, string> | null;
  selected: string | null;
  onHover(info: HoverInfo | null): void;
  onClick(code: string): void;
  /** Told when the map becomes fully drawn (true) or starts redrawing (false). */
  onDrawn?: (drawn: boolean) => void;
  /** Keep the drawing buffer so the canvas can be read back (PNG export, pixel tests). */
  preserveDrawingBuffer?: boolean;
  interactive?: boolean;
  className?: string;
}

/**
 * A thin maplibre wrapper: boundaries as a GeoJSON source (id = region code),
 * colours as feature state, so switching layer or filter recolours without
 * sending geometry to the worker again. Sets data-map-state="drawn" once the
 * current regions and colours are fully rendered.
 */
export function CoverageMap({
  regions,
  bbox,
  fills,
  selected,
  onHover,
  onClick,
  onDrawn,
  preserveDrawingBuffer = true,
  interactive = true,
  className,
}: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  // What the map last finished drawing. "Drawn" holds only for the very regions and colours of this
  // render: right after a new view renders, the map still shows the old one until its effects run.
  const [drawnFor, setDrawnFor] = useState<{ regions: RegionCollection; fills: Map<string, string> } | null>(null);
  const drawn = !!regions && !!fills && drawnFor?.regions === regions && drawnFor.fills === fills;
  const handlers = useRef({ onHover, onClick, onDrawn });
  handlers.current = { onHover, onClick, onDrawn };
  const appliedFills = useRef<Set<string>>(new Set());
  const hovered = useRef<string | null>(null);

  // Create the map once.
  useEffect(() => {
    const map = new maplibregl.Map({
      container: container.current!,
      style: STYLE,
      center: [118, -2],
      zoom: 3.5,
      attributionControl: false,
      interactive,
      canvasContextAttributes: { preserveDrawingBuffer, antialias: false },
      fadeDuration: 0,
    });
    mapRef.current = map;
    window.__bansosMap = map;
    if (interactive) map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      // Boundaries come simplified for the view already: a small tile buffer and no tiles past z12 keep
      // the worker's tiling of 729 desa short.
      map.addSource(SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        promoteId: 'code',
        buffer: 32,
        maxzoom: 12,
      });
      map.addLayer({
        id: FILL,
        type: 'fill',
        source: SOURCE,
        paint: { 'fill-color': ['coalesce', ['feature-state', 'fill'], NO_DATA_COLOR], 'fill-opacity': 1 },
      });
      map.addLayer({
        id: 'regions-line',
        type: 'line',
        source: SOURCE,
        paint: {
          'line-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#1f2937', '#ffffff'],
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2, 0.5],
        },
      });
      map.addLayer({
        id: 'regions-selected',
        type: 'line',
        source: SOURCE,
        filter: ['==', ['get', 'code'], ''],
        paint: { 'line-color': '#111827', 'line-width': 2.5 },
      });
      setLoaded(true);
    });
    if (interactive) {
      map.on('mousemove', FILL, (e) => {
        const code = e.features?.[0]?.properties?.code as string | undefined;
        if (!code) return;
        if (hovered.current !== code) {
          if (hovered.current) map.setFeatureState({ source: SOURCE, id: hovered.current }, { hover: false });
          map.setFeatureState({ source: SOURCE, id: code }, { hover: true });
          hovered.current = code;
        }
        map.getCanvas().style.cursor = 'pointer';
        const c = map.getCanvas();
        handlers.current.onHover({ code, x: e.point.x, y: e.point.y, width: c.clientWidth, height: c.clientHeight });
      });
      map.on('mouseleave', FILL, () => {
        if (hovered.current) map.setFeatureState({ source: SOURCE, id: hovered.current }, { hover: false });
        hovered.current = null;
        map.getCanvas().style.cursor = '';
        handlers.current.onHover(null);
      });
      map.on('click', FILL, (e) => {
        const code = e.features?.[0]?.properties?.code as string | undefined;
        if (code) handlers.current.onClick(code);
      });
    }
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      if (window.__bansosMap === map) delete window.__bansosMap;
      map.remove();
      mapRef.current = null;
    };
  }, [interactive, preserveDrawingBuffer]);

  // New regions: replace the data and frame them.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const source = map.getSource(SOURCE) as maplibregl.GeoJSONSource;
    source.setData((regions ?? { type: 'FeatureCollection', features: [] }) as FeatureCollection);
    // Marks for the map benchmark's breakdown (scripts/bench/map.ts).
    if (regions) performance.mark('map:regions-set');
    map.removeFeatureState({ source: SOURCE });
    appliedFills.current = new Set();
    hovered.current = null;
    if (bbox) map.fitBounds(bbox, { padding: 24, animate: false });
  }, [regions, bbox, loaded]);

  // New colours: feature state only.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const next = new Set<string>();
    for (const [code, color] of fills ?? []) {
      map.setFeatureState({ source: SOURCE, id: code }, { fill: color });
      next.add(code);
    }
    for (const code of appliedFills.current) {
      if (!next.has(code)) map.removeFeatureState({ source: SOURCE, id: code }, 'fill');
    }
    appliedFills.current = next;
    if (!regions || !fills) return;
    let cancelled = false;
    // "Drawn" = the map went idle after this data and these colours (all tiles rendered).
    performance.mark('map:fills-set');
    map.once('idle', () => {
      if (cancelled) return;
      performance.mark('map:drawn');
      setDrawnFor({ regions, fills });
    });
    map.triggerRepaint();
    return () => {
      cancelled = true;
    };
  }, [fills, regions, loaded]);

  useEffect(() => {
    handlers.current.onDrawn?.(drawn);
  }, [drawn]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    map.setFilter('regions-selected', ['==', ['get', 'code'], selected ?? '']);
  }, [selected, loaded]);

  return (
    <div
      ref={container}
      className={className ?? 'map'}
      data-testid="coverage-map"
      data-map-state={drawn ? 'drawn' : 'loading'}
      data-region-count={regions?.features.length ?? 0}
    />
  );
}
