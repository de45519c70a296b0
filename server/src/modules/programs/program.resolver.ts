import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ProgramType } from './program.types';
import { listPrograms } from './program.service';

@Authorized()
@Resolver(() => ProgramType)
export class ProgramResolver {
  @Query(() => [ProgramType], { description: 'The program catalogue, by code' })
  programs(@Ctx() ctx: GraphQLContext): Promise<ProgramType[]> {
    return listPrograms(ctx.em);
  }
}
