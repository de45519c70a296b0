import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ErrorBox, Loading } from '../../components/Status';
import { CoverageMap } from '../map/CoverageMap';
import { MapLegend } from '../map/components/Legend';
import { buildChoropleth } from '../map/choropleth';
import { bboxOf, toFeatureCollection } from '../map/geo';
import { layerById } from '../map/layers';
import { MapRegionsQuery } from '../map/map.operations';
import { toleranceFor } from '../map/regions';
import { worstRegions } from '../map/layers';
import { shortRegionName } from '../region/region-series';
import { frozenFigures, type FrozenRegion } from './deck';

const noop = () => undefined;

/** The kab/kota of the snapshot coloured by the frozen coverage gap (or realisation when coverage was not frozen). */
export function GapMapSlide({ within, regencies }: { within: string | null; regencies: FrozenRegion[] }) {
  const { data, loading, error } = useQuery(MapRegionsQuery, {
    variables: { level: 'REGENCY', within, tolerance: toleranceFor('REGENCY', within) },
  });
  // Coverage is frozen with the budget when the year had roster data; otherwise map the realisation.
  const layer = layerById(regencies.some((r) => r.coverage) ? 'gap-rate' : 'budget-rate');
  const collection = useMemo(() => (data ? toFeatureCollection(data.regions) : null), [data]);
  const bbox = useMemo(() => (collection ? bboxOf(collection) : null), [collection]);
  const figures = useMemo(() => frozenFigures(regencies), [regencies]);
  const choropleth = useMemo(() => buildChoropleth(figures, layer, 'quantile'), [figures, layer]);
  const worst = useMemo(() => worstRegions(figures.values(), layer, 5), [figures, layer]);
  if (error) return <ErrorBox error={error} />;
  return (
    <div className="slide-body slide-map" data-slide-ready={collection ? 'true' : 'false'}>
      <div className="map-wrap">
        {loading && <Loading label="Memuat peta…" />}
        <CoverageMap
          regions={collection}
          bbox={bbox}
          fills={choropleth.fills}
          selected={null}
          onHover={noop}
          onClick={noop}
          interactive={false}
          className="map slide-map-canvas"
        />
        <MapLegend title={layer.legendTitle} legend={choropleth.legend} format={layer.format} />
      </div>
      <div className="slide-side">
        <h2>{layer.worseWhen === 'high' ? 'Celah terbesar' : 'Realisasi terendah'}</h2>
        <ol className="worst big">
          {worst.map((w) => (
            <li key={w.figures.code}>
              <span>{shortRegionName(w.figures.name)}</span>
              <strong>{layer.format(w.value)}</strong>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
