import crypto from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** Errors with the contract's extensions.code; messages say what and where. */
export const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
export const unauthenticated = (message = 'Not logged in: send "Authorization: Bearer <token>" from the login mutation.') =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
export const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

/**
 * Too many failed logins: says when the next attempt is allowed. Sent with
 * HTTP 200 like every resolver error, so GraphQL clients read the message.
 */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new GraphQLError(message, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      retryAt: new Date(Date.now() + retryAfterSeconds * 1000).toISOString(),
    },
  });

/** Codes whose messages were written for the caller; everything else is masked. */
const EXPOSED_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Apollo formatError: an unexpected error (a bug, a database error) can carry
 * SQL, table names or personal data in its message, so the caller gets a
 * generic message with a reference and the full error goes to the server log
 * under the same reference. Stack traces are never sent (also switched off in
 * Apollo); extensions other than code and the ones we set are dropped.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (message: string, err: unknown) => void = (m, e) => console.error(m, e),
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && EXPOSED_CODES.has(code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const reference = crypto.randomUUID().slice(0, 8);
  log(`[graphql] internal error, reference ${reference}, path ${formatted.path?.join('.') ?? '-'}:`, unwrapResolverError(error));
  return {
    message: `Internal server error (reference ${reference}); the details are in the server log.`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', reference },
  };
}
