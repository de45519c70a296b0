import { GraphQLError } from 'graphql';

/** Errors with the contract's extensions.code; messages say what and where. */
export const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
export const unauthenticated = (message = 'Not logged in: send "Authorization: Bearer <token>" from the login mutation.') =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
export const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
