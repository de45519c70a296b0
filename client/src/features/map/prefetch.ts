import type { ApolloClient } from '@apollo/client';
import { MapCoverageQuery, MapRegionsQuery } from './map.operations';
import { toleranceFor } from './regions';
import { parseView, toAidFilter, type MapView } from './view-state';
import type { MapRegionsQuery as MapRegionsResult } from '../../gql/graphql';

type RegionRows = MapRegionsResult['regions'];

/**
 * Boundaries by view, outside Apollo's normalised cache (writing 729 polygons
 * into it costs the main thread more than it saves) but remembered for the
 * session, so going back up a level redraws at once. A few views are kept.
 */
const boundaries = new Map<string, Promise<RegionRows>>();
const KEEP = 8;

export function regionsVariables(view: Pick<MapView, 'level' | 'within'>) {
  return { level: view.level, within: view.within, tolerance: toleranceFor(view.level, view.within) };
}

export function fetchBoundaries(client: ApolloClient, view: Pick<MapView, 'level' | 'within'>): Promise<RegionRows> {
  const variables = regionsVariables(view);
  const key = JSON.stringify(variables);
  let p = boundaries.get(key);
  if (!p) {
    p = client.query({ query: MapRegionsQuery, variables, fetchPolicy: 'no-cache' }).then((r) => {
      if (!r.data) throw new Error(`Batas wilayah ${view.within ?? 'Indonesia'} tidak terbaca.`);
      return r.data.regions;
    });
    // A failed request is not remembered: the next attempt asks again.
    p.catch(() => boundaries.delete(key));
    boundaries.set(key, p);
    while (boundaries.size > KEEP) boundaries.delete(boundaries.keys().next().value!);
  }
  return p;
}

/**
 * Started when the app boots on the map page, before the map's code has
 * loaded: the two requests the first drawing needs (boundaries and coverage)
 * run while the browser is still fetching and parsing the map library.
 */
export function prefetchMapView(client: ApolloClient, search: string, home: string | null): void {
  const view = parseView(new URLSearchParams(search), home);
  void fetchBoundaries(client, view).catch((err: unknown) => console.warn('Prefetch of boundaries failed (the map retries):', err));
  void client
    .query({ query: MapCoverageQuery, variables: { level: view.level, within: view.within, filter: toAidFilter(view.filter) } })
    .catch((err: unknown) => console.warn('Prefetch of coverage failed (the map retries):', err));
}
