import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AuthUser } from '../modules/auth/auth.types';
import type { Config } from '../config';
import type { ResponseCacheSlot } from './response-cache';

export interface GraphQLContext {
  /** A fresh fork per request: no identity map shared between requests. */
  em: EntityManager;
  orm: MikroORM;
  user: AuthUser | null;
  /** Why the bearer token was refused, if one was sent and refused. */
  authError: string | null;
  config: Config;
  ip: string;
  /** Per-request DataLoaders and caches, created lazily by modules. */
  loaders: Map<string, unknown>;
  /** Where this request's answer goes if its cache policy allows (logged-in requests only). */
  responseCache?: ResponseCacheSlot | null;
}

/** Per-request memo for DataLoaders: one instance per key per request. */
export function loader<T>(ctx: GraphQLContext, key: string, make: () => T): T {
  let l = ctx.loaders.get(key) as T | undefined;
  if (!l) {
    l = make();
    ctx.loaders.set(key, l);
  }
  return l;
}
