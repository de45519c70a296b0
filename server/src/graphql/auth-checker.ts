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
