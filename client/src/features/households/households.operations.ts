import { graphql } from '../../gql';

export const HouseholdsQuery = graphql(`
  query Households($within: String, $filter: HouseholdFilter, $first: Int, $after: String) {
    households(within: $within, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          noKk
          dtks
          desil
          address
          region {
            code
            name
          }
          members {
            nik
            name
            sex
            birthDate
            relation
            nikValid
          }
          programs {
            program
            name
            year
            stage
            amount
            payments
          }
        }
      }
    }
  }
`);

export const HouseholdFlagsQuery = graphql(`
  query HouseholdFlags($noKk: String!) {
    verivaliFlags(noKk: $noKk, first: 50) {
      totalCount
      edges {
        node {
          id
          kind
          description
          open
          nik
          firstSeenAt
          fixedAt
          fixedBy
        }
      }
    }
  }
`);

export const RegenciesQuery = graphql(`
  query RegencyList {
    regions(level: REGENCY) {
      code
      name
    }
  }
`);
