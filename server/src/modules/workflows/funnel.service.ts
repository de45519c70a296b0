import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { badInput } from '../../graphql/errors';
import { RegionLevel } from '../regions/region.entity';
import { resolveWithin } from '../regions/region.service';
import { parseId } from './workflow-common';

const SQL_DIR = `${import.meta.dirname}/sql`;

export enum RevalidationStep {
  COLLECTED = 'COLLECTED',
  NOT_DUPLICATE = 'NOT_DUPLICATE',
  PROPOSED = 'PROPOSED',
  VALID = 'VALID',
  REVALIDATE = 'REVALIDATE',
}

/** Labels for the chart, in the words of the Purworejo report. */
export const STEP_LABEL: Record<RevalidationStep, string> = {
  COLLECTED: 'KK terkumpul',
  NOT_DUPLICATE: 'Tidak ganda dengan bansos pusat & BLT-DD',
  PROPOSED: 'Diusulkan sesuai kuota',
  VALID: 'Valid (nama, NIK, alamat)',
  REVALIDATE: 'Perlu validasi ulang',
};

export interface FunnelQuery {
  batchId?: string | null;
  program?: string | null;
  year?: number | null;
  within?: string | null;
  quota?: number | null;
}

export interface FunnelStepRow {
  step: RevalidationStep;
  label: string;
  households: number;
}

/**
 * The re-validation funnel of a JPS list (revalidation-funnel.sql says exactly what each
 * step counts). The list is an import batch of recipients (optionally one program of it),
 * or a program and year. Returned as an ordered series for a funnel chart.
 */
export async function revalidationFunnel(em: EntityManager, q: FunnelQuery): Promise<FunnelStepRow[]> {
  const batch = q.batchId == null ? null : parseId(q.batchId, 'batchId');
  if (!batch && (q.program == null || q.year == null)) {
    throw badInput('Give batchId (a recipients import), or program and year, to say which JPS list the funnel is about.', { argumentName: 'batchId' });
  }
  if (q.year != null && (!Number.isInteger(q.year) || q.year < 1945 || q.year > 2100)) {
    throw badInput(`year: ${q.year} is not a year (expected e.g. 2020).`, { argumentName: 'year' });
  }
  if (q.quota != null && (!Number.isInteger(q.quota) || q.quota < 0)) {
    throw badInput(`quota: ${q.quota} must be a whole number ≥ 0.`, { argumentName: 'quota' });
  }
  let program: string | null = null;
  if (q.program != null) {
    const rows = await em.execute<{ code: string }[]>(`select code from program where upper(code) = upper(?)`, [q.program.trim()]);
    if (!rows[0]) throw badInput(`program: unknown program code ${q.program}.`, { argumentName: 'program' });
    program = rows[0].code;
  }
  if (batch) {
    const rows = await em.execute<{ kind: string; status: string }[]>(`select kind, status from import_batch where id = ?`, [batch]);
    if (!rows[0]) throw badInput(`batchId: there is no import ${batch}.`, { argumentName: 'batchId' });
    if (rows[0].kind !== 'recipients' || rows[0].status !== 'landed') {
      throw badInput(`batchId: import ${batch} is a ${rows[0].kind} import (${rows[0].status}); the funnel needs a recipients import that landed.`, {
        argumentName: 'batchId',
      });
    }
    if (!program) {
      const jps = await em.execute<{ n: number }[]>(
        `select count(*)::int as n from payment p join program pg on pg.code = p.program
         where p.import_id = ? and (pg.funding_source in ('PROVINSI', 'KABUPATEN') or upper(pg.code) in ('JPS-PROV', 'JPS-KAB'))`,
        [batch],
      );
      if (jps[0].n === 0) {
        throw badInput(`batchId: import ${batch} has no rows of a JPS program (JPS-PROV, JPS-KAB or funded by a province or kab/kota); name the program.`, {
          argumentName: 'program',
        });
      }
    }
  }
  const within = await resolveWithin(em, RegionLevel.VILLAGE, q.within);
  const [r] = await runSql<{ collected: number; not_duplicate: number; proposed: number; valid: number }>(
    em,
    sqlFile(SQL_DIR, 'revalidation-funnel'),
    { batch, program, year: q.year ?? null, within, quota: q.quota ?? null },
  );
  const counts: Record<RevalidationStep, number> = {
    COLLECTED: r.collected,
    NOT_DUPLICATE: r.not_duplicate,
    PROPOSED: r.proposed,
    VALID: r.valid,
    REVALIDATE: r.proposed - r.valid,
  };
  return (Object.keys(counts) as RevalidationStep[]).map((step) => ({ step, label: STEP_LABEL[step], households: counts[step] }));
}
