import { Arg, Authorized, Ctx, Float, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Role } from '../auth/user.entity';
import { RegionLevel } from '../regions/region.entity';
import { AidFilter } from '../analytics/analytics.types';
import {
  CivilRegistryRisk,
  DuplicatePairConnection,
  DuplicateVerdict,
  ExclusiveProgramPair,
  ExclusiveProgramViolationConnection,
} from './quality.types';
import {
  addExclusivePair,
  civilRegistryRisk,
  listDuplicatePairs,
  listExclusivePairs,
  listExclusiveViolations,
  removeExclusivePair,
  reviewDuplicatePair,
  setDuplicateThreshold,
} from './quality.service';
import { dedupThreshold } from './dedup.service';

/**
 * Data quality: possible duplicates, exclusive programs, civil-registry risk.
 * Person lists refuse VIEWER (service: assertCanSeeHouseholds) and mask NIKs per caller;
 * aggregates are open to every role.
 */
@Authorized()
@Resolver()
export class QualityResolver {
  @Query(() => DuplicatePairConnection, {
    description: 'Pairs behind the possibleDuplicates figure, placed at/inside `within`, best score first (not for VIEWER)',
  })
  possibleDuplicates(
    @Ctx() ctx: GraphQLContext,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('filter', () => AidFilter, { nullable: true }) filter?: AidFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<DuplicatePairConnection> {
    return listDuplicatePairs(ctx.em, ctx.user!, { within, filter, first, after });
  }

  @Query(() => Float, { description: 'Score (0–1) at or above which a pair counts as a possible duplicate' })
  duplicateThreshold(@Ctx() ctx: GraphQLContext): Promise<number> {
    return dedupThreshold(ctx.em);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => Boolean, {
    description:
      'Records a verdict on a pair (ADMIN, or OPERATOR when both persons are in their region; audit-logged). ' +
      'DIFFERENT removes the pair for good (returns false); SAME keeps it whatever its score (returns true).',
  })
  reviewDuplicatePair(
    @Ctx() ctx: GraphQLContext,
    @Arg('nikA', () => String) nikA: string,
    @Arg('nikB', () => String) nikB: string,
    @Arg('verdict', () => DuplicateVerdict) verdict: DuplicateVerdict,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<boolean> {
    return reviewDuplicatePair(ctx.em, ctx.user!, { nikA, nikB, verdict, note });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Float, { description: 'Sets the duplicate threshold (0 < t ≤ 1) and recomputes every pair with it (ADMIN)' })
  setDuplicateThreshold(@Ctx() ctx: GraphQLContext, @Arg('value', () => Float) value: number): Promise<number> {
    return setDuplicateThreshold(ctx.em, ctx.user!, value);
  }

  @Query(() => [ExclusiveProgramPair], { description: 'Program pairs one household may not receive in the same year' })
  exclusiveProgramPairs(@Ctx() ctx: GraphQLContext): Promise<ExclusiveProgramPair[]> {
    return listExclusivePairs(ctx.em);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ExclusiveProgramPair, { description: 'Adds an exclusive program pair (year omitted = every year) and recomputes violations (ADMIN)' })
  addExclusiveProgramPair(
    @Ctx() ctx: GraphQLContext,
    @Arg('programA', () => String) programA: string,
    @Arg('programB', () => String) programB: string,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<ExclusiveProgramPair> {
    return addExclusivePair(ctx.em, ctx.user!, { programA, programB, year, note });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Removes an exclusive program pair and its violations (ADMIN); false when there was none' })
  removeExclusiveProgramPair(@Ctx() ctx: GraphQLContext, @Arg('id', () => Int) id: number): Promise<boolean> {
    return removeExclusivePair(ctx.em, ctx.user!, id);
  }

  @Query(() => ExclusiveProgramViolationConnection, {
    description: 'Households paid by both programs of an exclusive pair in one year, placed at/inside `within` (not for VIEWER)',
  })
  exclusiveProgramViolations(
    @Ctx() ctx: GraphQLContext,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('programs', () => [String], { nullable: true, description: 'Only pairs involving one of these programs' }) programs?: string[] | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ExclusiveProgramViolationConnection> {
    return listExclusiveViolations(ctx.em, ctx.user!, { within, year, programs, first, after });
  }

  @Query(() => [CivilRegistryRisk], {
    description: 'Per region of `level` at/inside `within` (zero rows included): rows and money paid after a move to another kab/kota or a death',
  })
  civilRegistryRisk(
    @Ctx() ctx: GraphQLContext,
    @Arg('level', () => RegionLevel) level: RegionLevel,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('filter', () => AidFilter, { nullable: true }) filter?: AidFilter | null,
  ): Promise<CivilRegistryRisk[]> {
    return civilRegistryRisk(ctx.em, level, within, filter);
  }
}
