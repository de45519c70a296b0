import type { EntityManager } from '@mikro-orm/postgresql';
import { coverage } from '../analytics/analytics.service';
import type { RegionLevel } from '../regions/region.entity';
import type { FrozenCoverage } from './rakorev-snapshot.figures';

/**
 * Coverage of a year per region of `level` at/inside `within` (undotted, null = all Indonesia),
 * keyed by undotted code, for freezing in a rakorev snapshot. Read through the analytics coverage
 * service so a frozen figure means exactly what the live Coverage figure means.
 */
export async function coverageByRegion(
  em: EntityManager,
  year: number,
  level: RegionLevel,
  within: string | null,
): Promise<Map<string, FrozenCoverage>> {
  const rows = await coverage(em, level, within, { year });
  return new Map(
    rows.map((c) => [
      c.code,
      {
        households: c.households,
        dtksHouseholds: c.dtks_households,
        aidedHouseholds: c.aided_households,
        stackedHouseholds: c.stacked_households,
        unaidedDtksHouseholds: c.unaided_dtks_households,
        aidedNonDtksHouseholds: c.aided_non_dtks_households,
        aidAmount: c.aid_amount,
      },
    ]),
  );
}
