import { graphql } from '../../gql';

export const BudgetProvincesQuery = graphql(`
  query BudgetProvinces($year: Int!) {
    budgetRealisation(year: $year, level: PROVINCE) {
      region {
        code
        name
      }
      allocated
      disbursed
      outstanding
      realisationRate
    }
  }
`);

export const BudgetPageQuery = graphql(`
  query BudgetPage($year: Int!, $within: String, $programs: [String!], $stage: Int) {
    regencies: budgetRealisation(year: $year, level: REGENCY, within: $within, programs: $programs, stage: $stage) {
      region {
        code
        name
      }
      allocated
      disbursed
      outstanding
      realisationRate
    }
    budgetByStage(year: $year, within: $within, programs: $programs) {
      stage
      allocated
      disbursed
      outstanding
      realisationRate
    }
    largestOutstanding(year: $year, level: REGENCY, within: $within, programs: $programs, stage: $stage, limit: 5) {
      region {
        code
        name
      }
      allocated
      disbursed
      outstanding
      realisationRate
    }
  }
`);

export const BudgetTimelineQuery = graphql(`
  query BudgetTimeline($year: Int!, $within: String, $programs: [String!]) {
    disbursementTimeline(year: $year, within: $within, programs: $programs) {
      program
      month
      amount
      recipientRows
    }
  }
`);

export const SnapshotListQuery = graphql(`
  query SnapshotList($within: String, $year: Int) {
    rakorevSnapshots(within: $within, year: $year) {
      id
      title
      year
      quarter
      createdAt
      createdBy
      within {
        code
        name
      }
    }
  }
`);

export const SnapshotDetailQuery = graphql(`
  query SnapshotDetail($id: ID!) {
    rakorevSnapshot(id: $id) {
      id
      title
      year
      quarter
      createdAt
      createdBy
      within {
        code
        name
      }
      totals {
        region {
          code
          name
        }
        allocated
        disbursed
        outstanding
        realisationRate
        stages {
          stage
          allocated
          disbursed
          outstanding
          realisationRate
        }
        coverage {
          households
          dtksHouseholds
          aidedHouseholds
          stackedHouseholds
          unaidedDtksHouseholds
          aidedNonDtksHouseholds
          aidAmount
        }
      }
      regencies {
        region {
          code
          name
        }
        allocated
        disbursed
        outstanding
        realisationRate
        stages {
          stage
          allocated
          disbursed
          outstanding
          realisationRate
        }
        coverage {
          households
          dtksHouseholds
          aidedHouseholds
          stackedHouseholds
          unaidedDtksHouseholds
          aidedNonDtksHouseholds
          aidAmount
        }
      }
    }
  }
`);

export const CompareSnapshotsQuery = graphql(`
  query CompareSnapshots($a: ID!, $b: ID!) {
    compareRakorevSnapshots(a: $a, b: $b) {
      a {
        id
        title
      }
      b {
        id
        title
      }
      regencies {
        region {
          code
          name
        }
        allocatedChange
        disbursedChange
        outstandingChange
        realisationRateChange
      }
      totals {
        region {
          code
          name
        }
        allocatedChange
        disbursedChange
        outstandingChange
        realisationRateChange
      }
    }
  }
`);

export const CreateSnapshotMutation = graphql(`
  mutation CreateSnapshot($title: String!, $year: Int!, $quarter: Int, $within: String) {
    createRakorevSnapshot(title: $title, year: $year, quarter: $quarter, within: $within) {
      id
      title
      year
      quarter
    }
  }
`);
