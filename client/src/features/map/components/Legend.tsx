import type { Legend } from '../../../lib/classing';

interface Props {
  title: string;
  legend: Legend;
  format(v: number): string;
}

/** The classes of the map with their colours, ranges and region counts. */
export function MapLegend({ title, legend, format }: Props) {
  const range = (min: number, max: number) => (min === max ? format(min) : `${format(min)} – ${format(max)}`);
  return (
    <div className="legend" data-testid="legend" aria-label={`Legenda: ${title}`}>
      <div className="legend-title">{title}</div>
      <div className="legend-method muted">
        {legend.method === 'jenks' ? 'Jeda alami (Jenks)' : 'Kuantil'}, {legend.classes.length} kelas
      </div>
      <ul>
        {legend.classes.map((c) => (
          <li key={c.index} data-color={c.color} data-count={c.count} data-min={c.min} data-max={c.max}>
            <span className="swatch" style={{ background: c.color }} />
            <span className="legend-range">{range(c.min, c.max)}</span>
            <span className="legend-count muted">{c.count}</span>
          </li>
        ))}
        <li data-color={legend.noData.color} data-count={legend.noData.count} data-nodata="true">
          <span className="swatch" style={{ background: legend.noData.color }} />
          <span className="legend-range">{legend.noData.label}</span>
          <span className="legend-count muted">{legend.noData.count}</span>
        </li>
      </ul>
    </div>
  );
}
