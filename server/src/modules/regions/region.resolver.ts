import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, Directive, Float, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CACHE_AGGREGATE } from '../../graphql/response-cache';
import { GraphQLJSONObject } from 'graphql-scalars';
import { RegionLevel } from './region.entity';
import { RegionType } from './region.types';
import { geometriesFor, listRegions, toRegionType } from './region.service';
import { loader, type GraphQLContext } from '../../graphql/context';
import { undot } from './region-data';
import { badInput } from '../../graphql/errors';

@Authorized()
@Resolver(() => RegionType)
export class RegionResolver {
  @Directive(CACHE_AGGREGATE)
  @Query(() => [RegionType], { description: 'Regions of a level at or inside `within` (all when omitted)' })
  async regions(
    @Ctx() ctx: GraphQLContext,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
  ): Promise<RegionType[]> {
    return (await listRegions(ctx.em, level, within)).map(toRegionType);
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Boundary as a GeoJSON geometry (WGS84); `simplify` is a tolerance in degrees (e.g. 0.001)',
  })
  async geometry(
    @Root() region: RegionType,
    @Ctx() ctx: GraphQLContext,
    @Arg('simplify', () => Float, { nullable: true, defaultValue: 0 }) simplify: number,
  ): Promise<Record<string, unknown> | null> {
    if (!(simplify >= 0 && simplify <= 1)) throw badInput(`simplify must be between 0 and 1 degree, got ${simplify}.`);
    // One query for all regions of the request that share a tolerance (no N+1).
    const l = loader(ctx, `geometry:${simplify}`, () =>
      new DataLoader<string, unknown>(async (codes) => {
        const m = await geometriesFor(ctx.em, codes, simplify);
        return codes.map((c) => m.get(c) ?? null);
      }),
    );
    return (await l.load(undot(region.code))) as Record<string, unknown> | null;
  }
}
