/**
 * Choropleth classing: values → classes → colours, pure and deterministic.
 *
 * Breaks are the inclusive UPPER bounds of every class but the last: with
 * breaks [b0, b1, b2, b3] a value v falls in class 0 when v ≤ b0, class 1 when
 * b0 < v ≤ b1, …, class 4 when v > b3. Missing values (null, NaN) fall in the
 * separate "tidak ada data" class. The map paints each region with the colour
 * of its class, and the legend shows exactly those colours.
 */

export type ClassMethod = 'quantile' | 'jenks';

export interface ColorRamp {
  id: string;
  label: string;
  /** Light to dark; at least as many colours as classes. */
  colors: readonly string[];
}

/** ColorBrewer and matplotlib ramps that stay readable with colour-blindness. */
export const RAMPS = {
  YlOrRd: { id: 'YlOrRd', label: 'Kuning–merah', colors: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] },
  OrRd: { id: 'OrRd', label: 'Oranye–merah', colors: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'] },
  Purples: { id: 'Purples', label: 'Ungu', colors: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] },
  Blues: { id: 'Blues', label: 'Biru', colors: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] },
  YlGnBu: { id: 'YlGnBu', label: 'Kuning–biru', colors: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] },
  viridis: { id: 'viridis', label: 'Viridis', colors: ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] },
  cividis: { id: 'cividis', label: 'Cividis', colors: ['#ffea46', '#bcaf6f', '#7c7b78', '#414d6b', '#00204d'] },
} as const satisfies Record<string, ColorRamp>;

export type RampId = keyof typeof RAMPS;

export const NO_DATA_COLOR = '#d9d9d9';
export const NO_DATA_LABEL = 'tidak ada data';

export interface LegendClass {
  index: number;
  /** Smallest and largest value of the class (inclusive), as the data has them. */
  min: number;
  max: number;
  color: string;
  count: number;
}

export interface Legend {
  method: ClassMethod;
  classes: LegendClass[];
  /** Upper bounds of all classes but the last (see the module comment). */
  breaks: number[];
  noData: { color: string; count: number; label: string };
}

function finite(values: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

/**
 * Quantile breaks: each class holds about the same number of regions. The
 * break after class i is the value at rank ⌈n·(i+1)/k⌉ (nearest-rank), so the
 * bounds are real data values. Ties can merge classes: the result has fewer
 * than k − 1 breaks then, never a class with nothing in it.
 */
export function quantileBreaks(values: readonly (number | null | undefined)[], k = 5): number[] {
  const xs = finite(values);
  if (xs.length === 0 || k < 2) return [];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const rank = Math.ceil((xs.length * i) / k); // 1-based nearest rank
    const b = xs[Math.min(xs.length, Math.max(1, rank)) - 1];
    if (b < xs[xs.length - 1] && (breaks.length === 0 || b > breaks[breaks.length - 1])) breaks.push(b);
  }
  return breaks;
}

/**
 * Natural breaks (Jenks / Fisher's exact optimisation): the grouping of the
 * sorted values into k classes with the least total within-class squared
 * deviation, by dynamic programming over the sorted values (O(k·n²); n ≈ 729
 * desa of a province takes a few milliseconds). With fewer distinct values
 * than k, every distinct value gets its own class.
 */
export function jenksBreaks(values: readonly (number | null | undefined)[], k = 5): number[] {
  const xs = finite(values);
  const n = xs.length;
  if (n === 0 || k < 2) return [];
  const distinct = [...new Set(xs)];
  if (distinct.length <= k) return distinct.slice(0, -1);

  // Prefix sums give the squared deviation of any run xs[i..j] in O(1).
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s1[i + 1] = s1[i] + xs[i];
    s2[i + 1] = s2[i] + xs[i] * xs[i];
  }
  const ssd = (i: number, j: number) => {
    // deviation of xs[i..j] inclusive
    const cnt = j - i + 1;
    const sum = s1[j + 1] - s1[i];
    return s2[j + 1] - s2[i] - (sum * sum) / cnt;
  };
  // cost[c][j]: best cost of putting xs[0..j] into c+1 classes; from[c][j]: start of the last class.
  const cost: Float64Array[] = [];
  const from: Int32Array[] = [];
  cost.push(new Float64Array(n));
  from.push(new Int32Array(n));
  for (let j = 0; j < n; j++) cost[0][j] = ssd(0, j);
  for (let c = 1; c < k; c++) {
    const row = new Float64Array(n).fill(Infinity);
    const arg = new Int32Array(n);
    for (let j = c; j < n; j++) {
      for (let i = c; i <= j; i++) {
        const v = cost[c - 1][i - 1] + ssd(i, j);
        if (v < row[j]) {
          row[j] = v;
          arg[j] = i;
        }
      }
    }
    cost.push(row);
    from.push(arg);
  }
  // Walk back: the starts of classes k-1 … 1 give the upper bounds of the classes before them.
  const starts: number[] = [];
  let j = n - 1;
  for (let c = k - 1; c >= 1; c--) {
    const i = from[c][j];
    starts.unshift(i);
    j = i - 1;
  }
  const breaks: number[] = [];
  for (const s of starts) {
    const b = xs[s - 1];
    // Equal values never straddle a break (a tie at a boundary is kept in the lower class).
    if (b < xs[n - 1] && (breaks.length === 0 || b > breaks[breaks.length - 1])) breaks.push(b);
  }
  return breaks;
}

/** Index of the class of `v` under `breaks`, or -1 for a missing value. */
export function classIndex(v: number | null | undefined, breaks: readonly number[]): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return -1;
  for (let i = 0; i < breaks.length; i++) if (v <= breaks[i]) return i;
  return breaks.length;
}

/**
 * Colours for `count` classes from a ramp: all of it for 5 classes, spread
 * over its length for fewer (so 2 classes read light and dark, not two lights).
 */
export function rampColors(ramp: ColorRamp, count: number): string[] {
  const cs = ramp.colors;
  if (count <= 0) return [];
  if (count === 1) return [cs[cs.length - 1]];
  if (count >= cs.length) return cs.slice(0, count);
  return Array.from({ length: count }, (_, i) => cs[Math.round((i * (cs.length - 1)) / (count - 1))]);
}

/** Classes, colours and counts for a set of values: what the map paints and the legend shows. */
export function buildLegend(values: readonly (number | null | undefined)[], method: ClassMethod, ramp: ColorRamp, k = 5): Legend {
  const breaks = method === 'jenks' ? jenksBreaks(values, k) : quantileBreaks(values, k);
  const xs = finite(values);
  const missing = values.length - xs.length;
  const n = xs.length === 0 ? 0 : breaks.length + 1;
  const colors = rampColors(ramp, n);
  const classes: LegendClass[] = [];
  for (let i = 0; i < n; i++) classes.push({ index: i, min: Infinity, max: -Infinity, color: colors[i], count: 0 });
  for (const v of xs) {
    const c = classes[classIndex(v, breaks)];
    c.count++;
    if (v < c.min) c.min = v;
    if (v > c.max) c.max = v;
  }
  return { method, classes, breaks, noData: { color: NO_DATA_COLOR, count: missing, label: NO_DATA_LABEL } };
}

/** The colour of one value under a legend. */
export function colorFor(legend: Legend, v: number | null | undefined): string {
  const i = classIndex(v, legend.breaks);
  return i < 0 ? legend.noData.color : legend.classes[i].color;
}
