import { LAYERS, layerById } from '../layers';
import { LEVEL_LABEL, LEVELS, levelIndex, levelOfCode } from '../regions';
import type { MapView } from '../view-state';
import { ProgramPicker, type ProgramOption } from '../../../components/ProgramPicker';

interface Props {
  view: MapView;
  setView(v: MapView): void;
  /** The year the budget layers use when none is chosen. */
  year: number;
  programs: ProgramOption[];
}

const GROUPS = ['Cakupan', 'Kualitas data', 'Anggaran'] as const;

export function yearOptions(around: number): number[] {
  const now = new Date().getFullYear();
  const from = Math.min(around, now) - 4;
  const to = Math.max(around, now);
  const out: number[] = [];
  for (let y = to; y >= from; y--) out.push(y);
  return out;
}

/** Layer, classing, level and aid filters of the map; every change goes to the URL. */
export function MapControls({ view, setView, year, programs }: Props) {
  const layer = layerById(view.layer);
  const minLevel = view.within ? levelIndex(levelOfCode(view.within)) : 0;
  const setFilter = (patch: Partial<MapView['filter']>) => setView({ ...view, filter: { ...view.filter, ...patch } });
  return (
    <div className="controls" data-testid="map-controls">
      <label>
        Lapisan
        <select name="layer" value={view.layer} onChange={(e) => setView({ ...view, layer: e.target.value as MapView['layer'] })}>
          {GROUPS.map((g) => (
            <optgroup key={g} label={g}>
              {LAYERS.filter((l) => l.group === g).map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        Kelas
        <select name="classes" value={view.method} onChange={(e) => setView({ ...view, method: e.target.value as MapView['method'] })}>
          <option value="quantile">Kuantil</option>
          <option value="jenks">Jeda alami</option>
        </select>
      </label>
      <label>
        Tingkat
        <select
          name="level"
          value={view.level}
          onChange={(e) => setView({ ...view, level: e.target.value as MapView['level'], selected: null })}
        >
          {LEVELS.filter((l) => levelIndex(l) >= minLevel).map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABEL[l]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tahun
        <select
          name="year"
          value={view.filter.year ?? ''}
          onChange={(e) => setFilter({ year: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{layer.source === 'budget' ? `${year} (bawaan)` : 'Semua tahun'}</option>
          {yearOptions(year).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tahap
        <select
          name="stage"
          value={view.filter.stage ?? ''}
          onChange={(e) => setFilter({ stage: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">Semua tahap</option>
          {[1, 2, 3, 4].map((s) => (
            <option key={s} value={s}>
              Tahap {s}
            </option>
          ))}
        </select>
      </label>
      <ProgramPicker value={view.filter.programs} options={programs} onChange={(p) => setFilter({ programs: p })} />
    </div>
  );
}
