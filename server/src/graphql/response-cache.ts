import crypto from 'node:crypto';
import { GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt, DirectiveLocation } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Response } from 'express';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { LRUCache } from 'lru-cache';
import type { GraphQLContext } from './context';

/**
 * Whole-response cache for the aggregate reads that every screen and every rakorev participant
 * repeats (coverage, dataQuality, budgetRealisation, region boundaries), keyed by the request
 * (query text, operation name, variables, extensions) and `data_version` — a number the database
 * bumps at the commit of any change to the data (Migration20261127080000_data_version). An answer
 * is thus reused only while nothing it could depend on has changed; there is no time-based staleness.
 * - What may be cached is decided by Apollo's cache-control plugin from the schema's hints: only
 *   operations whose every field carries a PUBLIC hint (the aggregates below and the types they
 *   return). Nothing household-level (masked per role) has a hint, so a query that asks for any of
 *   it is never cached.
 * - Only an authenticated request reads or fills the cache (the login requirement of every root
 *   field is checked in execution, which a cache hit skips). The aggregates are the same for
 *   every role, VIEWER included (contract §5), hence PUBLIC.
 * - The stored value is the serialized answer, sent as it is on a hit, before Apollo's pipeline
 *   (README → Decisions: response cache). Parse, validation and the cost limit ran when the entry
 *   was stored, on the same text and variables, and give the same verdict again.
 * - No HTTP caching headers: a browser must not keep an answer the next import changes. An `age`
 *   header (seconds since the answer was computed) marks a hit.
 * The cache lives in one createApp (an in-memory LRU bounded in bytes), never in module state.
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
    // Marks the rejection as seen for Node; whoever awaits `v` still gets the error.
    v.catch(() => undefined);
    loaders.set('dataVersion', v);
  }
  return v;
}

/** Where a request's answer is (or will be) stored: set on the context of a cacheable-shaped, logged-in request. */
export interface ResponseCacheSlot {
  key: string;
  version: string;
  /** Set by the plugin once the answer's policy allows storing it. */
  storable?: boolean;
}

interface Entry {
  version: string;
  /** The answer as UTF-8 JSON, encoded once. */
  body: Buffer;
  storedAt: number;
}

/** A GraphQL request body as express.json() parsed it. */
interface RequestBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;

  /** `maxBytes` bounds the stored answers. */
  constructor(maxBytes = 64 * 1024 * 1024) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (e) => Math.max(1, e.body.length) });
  }

  /** The key of a single GraphQL request, or null for what is never cached (batches, no query text). */
  keyOf(body: unknown): string | null {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const b = body as RequestBody;
    if (typeof b.query !== 'string') return null;
    const text = JSON.stringify([b.query, b.operationName ?? null, b.variables ?? null, b.extensions ?? null]);
    return crypto.createHash('sha256').update(text).digest('base64url');
  }

  /** The stored answer for this key at exactly this data version. */
  get(slot: ResponseCacheSlot): Entry | undefined {
    const e = this.entries.get(slot.key);
    return e && e.version === slot.version ? e : undefined;
  }

  set(slot: ResponseCacheSlot, body: string): void {
    this.entries.set(slot.key, { version: slot.version, body: Buffer.from(body, 'utf8'), storedAt: Date.now() });
  }
}

/**
 * Apollo's cache-control plugin computes each answer's policy from the hints; the second plugin
 * marks an answer storable when the policy allows it: a query, no errors, no extensions, PUBLIC.
 */
export function responseCachePlugins(): ApolloServerPlugin<GraphQLContext>[] {
  return [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, response, operation, overallCachePolicy }) {
            const slot = contextValue.responseCache;
            if (!slot || operation?.operation !== 'query' || response.body.kind !== 'single') return;
            const { data, errors, extensions } = response.body.singleResult;
            if (errors || extensions || !data || overallCachePolicy.policyIfCacheable()?.scope !== 'PUBLIC') return;
            slot.storable = true;
          },
        };
      },
    },
  ];
}

/**
 * Keeps the answer of a storable request exactly as Apollo's express integration sends it
 * (res.send with the serialized body): one serialization per answer, and a hit is byte for byte
 * the answer it repeats.
 */
export function storeWhenSent(cache: ResponseCache, slot: ResponseCacheSlot, res: Response): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (slot.storable && typeof body === 'string' && res.statusCode === 200) cache.set(slot, body);
    return send(body);
  };
}
