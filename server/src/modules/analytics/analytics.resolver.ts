import { Arg, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { CACHE_AGGREGATE } from '../../graphql/response-cache';
import type { GraphQLContext } from '../../graphql/context';
import { RegionLevel } from '../regions/region.entity';
import { toRegionType } from '../regions/region.service';
import { AidFilter, Coverage, DataQuality } from './analytics.types';
import { coverage, dataQuality } from './analytics.service';

/** Aggregates: every role may read them (VIEWER included); no NIK leaves through here. */
@Authorized()
@Resolver()
export class AnalyticsResolver {
  @Directive(CACHE_AGGREGATE)
  @Query(() => [Coverage], { description: 'Coverage per region of `level` at or inside `within` (all when omitted), zero rows included' })
  async coverage(
    @Ctx() ctx: GraphQLContext,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('filter', () => AidFilter, { nullable: true }) filter?: AidFilter | null,
  ): Promise<Coverage[]> {
    const rows = await coverage(ctx.em, level, within, filter);
    return rows.map((r) => ({
      region: toRegionType(r),
      households: r.households,
      dtksHouseholds: r.dtks_households,
      aidedHouseholds: r.aided_households,
      stackedHouseholds: r.stacked_households,
      unaidedDtksHouseholds: r.unaided_dtks_households,
      aidedNonDtksHouseholds: r.aided_non_dtks_households,
      aidAmount: r.aid_amount,
    }));
  }

  @Directive(CACHE_AGGREGATE)
  @Query(() => [DataQuality], { description: 'Data-quality figures per region of `level` at or inside `within`, zero rows included' })
  async dataQuality(
    @Ctx() ctx: GraphQLContext,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('filter', () => AidFilter, { nullable: true }) filter?: AidFilter | null,
  ): Promise<DataQuality[]> {
    const rows = await dataQuality(ctx.em, level, within, filter);
    return rows.map((r) => ({
      region: toRegionType(r),
      invalidNik: r.invalid_nik,
      unmatchedRecipients: r.unmatched_recipients,
      duplicatePayments: r.duplicate_payments,
      deceasedRecipients: r.deceased_recipients,
      possibleDuplicates: r.possible_duplicates,
    }));
  }
}
