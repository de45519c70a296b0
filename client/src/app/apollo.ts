import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { CombinedGraphQLErrors } from '@apollo/client/errors';

/**
 * The one GraphQL client of the portal. The token comes from the session at
 * request time; an UNAUTHENTICATED answer (expired or revoked token) ends the session.
 */
export function createApolloClient(getToken: () => string | null, onUnauthenticated: () => void) {
  const auth = new SetContextLink((prev) => {
    const token = getToken();
    return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
  });
  const errors = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      onUnauthenticated();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([errors, auth, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Regions are identified by their code; row types (Coverage, …) stay embedded in their query.
        Region: { keyFields: ['code'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-first' } },
  });
}
