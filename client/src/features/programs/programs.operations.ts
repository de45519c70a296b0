import { graphql } from '../../gql';

export const ProgramsQuery = graphql(`
  query Programs {
    programs {
      code
      name
      fundingSource
    }
  }
`);
