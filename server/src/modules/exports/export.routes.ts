import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { MountRoutes } from '../../http/routes';
import { canSeeHouseholds } from '../auth/access';
import { audit, AuditAction } from '../audit/audit.service';
import type { HouseholdFilterInput } from '../households/household.service';
import { exportHouseholds, type ExportFormat } from './household-export';

class QueryProblem extends Error {}

function fail(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

function one(req: Request, name: string): string | null {
  const v = req.query[name];
  if (v === undefined) return null;
  if (typeof v !== 'string') throw new QueryProblem(`Parameter ${name} hanya boleh diberikan sekali.`);
  return v.trim() === '' ? null : v.trim();
}

function bool(req: Request, name: string): boolean | null {
  const v = one(req, name);
  if (v === null) return null;
  if (/^(true|1|y|ya)$/i.test(v)) return true;
  if (/^(false|0|n|tidak)$/i.test(v)) return false;
  throw new QueryProblem(`Parameter ${name}: "${v}" bukan true/false.`);
}

function int(req: Request, name: string): number | null {
  const v = one(req, name);
  if (v === null) return null;
  if (!/^-?\d{1,9}$/.test(v)) throw new QueryProblem(`Parameter ${name}: "${v}" bukan bilangan bulat.`);
  return Number(v);
}

function list(req: Request, name: string): string[] | null {
  const v = one(req, name);
  return v === null ? null : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The query string of the export → the `households` query's arguments (same names as HouseholdFilter). */
export function exportQuery(req: Request): { within: string | null; filter: HouseholdFilterInput } {
  const desil = list(req, 'desil');
  if (desil && desil.some((d) => !/^\d{1,2}$/.test(d))) throw new QueryProblem(`Parameter desil: "${desil.join(',')}" bukan daftar angka 1–10.`);
  const programs = list(req, 'programs');
  return {
    within: one(req, 'within'),
    filter: {
      dtks: bool(req, 'dtks'),
      aided: bool(req, 'aided'),
      minPrograms: int(req, 'minPrograms'),
      program: one(req, 'program'),
      desil: desil ? desil.map(Number) : null,
      search: one(req, 'search'),
      aid: { programs: programs ?? null, year: int(req, 'year'), stage: int(req, 'stage') },
    },
  };
}

/**
 * GET /api/exports/households.csv and .xlsx — any household list the `households` query can return
 * (`within`, `dtks`, `aided`, `minPrograms`, `program`, `desil=1,2`, `search`, and the aid window
 * `programs=PKH,BPNT`, `year`, `stage`), one line per member, streamed. Authenticated like GraphQL
 * (Bearer token); VIEWER refused; NIKs masked per role; each export is written to the audit log with
 * how many NIKs it handed out.
 */
export const mountExportRoutes: MountRoutes = (app, deps) => {
  app.get(/^\/api\/exports\/households\.(csv|xlsx)$/, async (req, res) => {
    const format = (req.params as Record<string, string>)[0] as ExportFormat;
    // Loaded lazily: app.ts imports the route registry, which imports this file.
    const { authenticate } = await import('../../app');
    const auth = await authenticate(deps.orm, deps.config, req);
    if (!auth.user) return fail(res, 401, auth.error ?? 'Masuk dulu: kirim header Authorization: Bearer <token>.');
    const user = auth.user;
    if (!canSeeHouseholds(user)) return fail(res, 403, `Peran ${user.role} hanya melihat angka agregat, tidak boleh mengunduh daftar rumah tangga.`);

    let q: ReturnType<typeof exportQuery>;
    try {
      q = exportQuery(req);
    } catch (err) {
      if (err instanceof QueryProblem) return fail(res, 400, err.message);
      throw err;
    }
    const em = deps.orm.em.fork();
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    const stamp = new Date().toISOString().slice(0, 10);
    const name = `rumah-tangga-${q.within ? q.within.replace(/\./g, '') : 'semua'}-${stamp}.${format}`;
    try {
      await exportHouseholds(
        em,
        user,
        { within: q.within, filter: q.filter, format },
        () => {
          res.status(200);
          res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
          res.setHeader('Cache-Control', 'no-store');
          return res;
        },
        () => closed,
        (c) =>
          audit(em, {
            username: user.username,
            action: AuditAction.EXPORT,
            detail: { list: 'households', format, filter: { within: q.within, ...q.filter }, rows: c.households, niks: c.niks, complete: c.complete },
          }),
      );
    } catch (err) {
      if (!res.headersSent) {
        if (err instanceof GraphQLError && err.extensions.code === 'BAD_USER_INPUT') return fail(res, 400, err.message);
        throw err;
      }
      // Mid-stream: a truncated file must not look complete, so the connection is cut.
      console.error(`Export households.${format} for ${user.username} failed mid-stream:`, err);
      res.destroy(err as Error);
    }
  });
};
