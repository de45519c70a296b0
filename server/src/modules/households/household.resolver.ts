import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { assertCanSeeHouseholds, maskNik } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { toRegionType } from '../regions/region.service';
import { Household, HouseholdConnection, HouseholdFilter, HouseholdMember, HouseholdProgram } from './household.types';
import { listHouseholds, type HouseholdRow } from './household.service';
import { membersLoader, programsLoader } from './household.loader';

function toHousehold(user: AuthUser, r: HouseholdRow): Household {
  return {
    noKk: maskNik(user, r.no_kk, r.desa_code) ?? '',
    region: toRegionType(r),
    dtks: r.dtks,
    desil: r.desil,
    address: r.address,
    kk: r.no_kk,
    desaCode: r.desa_code,
  };
}

/** Household-level (personal) data: every role but VIEWER; NIKs and No. KK masked per access.ts. */
@Authorized()
@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => HouseholdConnection, {
    description: 'Roster households at or inside `within` matching the filter, by desa and No. KK; `first` defaults to 50, at most 500',
  })
  async households(
    @Ctx() ctx: GraphQLContext,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('filter', () => HouseholdFilter, { nullable: true }) filter?: HouseholdFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<HouseholdConnection> {
    const user = ctx.user!;
    assertCanSeeHouseholds(user);
    const page = await listHouseholds(ctx.em, { within, filter, first, after });
    return {
      totalCount: page.totalCount,
      edges: page.rows.map((e) => ({ cursor: e.cursor, node: toHousehold(user, e.row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @FieldResolver(() => [HouseholdMember], { description: 'Members, the head first' })
  async members(@Root() h: Household, @Ctx() ctx: GraphQLContext): Promise<HouseholdMember[]> {
    const user = ctx.user!;
    const rows = await membersLoader(ctx).load(h.kk);
    return rows.map((m) => ({
      nik: maskNik(user, m.nik, h.desaCode) ?? '',
      name: m.name,
      sex: m.sex,
      birthDate: m.birth_date,
      relation: m.relation,
      nikValid: m.nik_valid,
    }));
  }

  @FieldResolver(() => [HouseholdProgram], { description: 'Aid received (matched recipient rows) per program, year and stage' })
  async programs(@Root() h: Household, @Ctx() ctx: GraphQLContext): Promise<HouseholdProgram[]> {
    const rows = await programsLoader(ctx).load(h.kk);
    return rows.map((p) => ({ program: p.program, name: p.program_name, year: p.year, stage: p.stage, amount: p.amount, payments: p.payments }));
  }
}
