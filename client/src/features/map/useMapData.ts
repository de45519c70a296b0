import { useEffect, useMemo, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { bboxOf, toFeatureCollection } from './geo';
import { joinFigures, layerById } from './layers';
import { buildChoropleth } from './choropleth';
import { BudgetYearsQuery, MapBudgetQuery, MapCoverageQuery, MapQualityQuery } from './map.operations';
import { fetchBoundaries } from './prefetch';
import { budgetYearsWindow, pickDefaultYear } from './years';
import { toAidFilter, type MapView } from './view-state';

/** The year budget views open on: the latest year with budget lines (see BudgetYearsQuery). */
export function useDefaultYear(skip = false): number {
  const now = new Date().getFullYear();
  const { data } = useQuery(BudgetYearsQuery, { variables: budgetYearsWindow(now), skip });
  return useMemo(() => pickDefaultYear(now, data ?? null), [now, data]);
}

type Boundaries = Awaited<ReturnType<typeof fetchBoundaries>>;

/** The view's boundaries (see prefetch.ts): loading, data or error, like a query hook. */
function useBoundaries(view: MapView) {
  const client = useApolloClient();
  const key = `${view.level}|${view.within ?? ''}`;
  const [state, setState] = useState<{ key: string; data?: Boundaries; error?: Error }>({ key });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    fetchBoundaries(client, view).then(
      (data) => live && setState({ key, data }),
      (error: Error) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
    // `key` stands for the level and region of the view; the other parts of the view do not change the boundaries.
  }, [client, key, attempt]);
  const current = state.key === key ? state : { key };
  return {
    data: current.data ? { regions: current.data } : undefined,
    error: current.error,
    loading: !current.data && !current.error,
    refetch: () => setAttempt((a) => a + 1),
  };
}

/**
 * Fetch → transform for the map: the view's boundaries (one request per
 * level/within, cached), the figures of the active layer's source, then the
 * pure join and classing.
 */
export function useMapData(view: MapView) {
  const layer = layerById(view.layer);
  // Only the budget layers need a year before the map can be drawn.
  const defaultYear = useDefaultYear(layer.source !== 'budget' && view.filter.year === null);
  const year = view.filter.year ?? defaultYear;
  const programs = view.filter.programs.length > 0 ? view.filter.programs : null;

  const regionsQ = useBoundaries(view);
  const filter = toAidFilter(view.filter);
  const coverageQ = useQuery(MapCoverageQuery, { variables: { level: view.level, within: view.within, filter } });
  const qualityQ = useQuery(MapQualityQuery, {
    variables: { level: view.level, within: view.within, filter },
    skip: layer.source !== 'quality',
  });
  const budgetQ = useQuery(MapBudgetQuery, {
    variables: { year, level: view.level, within: view.within, programs, stage: view.filter.stage },
    skip: layer.source !== 'budget',
  });

  const regions = regionsQ.data?.regions;
  const collection = useMemo(() => (regions ? toFeatureCollection(regions) : null), [regions]);
  const bbox = useMemo(() => (collection ? bboxOf(collection) : null), [collection]);

  const figures = useMemo(
    () =>
      regions
        ? joinFigures(regions, coverageQ.data?.coverage ?? [], qualityQ.data?.dataQuality ?? [], budgetQ.data?.budgetRealisation ?? [])
        : null,
    [regions, coverageQ.data, qualityQ.data, budgetQ.data],
  );
  const sourceReady =
    !!coverageQ.data && (layer.source === 'budget' ? !!budgetQ.data : layer.source === 'quality' ? !!qualityQ.data : true);
  const choropleth = useMemo(
    () => (figures && sourceReady ? buildChoropleth(figures, layer, view.method) : null),
    [figures, sourceReady, layer, view.method],
  );

  return {
    layer,
    year,
    regions,
    collection,
    bbox,
    figures,
    choropleth,
    loading: regionsQ.loading || coverageQ.loading || qualityQ.loading || budgetQ.loading,
    error: regionsQ.error ?? coverageQ.error ?? qualityQ.error ?? budgetQ.error,
    refetch: () => {
      void regionsQ.refetch();
      void coverageQ.refetch();
      if (layer.source === 'quality') void qualityQ.refetch();
      if (layer.source === 'budget') void budgetQ.refetch();
    },
  };
}
