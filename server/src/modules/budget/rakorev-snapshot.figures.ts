import type { RegionLevel } from '../regions/region.entity';

/** A region as it was when frozen (same shape as the GraphQL Region, without geometry). */
export interface FrozenRegion {
  code: string; // dotted
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  kind: string;
  areaKm2: number | null;
  lat: number | null;
  lng: number | null;
}

export interface FrozenBudget {
  allocated: number;
  disbursed: number;
  outstanding: number;
  realisationRate: number;
}

export interface FrozenStage extends FrozenBudget {
  stage: number | null;
}

export interface FrozenCoverage {
  households: number;
  dtksHouseholds: number;
  aidedHouseholds: number;
  stackedHouseholds: number;
  unaidedDtksHouseholds: number;
  aidedNonDtksHouseholds: number;
  aidAmount: number;
}

export interface FrozenRegionFigures extends FrozenBudget {
  region: FrozenRegion;
  stages: FrozenStage[];
  coverage: FrozenCoverage;
}

/** The stored JSON of a rakorev snapshot. `version` lets a later format be read beside this one. */
export interface FrozenFigures {
  version: 1;
  /** Province rows (the province of `within`, every province when the snapshot covers all Indonesia). */
  totals: FrozenRegionFigures[];
  /** One row per kab/kota at or inside `within`, in code order. */
  regencies: FrozenRegionFigures[];
  within: FrozenRegion | null;
}
