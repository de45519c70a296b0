import type { EntityManager } from '@mikro-orm/postgresql';
import { Program } from './program.entity';
import type { ProgramType } from './program.types';

/** The program catalogue, by code. */
export async function listPrograms(em: EntityManager): Promise<ProgramType[]> {
  const rows = await em.find(Program, {}, { orderBy: { code: 'asc' } });
  return rows.map((p) => ({
    code: p.code,
    name: p.name,
    fundingSource: p.fundingSource ?? null,
    monthlyAmount: p.monthlyAmount == null ? null : Number(p.monthlyAmount),
  }));
}
