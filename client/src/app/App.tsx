import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { createApolloClient } from './apollo';
import { Layout } from './Layout';
import { Loading } from '../components/Status';
import { currentToken } from '../lib/session';
import LoginPage from '../features/auth/LoginPage';
import { prefetchMapView } from '../features/map/prefetch';

// Each page is its own chunk: the map does not wait for GraphiQL's editor or the PDF library.
const MapPage = lazy(() => import('../features/map/MapPage'));
const BudgetPage = lazy(() => import('../features/budget/BudgetPage'));
const HouseholdsPage = lazy(() => import('../features/households/HouseholdsPage'));
const QualityPage = lazy(() => import('../features/quality/QualityPage'));
const ImportPage = lazy(() => import('../features/imports/ImportPage'));
const RakorevPage = lazy(() => import('../features/rakorev/RakorevPage'));
const GraphiqlPage = lazy(() => import('../features/graphiql/GraphiqlPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/masuk" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

const page = (el: ReactNode) => <Suspense fallback={<Loading />}>{el}</Suspense>;

const router = createBrowserRouter([
  { path: '/masuk', element: <LoginPage /> },
  {
    // Full-screen pages without the menu.
    path: '/rakorev/tampil',
    element: <RequireAuth>{page(<RakorevPage fullscreen />)}</RequireAuth>,
  },
  {
    path: '/graphiql',
    element: <RequireAuth>{page(<GraphiqlPage />)}</RequireAuth>,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/peta" replace /> },
      { path: 'peta', element: page(<MapPage />) },
      { path: 'anggaran', element: page(<BudgetPage />) },
      { path: 'keluarga', element: page(<HouseholdsPage />) },
      { path: 'kualitas', element: page(<QualityPage />) },
      { path: 'impor', element: page(<ImportPage />) },
      { path: 'rakorev', element: page(<RakorevPage />) },
      { path: '*', element: <div className="empty">Halaman tidak ditemukan.</div> },
    ],
  },
]);

function WithApollo({ children }: { children: ReactNode }) {
  const { session, logout } = useAuth();
  // A fresh client (and cache) per login: nothing one user saw leaks to the next.
  const token = session?.token;
  const client = useMemo(() => {
    const c = createApolloClient(currentToken, logout);
    // Opening the portal on the map: ask for its data now, while the map's code still loads.
    if (token && window.location.pathname === '/peta') prefetchMapView(c, window.location.search, session?.user.regionCode ?? null);
    return c;
  }, [token, logout]);
  return <ApolloProvider client={client}>{children}</ApolloProvider>;
}

export function App() {
  return (
    <AuthProvider>
      <WithApollo>
        <RouterProvider router={router} />
      </WithApollo>
    </AuthProvider>
  );
}
