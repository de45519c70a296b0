import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Role } from '../auth/user.entity';
import { PageInfo } from '../../graphql/connection';
import type { GraphQLContext } from '../../graphql/context';
import { listAuditLog } from './audit.service';

@ObjectType({ description: 'One audited action: a login, an import, an export, a workflow step, a user change' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Who did it; null for the system' })
  username!: string | null;

  @Field(() => String, { description: 'e.g. login, login_failed, login_blocked, user_created, import, export, workflow_transition' })
  action!: string;

  @Field(() => GraphQLJSONObject, { description: 'What exactly (JSON); NIKs appear only as counts' })
  detail!: Record<string, unknown>;
}

@ObjectType()
export class AuditEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType()
export class AuditLogConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@Authorized(Role.ADMIN)
@Resolver()
export class AuditResolver {
  @Query(() => AuditLogConnection, { description: 'The audit log, newest first (ADMIN only); `first` defaults to 50, at most 500' })
  async auditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('action', () => String, { nullable: true, description: 'Only this action (e.g. login_failed), or all of a dotted family (import = import.landed, import.refused, …)' }) action?: string | null,
    @Arg('username', () => String, { nullable: true, description: 'Only what this user did' }) username?: string | null,
  ): Promise<AuditLogConnection> {
    const page = await listAuditLog(ctx.em, { first, after, action, username });
    return {
      totalCount: page.totalCount,
      edges: page.rows.map(({ cursor, row }) => ({ cursor, node: row })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}
