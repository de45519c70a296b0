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

/** Years the portal knows of (from the stored rakorev snapshots), to default the budget year. */
export const SnapshotYearsQuery = graphql(`
  query SnapshotYears {
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
