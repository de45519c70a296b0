import DataLoader from 'dataloader';
import { loader, type GraphQLContext } from '../../graphql/context';
import { membersOf, programsOf, type MemberRow, type ProgramRow } from './household.service';

/** Members of the households of one request, fetched in one query per tick (no N+1). */
export function membersLoader(ctx: GraphQLContext): DataLoader<string, MemberRow[]> {
  return loader(ctx, 'household.members', () =>
    new DataLoader<string, MemberRow[]>(async (kks) => {
      const m = await membersOf(ctx.em, kks);
      return kks.map((k) => m.get(k) ?? []);
    }),
  );
}

/** Programs received by the households of one request, fetched in one query per tick. */
export function programsLoader(ctx: GraphQLContext): DataLoader<string, ProgramRow[]> {
  return loader(ctx, 'household.programs', () =>
    new DataLoader<string, ProgramRow[]>(async (kks) => {
      const m = await programsOf(ctx.em, kks);
      return kks.map((k) => m.get(k) ?? []);
    }),
  );
}
