import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import http from 'node:http';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import helmet from 'helmet';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { GraphQLContext } from './graphql/context';
import { buildAppSchema } from './graphql/schema';
import { ResponseCache, prefetchDataVersion, responseCachePlugins, storeWhenSent } from './graphql/response-cache';
import { maskError } from './graphql/errors';
import { GRAPHQL_BODY_LIMIT, MAX_QUERY_TOKENS, depthLimitRule, queryCostPlugin, textInputPlugin } from './graphql/limits';
import { authenticateHeader, getJwtSecret } from './modules/auth/auth.service';
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
  return authenticateHeader(orm.em.fork(), config.jwtSecret, req.headers.authorization);
}

/**
 * Content-Security-Policy of the portal. Everything comes from the portal
 * itself (no CDN, no remote base map). blob: for maplibre's web worker and
 * for exported files/images (html-to-image, jsPDF); data: for inline icons
 * and exported images. No 'unsafe-inline' or 'unsafe-eval' scripts: the built
 * SPA, the maplibre worker and GraphiQL at /graphiql were checked in Chromium to
 * run with no violation. No upgrade-insecure-requests: the portal is often served
 * over plain http on an office network, where it would break every asset.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"], // maplibre and the editors set style attributes at run time
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'], // worker fallback of older browsers
  connectSrc: ["'self'", 'data:', 'blob:'],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  upgradeInsecureRequests: null,
};

/**
 * Last handler: errors of HTTP routes and body parsers become JSON with a
 * clear message for the caller's mistakes (too large, bad JSON, upload
 * limits) and a generic message with a log reference for everything else.
 * Express's own handler would print the stack trace outside production.
 */
export const jsonErrorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const e = (err ?? {}) as { status?: number; statusCode?: number; type?: string; code?: string; expose?: boolean; message?: string; limit?: number };
  const status = e.status ?? e.statusCode ?? 500;
  if (e.type === 'entity.too.large') {
    res.status(413).json({ error: `The request body is larger than the limit of ${e.limit ?? '?'} bytes.`, code: 'PAYLOAD_TOO_LARGE' });
  } else if (e.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'The request body is not valid JSON.', code: 'BAD_REQUEST' });
  } else if (e.code === 'LIMIT_FILE_SIZE') {
    res.status(413).json({ error: 'The uploaded file is larger than the upload limit.', code: 'PAYLOAD_TOO_LARGE' });
  } else if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    res.status(400).json({ error: `The upload breaks a limit: ${e.message ?? e.code}.`, code: 'BAD_REQUEST' });
  } else if (status >= 400 && status < 500) {
    const message = e.expose !== false && e.message ? e.message : (http.STATUS_CODES[status] ?? 'Bad request');
    res.status(status).json({ error: message, code: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST' });
  } else {
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[http] internal error on ${req.method} ${req.originalUrl}, reference ${reference}:`, err);
    res.status(500).json({ error: `Internal server error (reference ${reference}); the details are in the server log.`, code: 'INTERNAL_SERVER_ERROR', reference });
  }
};

/** The whole HTTP app, built from its dependencies only (tests call this with their own ORM). */
export async function createApp(deps: AppDeps): Promise<{ app: Express; stop: () => Promise<void> }> {
  const { orm, config } = deps;
  const app = express();
  // The signing secret never changes once stored: read it once per app, not on every request
  // (forgotten again on failure, so a database hiccup at start is not kept).
  let secretOnce: Promise<Uint8Array> | undefined;
  const jwtSecret = () =>
    (secretOnce ??= getJwtSecret(orm.em.fork(), config.jwtSecret).catch((err: unknown) => {
      secretOnce = undefined;
      throw err;
    }));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }));

  app.get('/healthz', (_req, res) => {
    const s = deps.status;
    if (s && !s.ready) {
      res.status(503).json(s);
      return;
    }
    res.json({ ready: true, phase: 'ready' });
  });

  const responseCache = new ResponseCache();
  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildAppSchema(),
    introspection: true, // GraphiQL at /graphiql needs it; the schema is public (server/schema.graphql)
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error),
    // Refuses simple (form/GET without a custom header) requests a browser could send cross-site.
    csrfPrevention: true,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    validationRules: [depthLimitRule],
    plugins: [queryCostPlugin<GraphQLContext>(), textInputPlugin<GraphQLContext>(), ApolloServerPluginLandingPageDisabled(), ...responseCachePlugins()],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    // The request's context, built before Apollo so that a logged-in repeat of a cached aggregate
    // is answered here with the stored text (server/src/graphql/response-cache.ts).
    (req, res, next) => {
      const em = orm.em.fork();
      const loaders = new Map<string, unknown>();
      const header = req.headers.authorization;
      // A logged-in request may be answered from the response cache, which needs the data version:
      // ask for it while the token is checked (two round trips at once).
      const version = header ? prefetchDataVersion(em, loaders) : undefined;
      const authenticated = header
        ? jwtSecret().then((secret) => authenticateHeader(orm.em.fork(), secret, header))
        : Promise.resolve({ user: null, error: null });
      authenticated
        .then(async (auth) => {
          const context: GraphQLContext = { em, orm, user: auth.user, authError: auth.error, config, ip: req.ip ?? '', loaders, responseCache: null };
          res.locals.graphqlContext = context;
          const key = version && auth.user && !auth.error && req.method === 'POST' ? responseCache.keyOf(req.body) : null;
          if (key && version) {
            context.responseCache = { key, version: await version };
            const hit = responseCache.get(context.responseCache);
            if (hit) {
              res.setHeader('age', String(Math.round((Date.now() - hit.storedAt) / 1000)));
              res.setHeader('content-type', 'application/json; charset=utf-8');
              res.setHeader('content-length', hit.body.length);
              res.end(hit.body);
              return;
            }
            storeWhenSent(responseCache, context.responseCache, res);
          }
          next();
        })
        .catch(next);
    },
    expressMiddleware(apollo, { context: async ({ res }) => res.locals.graphqlContext as GraphQLContext }),
  );

  for (const mount of httpRoutes) mount(app, deps);
  app.use('/api', (req, res) => {
    res.status(404).json({ error: `There is no ${req.method} ${req.originalUrl.split('?')[0].slice(0, 200)}.`, code: 'NOT_FOUND' });
  });

  if (deps.clientDir) {
    const dir = deps.clientDir;
    const index = path.join(dir, 'index.html');
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    // Client-side routes fall back to index.html. `npm start` builds the client while the server
    // starts (scripts/start.ts): until the build is there, the page says so instead of a 404.
    app.get(/^\/(?!graphql|api|healthz).*/, (_req, res) => {
      if (fs.existsSync(index)) res.sendFile(index);
      else
        res
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('Tampilan web belum selesai dibangun. Bila npm start baru saja dijalankan, muat ulang halaman ini sebentar lagi; tanpa npm start, jalankan npm run build:client.');
    });
  }

  app.use(jsonErrorHandler);

  return { app, stop: () => apollo.stop() };
}
