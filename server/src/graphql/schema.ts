import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { authChecker, requireLoginOnRootFields } from './auth-checker';
import { cacheControlDirective } from './response-cache';
import { RegionResolver } from '../modules/regions/region.resolver';
import { LoginResolver, MeResolver, UserAdminResolver } from '../modules/auth/auth.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { BudgetResolver, RakorevSnapshotResolver } from '../modules/budget/budget.resolver';
import { AnalyticsResolver } from '../modules/analytics/analytics.resolver';
import { HouseholdResolver } from '../modules/households/household.resolver';
import { ProgramResolver } from '../modules/programs/program.resolver';
import { QualityResolver } from '../modules/quality/quality.resolver';
import { UsulanResolver } from '../modules/workflows/usulan.resolver';
import { PengaduanResolver } from '../modules/workflows/pengaduan.resolver';
import { VerivaliResolver } from '../modules/workflows/verivali.resolver';
import { RevalidationFunnelResolver } from '../modules/workflows/funnel.resolver';

/** Every resolver of the API. Modules append theirs here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [LoginResolver, MeResolver, RegionResolver, BudgetResolver, RakorevSnapshotResolver, UserAdminResolver, AuditResolver, AnalyticsResolver, HouseholdResolver, ProgramResolver, QualityResolver, UsulanResolver, PengaduanResolver, VerivaliResolver, RevalidationFunnelResolver];

let cached: Promise<GraphQLSchema> | undefined;
/** The schema depends only on code, so building it once per process is safe (not mutable state). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({ resolvers, authChecker, authMode: 'error', validate: false, directives: [...specifiedDirectives, cacheControlDirective] }).then(requireLoginOnRootFields);
  return cached;
}
