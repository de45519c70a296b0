import { graphql } from '../../gql';

/** The boundaries of a view (simplified for its zoom); fetched once per (level, within). */
export const MapRegionsQuery = graphql(`
  query MapRegions($level: RegionLevel!, $within: String, $tolerance: Float!) {
    regions(level: $level, within: $within) {
      code
      name
      level
      lat
      lng
      geometry(simplify: $tolerance)
    }
  }
`);

/** Names for the breadcrumb: each ancestor of the view's `within` region. */
export const AncestorsQuery = graphql(`
  query Ancestors(
    $province: String!
    $regency: String!
    $district: String!
    $village: String!
    $withRegency: Boolean!
    $withDistrict: Boolean!
    $withVillage: Boolean!
  ) {
    province: regions(level: PROVINCE, within: $province) {
      code
      name
    }
    regency: regions(level: REGENCY, within: $regency) @include(if: $withRegency) {
      code
      name
    }
    district: regions(level: DISTRICT, within: $district) @include(if: $withDistrict) {
      code
      name
    }
    village: regions(level: VILLAGE, within: $village) @include(if: $withVillage) {
      code
      name
    }
  }
`);

/** Budget realisation per region of the view (the budget layers). */
export const MapBudgetQuery = graphql(`
  query MapBudget($year: Int!, $level: RegionLevel!, $within: String, $programs: [String!], $stage: Int) {
    budgetRealisation(year: $year, level: $level, within: $within, programs: $programs, stage: $stage) {
      region {
        code
      }
      allocated
      disbursed
      outstanding
      realisationRate
    }
  }
`);

/**
 * Which of eight consecutive years have budget lines (one request, aliased):
 * the budget views open on the latest year that has a budget. The API has no
 * list of years, and budget lines are few, so probing a window is cheap.
 */
export const BudgetYearsQuery = graphql(`
  query BudgetYears($y0: Int!, $y1: Int!, $y2: Int!, $y3: Int!, $y4: Int!, $y5: Int!, $y6: Int!, $y7: Int!) {
    y0: budgetByStage(year: $y0) {
      allocated
    }
    y1: budgetByStage(year: $y1) {
      allocated
    }
    y2: budgetByStage(year: $y2) {
      allocated
    }
    y3: budgetByStage(year: $y3) {
      allocated
    }
    y4: budgetByStage(year: $y4) {
      allocated
    }
    y5: budgetByStage(year: $y5) {
      allocated
    }
    y6: budgetByStage(year: $y6) {
      allocated
    }
    y7: budgetByStage(year: $y7) {
      allocated
    }
    rakorevSnapshots {
      id
      year
    }
  }
`);
/** Coverage figures of every region of the view (the base of every layer: a region without roster has no data). */
export const MapCoverageQuery = graphql(`
  query MapCoverage($level: RegionLevel!, $within: String, $filter: AidFilter) {
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

/** Data-quality flags of every region of the view (the quality layers). */
export const MapQualityQuery = graphql(`
  query MapQuality($level: RegionLevel!, $within: String, $filter: AidFilter) {
    dataQuality(level: $level, within: $within, filter: $filter) {
      region {
        code
      }
      invalidNik
      unmatchedRecipients
      duplicatePayments
      deceasedRecipients
      possibleDuplicates
    }
  }
`);
