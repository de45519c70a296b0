import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import type { Database } from '../../server/src/db/database';
import { ensureAdmin } from '../../server/src/modules/auth/auth.service';

export const ADMIN_PASSWORD = 'admin-test-password';

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

export interface TestApp {
  url: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  login(username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the real app (createApp) on a free port over the given test database, with an admin account.
 * `clientDir` serves a built web client at / (the browser tests); without it, the API only.
 */
export async function startTestApp(db: Database, opts: { clientDir?: string } = {}): Promise<TestApp> {
  const config = { ...loadConfig({}), dataDir: '/tmp', adminPassword: ADMIN_PASSWORD, jwtSecret: 'test-secret' };
  await ensureAdmin(db.orm.em.fork(), { adminPassword: ADMIN_PASSWORD, dataDir: '/tmp' });
  const { app, stop } = await createApp({ orm: db.orm, config, clientDir: opts.clientDir });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gql: TestApp['gql'] = async (query, variables, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<any>;
  };
  return {
    url,
    gql,
    async login(username = 'admin', password = ADMIN_PASSWORD) {
      const r = await gql<{ login: { token: string } }>(
        `mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }`,
        { u: username, p: password },
      );
      if (!r.data?.login) throw new Error(`login failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await stop();
    },
  };
}
