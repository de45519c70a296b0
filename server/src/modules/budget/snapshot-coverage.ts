import type { EntityManager } from '@mikro-orm/postgresql';
import type { FrozenCoverage } from './rakorev-snapshot.figures';

/** TEMPORARY until the analytics coverage service lands: replaced before hand-off. */
export async function coverageByRegency(_em: EntityManager, _year: number, _within: string | null): Promise<Map<string, FrozenCoverage> | null> {
  return null;
}
