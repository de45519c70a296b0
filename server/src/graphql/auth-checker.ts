import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { GraphQLContext } from './context';
import { forbidden, unauthenticated } from './errors';

/**
 * The one place where GraphQL access is decided: every resolver class is
 * @Authorized (optionally with roles); only login is open.
 */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  if (!context.user) throw unauthenticated(context.authError ?? undefined);
  if (roles.length === 0 || roles.includes(context.user.role)) return true;
  throw forbidden(`Role ${context.user.role} may not do this; it needs ${roles.join(' or ')}.`);
};

/** Root fields that work without a token (contract §5: only login). */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['Mutation.login']);

/**
 * Second lock behind @Authorized: wraps every Query/Mutation/Subscription
 * field of the built schema so that, except PUBLIC_ROOT_FIELDS, none runs
 * without a logged-in user, even if a resolver class forgot @Authorized.
 * Only root fields are wrapped, so row fields pay nothing.
 */
export function requireLoginOnRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (PUBLIC_ROOT_FIELDS.has(`${root.name}.${field.name}`)) continue;
      const inner: GraphQLFieldResolver<unknown, GraphQLContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        if (!context.user) throw unauthenticated(context.authError ?? undefined);
        return inner(source, args, context, info);
      };
    }
  }
  return schema;
}
