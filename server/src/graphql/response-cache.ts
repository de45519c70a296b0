import { GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt, DirectiveLocation } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { GraphQLContext } from './context';

/**
 * Whole-response cache for the aggregate reads that every screen and every rakorev participant
 * repeats (coverage, dataQuality, budgetRealisation, region boundaries): Apollo's response-cache
 * plugin, keyed by the query, its variables and `data_version` — a number the database bumps at
 * the commit of any change to the data (Migration20261127080000_data_version). An answer is thus
 * reused only while nothing it could depend on has changed; there is no time-based staleness.
 * - Only operations whose every field carries a PUBLIC hint are cached: the aggregates below and
 *   the types they return. Nothing household-level (masked per role) has a hint, so a query that
 *   asks for any of it is never cached.
 * - Only an authenticated request reads or fills the cache (the login requirement of every root
 *   field is checked in execution, which a cache hit skips). The aggregates are the same for
 *   every role, VIEWER included (contract §5), hence PUBLIC.
 * - No HTTP caching headers: a browser must not keep an answer the next import changes.
 * The cache lives in the ApolloServer of one createApp (in-memory LRU), never in module state.
 */

/** On the aggregate root fields. maxAge only bounds memory: entries are keyed by data_version. */
export const CACHE_AGGREGATE = '@cacheControl(maxAge: 3600, scope: PUBLIC)';
/** On the object types those fields return: their fields take the root field's hint. */
export const CACHE_INHERIT = '@cacheControl(inheritMaxAge: true)';

const CacheControlScope = new GraphQLEnumType({ name: 'CacheControlScope', values: { PUBLIC: {}, PRIVATE: {} } });

/** Apollo's @cacheControl directive, declared so type-graphql's @Directive can use it. */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'Response-cache hint (server/src/graphql/response-cache.ts)',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: { maxAge: { type: GraphQLInt }, scope: { type: CacheControlScope }, inheritMaxAge: { type: GraphQLBoolean } },
});

/** Starts reading the data version for a request (memoised in its loaders). */
export function prefetchDataVersion(em: GraphQLContext['em'], loaders: GraphQLContext['loaders']): Promise<string> {
  let v = loaders.get('dataVersion') as Promise<string> | undefined;
  if (!v) {
    v = em.execute<{ version: string }[]>(`select version::text as version from data_version`).then((r) => r[0]?.version ?? '0');
    // Marks the rejection as seen for Node; whoever awaits `v` (extraCacheKeyData) still gets the error.
    v.catch(() => undefined);
    loaders.set('dataVersion', v);
  }
  return v;
}

/** The data version this request reads. */
export function dataVersion(ctx: GraphQLContext): Promise<string> {
  return prefetchDataVersion(ctx.em, ctx.loaders);
}

export function responseCachePlugins(): ApolloServerPlugin<GraphQLContext>[] {
  const authenticated = async ({ contextValue }: { contextValue: GraphQLContext }) => contextValue.user !== null && !contextValue.authError;
  return [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    responseCachePlugin<GraphQLContext>({
      shouldReadFromCache: authenticated,
      shouldWriteToCache: authenticated,
      extraCacheKeyData: ({ contextValue }) => dataVersion(contextValue),
    }),
  ];
}
