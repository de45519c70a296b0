import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { revalidationFunnel } from './funnel.service';
import { RevalidationFunnelStepType } from './funnel.types';

/** The re-validation funnel: counts only, so every role may read it. */
@Authorized()
@Resolver()
export class RevalidationFunnelResolver {
  @Query(() => [RevalidationFunnelStepType], {
    description:
      'Re-validation funnel of a JPS recipient list (Purworejo style), in households: collected → not duplicated with central programs / BLT-DD → ' +
      'proposed within the quota → valid (name, NIK, address) → needs re-validation. The list: an import batch (batchId, optionally one program of it) ' +
      'or a program and year.',
  })
  async revalidationFunnel(
    @Ctx() ctx: GraphQLContext,
    @Arg('batchId', () => ID, { nullable: true, description: 'A recipients import' }) batchId?: string | null,
    @Arg('program', () => String, { nullable: true, description: 'Program code; default: the JPS programs of the batch' }) program?: string | null,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('within', () => String, { nullable: true }) within?: string | null,
    @Arg('quota', () => Int, { nullable: true, description: 'Households that may be proposed; no limit when omitted' }) quota?: number | null,
  ): Promise<RevalidationFunnelStepType[]> {
    return revalidationFunnel(ctx.em, { batchId, program, year, within, quota });
  }
}
