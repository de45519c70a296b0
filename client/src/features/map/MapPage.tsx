import { lazy, Suspense, useCallback, useState } from 'react';
import { Breadcrumb, type Crumb } from '../../components/Breadcrumb';
import { ErrorBox } from '../../components/Status';
import { CoverageMap, type HoverInfo } from './CoverageMap';
import { MapLegend } from './components/Legend';
import { MapControls } from './components/MapControls';
import { MapTooltip } from './components/MapTooltip';
import { isInside, LEVEL_LABEL } from './regions';
import { useSession } from '../../app/auth';
import { useAncestors } from './useAncestors';
import { useMapData } from './useMapData';
import { useMapView } from './useMapView';
import { usePrograms } from '../programs/usePrograms';
import { drillInto, drillUp, goTo } from './view-state';

// The panel (and its chart library) loads after the first drawing: not on the map's critical path.
const RegionPanel = lazy(() => import('../region/RegionPanel'));

export default function MapPage() {
  const session = useSession();
  const [view, setView] = useMapView();
  const data = useMapData(view);
  const ancestors = useAncestors(view.within);
  const programs = usePrograms();
  const [hover, setHover] = useState<HoverInfo | null>(null);
  // The panel waits for the first drawn map: its queries would otherwise queue before the map's
  // (the embedded database answers one query at a time) and its charts compete for the main thread.
  const [panelActive, setPanelActive] = useState(false);
  const onDrawn = useCallback((drawn: boolean) => {
    if (drawn) setPanelActive(true);
  }, []);

  const onClick = useCallback((code: string) => setView(drillInto(view, code)), [view, setView]);
  // A user limited to a region starts the trail at it (the levels above are not theirs to open).
  const home = session.user.regionCode;
  const crumbs: Crumb[] = [
    ...(home ? [] : [{ key: 'id', label: 'Indonesia', onClick: () => setView(goTo(view, null)) }]),
    ...ancestors
      .filter((a) => !home || isInside(a.code, home))
      .map((a) => ({ key: a.code, label: a.name, onClick: () => setView(goTo(view, a.code)) })),
  ];
  const canGoUp = !!view.within && view.within !== home;
  const hoverFigures = hover ? data.figures?.get(hover.code) : undefined;
  const regionCount = data.regions?.length ?? 0;

  return (
    <div className="map-page">
      <header className="page-head">
        <div>
          <h1>Peta Cakupan</h1>
          <div className="crumb-row">
            <button type="button" onClick={() => setView(drillUp(view))} disabled={!canGoUp} aria-label="Kembali satu tingkat">
              ← Kembali
            </button>
            <Breadcrumb items={crumbs} />
            <span className="muted" data-testid="view-summary">
              {regionCount} {LEVEL_LABEL[view.level].toLowerCase()}
            </span>
          </div>
        </div>
        <MapControls view={view} setView={setView} year={data.year} programs={programs} />
      </header>
      {data.error && <ErrorBox error={data.error} retry={data.refetch} />}
      <div className="map-body">
        <div className="map-wrap">
          <CoverageMap
            regions={data.collection}
            bbox={data.bbox}
            fills={data.choropleth?.fills ?? null}
            selected={view.selected}
            onHover={setHover}
            onClick={onClick}
            onDrawn={onDrawn}
          />
          {data.choropleth && <MapLegend title={data.layer.legendTitle} legend={data.choropleth.legend} format={data.layer.format} />}
          {hover && hoverFigures && <MapTooltip hover={hover} figures={hoverFigures} layer={data.layer} />}
          {data.loading && <div className="map-loading">Memuat peta…</div>}
          {!data.loading && data.regions && regionCount === 0 && (
            <div className="map-empty">Belum ada batas wilayah {LEVEL_LABEL[view.level].toLowerCase()} untuk wilayah ini.</div>
          )}
        </div>
        {panelActive || data.error ? (
          <Suspense fallback={<aside className="panel" />}>
            <RegionPanel view={view} figures={data.figures} layer={data.layer} onPick={onClick} />
          </Suspense>
        ) : (
          <aside className="panel" aria-busy="true" />
        )}
      </div>
    </div>
  );
}
