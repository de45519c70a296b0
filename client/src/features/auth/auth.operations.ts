import { graphql } from '../../gql';

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      user {
        username
        role
        regionCode
      }
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      username
      role
      regionCode
    }
  }
`);
