import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { MountRoutes } from '../../http/routes';
import { maskNik } from '../auth/access';
import type { AuthUser } from '../auth/auth.types';
import { requestUser, requireAuth } from '../auth/http-auth';
import { Role } from '../auth/user.entity';
import { audit, AuditAction } from '../audit/audit.service';
import { csvField } from '../exports/household-export';
import { usulanExportRows, type UsulanExportRow } from './usulan.service';
import { USULAN_KIND_LABEL, USULAN_REASON_LABEL, USULAN_STATUS_LABEL, pgDate } from './workflow-common';

/** The columns of a DTKS update file (one line per proposed family). */
export const USULAN_EXPORT_COLUMNS = [
  'no_kk',
  'nik_kepala',
  'nama_kepala',
  'alamat',
  'kode_desa',
  'nama_desa',
  'kecamatan',
  'kabupaten_kota',
  'jenis_usulan',
  'alasan',
  'status',
  'tanggal_usulan',
  'tanggal_status',
  'batch',
  'id_usulan',
  'catatan',
] as const;

type Cell = string | number | null;

/** A date as YYYY-MM-DD in WIB (the contract's date format; the office's calendar day, not UTC's). */
const dayWib = (d: Date | string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(pgDate(d));

export function usulanExportLine(user: AuthUser, r: UsulanExportRow): Cell[] {
  return [
    maskNik(user, r.no_kk, r.desa_code),
    maskNik(user, r.head_nik, r.desa_code),
    r.head_name,
    r.address,
    // Undotted, as the ministry's files write kode wilayah; the import accepts both.
    r.desa_code,
    r.desa_name,
    r.kecamatan_name,
    r.kab_name,
    USULAN_KIND_LABEL[r.kind],
    USULAN_REASON_LABEL[r.reason],
    USULAN_STATUS_LABEL[r.status],
    dayWib(r.created_at),
    dayWib(r.updated_at),
    null, // batch: filled by the caller (same for every line)
    r.id,
    r.note,
  ];
}

function fail(res: Response, status: number, error: string, code: string): void {
  res.status(status).json({ error, code });
}

/**
 * GET /api/exports/usulan.csv and .xlsx?batch=<code> — one batch of proposals as a DTKS update
 * file. Authenticated (Bearer token); VIEWER refused (household-level data); NIKs and No. KK
 * masked per role and region; every export is written to the audit log with how many NIKs it
 * handed out unmasked.
 */
export const mountUsulanExportRoutes: MountRoutes = (app, deps) => {
  app.get(
    /^\/api\/exports\/usulan\.(csv|xlsx)$/,
    requireAuth(deps.orm, deps.config, [Role.ADMIN, Role.OPERATOR, Role.ANALYST]),
    async (req, res) => {
      const format = (req.params as Record<string, string>)[0] as 'csv' | 'xlsx';
      const user = requestUser(res);
      const batchParam = req.query.batch;
      if (typeof batchParam !== 'string' || batchParam.trim() === '') {
        return fail(res, 400, 'Parameter batch wajib diisi satu kali: kode batch usulan yang diunduh.', 'BAD_USER_INPUT');
      }
      const em = deps.orm.em.fork();
      let rows: UsulanExportRow[];
      try {
        rows = await usulanExportRows(em, batchParam);
      } catch (err) {
        if (err instanceof GraphQLError && err.extensions.code === 'BAD_USER_INPUT') return fail(res, 400, err.message, 'BAD_USER_INPUT');
        throw err;
      }
      const batch = batchParam.trim();
      if (rows.length === 0) return fail(res, 404, `Batch usulan "${batch}" tidak ada.`, 'NOT_FOUND');

      const lines = rows.map((r) => {
        const l = usulanExportLine(user, r);
        l[USULAN_EXPORT_COLUMNS.indexOf('batch')] = batch;
        return l;
      });
      const niks = rows.filter((r) => r.head_nik != null && maskNik(user, r.head_nik, r.desa_code) === r.head_nik).length;
      const name = `usulan-dtks-${batch.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
      res.status(200);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        // BOM: spreadsheets then read the file as UTF-8.
        res.end('\uFEFF' + [USULAN_EXPORT_COLUMNS.join(','), ...lines.map((l) => l.map(csvField).join(','))].join('\r\n') + '\r\n');
      } else {
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('Usulan DTKS', { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = USULAN_EXPORT_COLUMNS.map((c) => ({
          header: c,
          key: c,
          width: ['nama_kepala', 'alamat', 'nama_desa', 'alasan', 'catatan'].includes(c) ? 28 : ['no_kk', 'nik_kepala'].includes(c) ? 19 : 14,
        }));
        sheet.getRow(1).font = { bold: true };
        // NIK and No. KK stay text cells: as numbers a spreadsheet would drop their last digits.
        for (const l of lines) sheet.addRow(l);
        res.end(Buffer.from(await workbook.xlsx.writeBuffer()));
      }
      await audit(em, {
        username: user.username,
        action: AuditAction.EXPORT,
        detail: { list: 'usulan', format, filter: { batch }, rows: rows.length, niks },
      });
    },
  );
};
