import { buildLegend, colorFor, type ClassMethod, type Legend } from '../../lib/classing';
import type { LayerDef, RegionFigures } from './layers';

export interface Choropleth {
  legend: Legend;
  /** Fill colour per region code (every region of the view, no-data ones in the no-data colour). */
  fills: Map<string, string>;
  /** The layer's value per region code (null = no data). */
  values: Map<string, number | null>;
}

/** Classes the view's regions on one layer: the colours the map paints and the legend lists. */
export function buildChoropleth(figures: ReadonlyMap<string, RegionFigures>, layer: LayerDef, method: ClassMethod): Choropleth {
  const values = new Map<string, number | null>();
  for (const [code, f] of figures) {
    const v = layer.value(f);
    values.set(code, v !== null && Number.isFinite(v) ? v : null);
  }
  const legend = buildLegend([...values.values()], method, layer.ramp);
  const fills = new Map<string, string>();
  for (const [code, v] of values) fills.set(code, colorFor(legend, v));
  return { legend, fills, values };
}
