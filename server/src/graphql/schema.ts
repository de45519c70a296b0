import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from './auth-checker';
import { RegionResolver } from '../modules/regions/region.resolver';
import { LoginResolver, MeResolver } from '../modules/auth/auth.resolver';
import { BudgetResolver, RakorevSnapshotResolver } from '../modules/budget/budget.resolver';

/** Every resolver of the API. Modules append theirs here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [LoginResolver, MeResolver, RegionResolver, BudgetResolver, RakorevSnapshotResolver];

let cached: Promise<GraphQLSchema> | undefined;
/** The schema depends only on code, so building it once per process is safe (not mutable state). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({ resolvers, authChecker, authMode: 'error', validate: false });
  return cached;
}
