import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../app/auth';
import { parseView, viewToParams, type MapView } from './view-state';

/** The map view lives in the URL: reading it parses the query string, changing it pushes a history entry (so Back works). */
export function useMapView(): [MapView, (next: MapView) => void] {
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const key = params.toString();
  // The string key stands for the params object (a new object every render).
  const view = useMemo(() => parseView(new URLSearchParams(key), session.user.regionCode), [key, session.user.regionCode]);
  const setView = useCallback((next: MapView) => setParams(viewToParams(next)), [setParams]);
  return [view, setView];
}
