import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
// Monaco's language workers bundled by vite (no CDN: the portal works offline).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { currentToken } from '../../lib/session';
import { EXAMPLE_TABS } from './examples';

/** GraphiQL for analysts, served from the portal itself; every request carries the session's token. */
export default function GraphiqlPage() {
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: '/graphql',
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          const token = currentToken();
          if (token) headers.set('authorization', `Bearer ${token}`);
          return fetch(input, { ...init, headers });
        },
      }),
    [],
  );
  return (
    <div className="graphiql-page" data-testid="graphiql">
      <div className="graphiql-bar">
        <Link to="/peta">← Kembali ke portal</Link>
        <span className="muted">Token sesi Anda dikirim otomatis sebagai header Authorization.</span>
      </div>
      <div className="graphiql-host">
        <GraphiQL fetcher={fetcher} defaultTabs={EXAMPLE_TABS} defaultEditorToolsVisibility="variables" />
      </div>
    </div>
  );
}
