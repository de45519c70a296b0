import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Role, User } from './user.entity';
import { getJwtSecret, hashPassword, signToken, toAuthUser, verifyPassword } from './auth.service';
import type { GraphQLContext } from '../../graphql/context';
import { badInput, unauthenticated } from '../../graphql/errors';
import { registerEnumType } from 'type-graphql';
import { dot } from '../regions/region-data';
import { parseRegionCode } from '../regions/region.service';

registerEnumType(Role, { name: 'Role' });

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

const toMe = (u: { username: string; role: Role; regionCode?: string | null }): Me => ({
  username: u.username,
  role: u.role,
  regionCode: u.regionCode ? dot(u.regionCode) : null,
});

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginPayload, { description: 'The only operation open without a token' })
  async login(
    @Ctx() ctx: GraphQLContext,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
  ): Promise<LoginPayload> {
    const user = await ctx.em.findOne(User, { username });
    // Same message for unknown user and wrong password: do not reveal which accounts exist.
    if (!user || user.disabled || !(await verifyPassword(password, user.passwordHash))) {
      await ctx.em.execute(`insert into audit_log (username, action, detail) values (?, 'login_failed', ?::jsonb)`, [
        username,
        JSON.stringify({ ip: ctx.ip }),
      ]);
      throw unauthenticated('Wrong username or password.');
    }
    await ctx.em.execute(`insert into audit_log (username, action, detail) values (?, 'login', ?::jsonb)`, [
      username,
      JSON.stringify({ ip: ctx.ip }),
    ]);
    const secret = await getJwtSecret(ctx.em, ctx.config.jwtSecret);
    return { token: await signToken(secret, toAuthUser(user), ctx.config.tokenTtlSeconds), user: toMe(user) };
  }
}

@Authorized()
@Resolver()
export class MeResolver {
  @Query(() => Me, { description: 'Who is logged in' })
  me(@Ctx() ctx: GraphQLContext): Me {
    return toMe(ctx.user!);
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
    if (!/^[a-zA-Z0-9._-]{3,64}$/.test(username)) throw badInput(`username "${username}" must be 3–64 letters, digits, dots, dashes or underscores.`);
    if (password.length < 8) throw badInput('password must have at least 8 characters.');
    if (await ctx.em.findOne(User, { username })) throw badInput(`username "${username}" is taken.`);
    const region = regionCode ? parseRegionCode(regionCode, 'regionCode') : null;
    if (region) {
      const found = await ctx.em.execute(`select 1 from region where code = ?`, [region]);
      if (!found.length) throw badInput(`regionCode: region ${dot(region)} is not known to the portal.`);
    }
    if (role === Role.OPERATOR && !region) throw badInput('An OPERATOR needs a regionCode (the region they may write in).');
    const u = ctx.em.create(User, {
      username,
      passwordHash: await hashPassword(password),
      role,
      regionCode: region,
      disabled: false,
      createdAt: new Date(),
    });
    await ctx.em.persistAndFlush(u);
    await ctx.em.execute(`insert into audit_log (username, action, detail) values (?, 'user_created', ?::jsonb)`, [
      ctx.user!.username,
      JSON.stringify({ username, role, regionCode: region }),
    ]);
    return toMe(u);
  }
}
