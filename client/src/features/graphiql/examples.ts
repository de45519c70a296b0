/** Example queries opened as tabs in GraphiQL: the contract's own operations (§5). */
export const EXAMPLE_TABS: { query: string; variables?: string }[] = [
  {
    query: `# Siapa saya, dan provinsi beserta kab/kota di dalamnya
query SiapaSaya {
  me { username role regionCode }
  regions(level: REGENCY, within: "75") { code name kind areaKm2 }
}
`,
  },
  {
    query: `# Realisasi anggaran per kab/kota (contract §5: budgetRealisation)
query Realisasi($year: Int!, $within: String) {
  budgetRealisation(year: $year, level: REGENCY, within: $within) {
    region { code name }
    allocated
    disbursed
    outstanding
    realisationRate
  }
  budgetByStage(year: $year, within: $within) { stage allocated disbursed realisationRate }
}
`,
    variables: '{ "year": 2020, "within": "75" }',
  },
  {
    query: `# Cakupan per desa: KK DTKS tanpa bantuan, bantuan ganda, di luar DTKS
query Cakupan($within: String, $filter: AidFilter) {
  coverage(level: VILLAGE, within: $within, filter: $filter) {
    region { code name }
    households
    dtksHouseholds
    aidedHouseholds
    stackedHouseholds
    unaidedDtksHouseholds
    aidedNonDtksHouseholds
    aidAmount
  }
}
`,
    variables: '{ "within": "75.01", "filter": { "year": 2020 } }',
  },
  {
    query: `# Kualitas data per kab/kota
query Kualitas($within: String) {
  dataQuality(level: REGENCY, within: $within) {
    region { code name }
    invalidNik
    unmatchedRecipients
    duplicatePayments
    deceasedRecipients
    possibleDuplicates
  }
}
`,
    variables: '{ "within": "75" }',
  },
];
