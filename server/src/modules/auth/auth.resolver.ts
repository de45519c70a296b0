import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Role, type User } from './user.entity';
import { issueToken } from './auth.service';
import { login } from './login.service';
import { changeOwnPassword, createUser, listUsers, resetPassword, setUserDisabled, updateUser } from './user.service';
import { loader, type GraphQLContext } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import { dot } from '../regions/region-data';

registerEnumType(Role, {
  name: 'Role',
  description: 'ADMIN everything; OPERATOR writes and sees full NIKs in their region; ANALYST reads all, NIKs masked; VIEWER aggregates only',
});

@ObjectType()
export class Me {
  @Field(() => String)
  username!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Region the user is limited to (dotted), null = everywhere' })
  regionCode!: string | null;
}

@ObjectType()
export class LoginPayload {
  @Field(() => String)
  token!: string;

  @Field(() => Me)
  user!: Me;
}

@ObjectType({ description: 'A portal account as an administrator sees it' })
export class UserAccount {
  @Field(() => String)
  username!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Region the user is limited to (dotted), null = everywhere' })
  regionCode!: string | null;

  @Field(() => Boolean)
  disabled!: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastLoginAt!: Date | null;
}

const toMe = (u: { username: string; role: Role; regionCode?: string | null }): Me => ({
  username: u.username,
  role: u.role,
  regionCode: u.regionCode ? dot(u.regionCode) : null,
});

const toAccount = (u: User): UserAccount => ({
  ...toMe(u),
  disabled: u.disabled,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt ?? null,
  lastLoginAt: u.lastLoginAt ?? null,
});

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginPayload, {
    description: 'The only operation open without a token. After 5 failed logins for a username (20 from an address) in 15 minutes, logins pause (RATE_LIMITED)',
  })
  async login(
    @Ctx() ctx: GraphQLContext,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
  ): Promise<LoginPayload> {
    // One login per request: aliases (a1: login … a999: login …) would otherwise try many passwords in one go.
    const calls = loader(ctx, 'login:calls', () => ({ n: 0 }));
    if (++calls.n > 1) throw badInput('login may be called once per request.');
    const r = await login(ctx.em, ctx.config, { username, password, ip: ctx.ip });
    return { token: r.token, user: toMe(r.user) };
  }
}

@Authorized()
@Resolver()
export class MeResolver {
  @Query(() => Me, { description: 'Who is logged in' })
  me(@Ctx() ctx: GraphQLContext): Me {
    return toMe(ctx.user!);
  }

  @Mutation(() => LoginPayload, { description: 'Changes your own password; your other tokens stop working, the returned token replaces them' })
  async changePassword(
    @Ctx() ctx: GraphQLContext,
    @Arg('oldPassword', () => String) oldPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<LoginPayload> {
    const u = await changeOwnPassword(ctx.em, ctx.user!, ctx.ip, oldPassword, newPassword);
    return { token: await issueToken(ctx.em, ctx.config.jwtSecret, u, ctx.config.tokenTtlSeconds), user: toMe(u) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Me, { description: 'Adds a user (ADMIN only)' })
  async createUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Arg('role', () => Role) role: Role,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
  ): Promise<Me> {
    return toMe(await createUser(ctx.em, ctx.user!, { username, password, role, regionCode }));
  }
}

@Authorized(Role.ADMIN)
@Resolver()
export class UserAdminResolver {
  @Query(() => [UserAccount], { description: 'All accounts (ADMIN only)' })
  async users(@Ctx() ctx: GraphQLContext): Promise<UserAccount[]> {
    return (await listUsers(ctx.em)).map(toAccount);
  }

  @Mutation(() => UserAccount, {
    description: 'Changes role and/or region (ADMIN only). Omit an argument to keep it; regionCode null = everywhere. An OPERATOR needs a region',
  })
  async updateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('username', () => String) username: string,
    @Arg('role', () => Role, { nullable: true }) role?: Role | null,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
  ): Promise<UserAccount> {
    return toAccount(await updateUser(ctx.em, ctx.user!, username, { role, regionCode }));
  }

  @Mutation(() => UserAccount, { description: 'Blocks an account and revokes its tokens (ADMIN only)' })
  async disableUser(@Ctx() ctx: GraphQLContext, @Arg('username', () => String) username: string): Promise<UserAccount> {
    return toAccount(await setUserDisabled(ctx.em, ctx.user!, username, true));
  }

  @Mutation(() => UserAccount, { description: 'Unblocks an account (ADMIN only); tokens from before the block stay revoked' })
  async enableUser(@Ctx() ctx: GraphQLContext, @Arg('username', () => String) username: string): Promise<UserAccount> {
    return toAccount(await setUserDisabled(ctx.em, ctx.user!, username, false));
  }

  @Mutation(() => UserAccount, { description: "Sets a new password for a user and revokes the user's tokens (ADMIN only)" })
  async resetPassword(
    @Ctx() ctx: GraphQLContext,
    @Arg('username', () => String) username: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<UserAccount> {
    return toAccount(await resetPassword(ctx.em, ctx.user!, username, newPassword));
  }
}
