import { graphql } from '../../gql';

/** Budget figures of one region (or all provinces when `within` is null) for the panel. */
export const RegionBudgetQuery = graphql(`
  query RegionBudget($year: Int!, $level: RegionLevel!, $within: String, $programs: [String!], $stage: Int) {
    budgetRealisation(year: $year, level: $level, within: $within, programs: $programs, stage: $stage) {
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
  }
`);

/** Payments by program and month for the panel's program mix (its own request: a slow or failing timeline leaves the rest). */
export const RegionTimelineQuery = graphql(`
  query RegionTimeline($year: Int!, $within: String, $programs: [String!]) {
    disbursementTimeline(year: $year, within: $within, programs: $programs) {
      program
      month
      amount
      recipientRows
    }
  }
`);

/** Coverage of one region (or of every province when `within` is null) for the panel's key figures. */
export const RegionCoverageQuery = graphql(`
  query RegionCoverage($level: RegionLevel!, $within: String, $filter: AidFilter) {
    coverage(level: $level, within: $within, filter: $filter) {
      region {
        code
      }
      households
      dtksHouseholds
      aidedHouseholds
      stackedHouseholds
      unaidedDtksHouseholds
      aidedNonDtksHouseholds
      aidAmount
    }
  }
`);
