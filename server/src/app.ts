import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { GraphQLContext } from './graphql/context';
import { buildAppSchema } from './graphql/schema';
import { getJwtSecret, readToken, toAuthUser } from './modules/auth/auth.service';
import { User } from './modules/auth/user.entity';
import type { AuthUser } from './modules/auth/auth.types';
import type { StartupStatus } from './status';
import { httpRoutes } from './http/routes';

export interface AppDeps {
  orm: MikroORM;
  config: Config;
  status?: StartupStatus;
  /** Built client (index.html + assets); not served when absent. */
  clientDir?: string;
}

export interface RequestAuth {
  user: AuthUser | null;
  error: string | null;
}

/** Resolves the bearer token of a request to a user (or why not). Used by GraphQL and every HTTP route. */
export async function authenticate(orm: MikroORM, config: Config, req: Request): Promise<RequestAuth> {
  const header = req.headers.authorization;
  if (!header) return { user: null, error: null };
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m) return { user: null, error: 'The Authorization header must be "Bearer <token>".' };
  const em = orm.em.fork();
  const check = await readToken(await getJwtSecret(em, config.jwtSecret), m[1].trim());
  if (!check.ok) return { user: null, error: check.reason };
  const user = await em.findOne(User, { username: check.username });
  if (!user || user.disabled) return { user: null, error: 'The account of this token no longer exists or is disabled.' };
  return { user: toAuthUser(user), error: null };
}

/** The whole HTTP app, built from its dependencies only (tests call this with their own ORM). */
export async function createApp(deps: AppDeps): Promise<{ app: Express; stop: () => Promise<void> }> {
  const { orm, config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-eval'"], // GraphiQL's editor compiles code at run time
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
        },
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    const s = deps.status;
    if (s && !s.ready) {
      res.status(503).json(s);
      return;
    }
    res.json({ ready: true, phase: 'ready' });
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildAppSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const auth = await authenticate(orm, config, req);
        return {
          em: orm.em.fork(),
          orm,
          user: auth.user,
          authError: auth.error,
          config,
          ip: req.ip ?? '',
          loaders: new Map(),
        };
      },
    }),
  );

  for (const mount of httpRoutes) mount(app, deps);

  if (deps.clientDir && fs.existsSync(path.join(deps.clientDir, 'index.html'))) {
    const dir = deps.clientDir;
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    // Client-side routes fall back to index.html.
    app.get(/^\/(?!graphql|api|healthz).*/, (_req, res) => res.sendFile(path.join(dir, 'index.html')));
  }

  return { app, stop: () => apollo.stop() };
}
