import fs from 'node:fs';
import path from 'node:path';
import { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { AppDeps } from '../../app';
import type { MountRoutes } from '../../http/routes';
import { canWrite } from '../auth/access';
import { Role } from '../auth/user.entity';
import type { AuthUser } from '../auth/auth.types';
import { isCliToken } from './cli-access';
import { importFile, listImports } from './import.service';
import { isImportKind, type ImportKind } from './types';

/** Upload limit of the web form / API in MB (IMPORT_MAX_UPLOAD_MB); the CLI through the portal may send larger files. */
export const DEFAULT_MAX_UPLOAD_MB = 200;
const MAX_CLI_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

function maxUploadMb(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.IMPORT_MAX_UPLOAD_MB;
  if (raw === undefined || raw === '') return DEFAULT_MAX_UPLOAD_MB;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`IMPORT_MAX_UPLOAD_MB must be a positive number of megabytes, got "${raw}".`);
  return n;
}

interface ImportLocals {
  user: AuthUser;
  viaCli: boolean;
}

function fail(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

/** Resolves the caller (a user token or the local CLI secret) and keeps only those who may import. */
function requireImporter(deps: AppDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (m && isCliToken(m[1]!)) {
      const who = String(req.headers['x-cli-user'] ?? '').replace(/[^\w.@-]/g, '').slice(0, 64);
      const user: AuthUser = { id: 0, username: who ? `cli:${who}` : 'cli', role: Role.ADMIN, regionCode: null };
      res.locals.importer = { user, viaCli: true } satisfies ImportLocals;
      return next();
    }
    // Loaded lazily: app.ts imports the route registry, which imports this file.
    const { authenticate } = await import('../../app');
    const auth = await authenticate(deps.orm, deps.config, req);
    if (!auth.user) return fail(res, 401, auth.error ?? 'Masuk dulu: kirim header Authorization: Bearer <token>.');
    if (!canWrite(auth.user)) return fail(res, 403, `Peran ${auth.user.role} tidak boleh mengimpor data; hanya ADMIN dan OPERATOR.`);
    res.locals.importer = { user: auth.user, viaCli: false } satisfies ImportLocals;
    next();
  };
}

function uploader(dir: string, limit: number) {
  // Browsers and fetch send file names as raw UTF-8: read them so (multer's default is latin1).
  return multer({ dest: dir, defParamCharset: 'utf8', limits: { fileSize: limit, files: 1, fields: 10 } }).single('file');
}

/**
 * POST /api/imports/:kind — multipart upload (field `file`, optional `strict`),
 * the same import as the CLI; 200 with the report when landed or unchanged,
 * 422 when refused. GET /api/imports — the history (ADMIN all, OPERATOR own).
 */
export const mountImportRoutes: MountRoutes = (app, deps) => {
  const uploadDir = path.join(deps.config.dataDir, 'uploads');
  const limitMb = maxUploadMb();
  const web = uploader(uploadDir, Math.round(limitMb * 1024 * 1024));
  const cli = uploader(uploadDir, MAX_CLI_UPLOAD_BYTES);

  app.post(
    '/api/imports/:kind',
    (req, res, next) => {
      if (!isImportKind(String(req.params.kind))) {
        return fail(res, 404, `Jenis impor "${String(req.params.kind)}" tidak dikenal: programs, households, recipients, civil-events atau budgets.`);
      }
      next();
    },
    requireImporter(deps),
    (req, res, next) => {
      fs.mkdirSync(uploadDir, { recursive: true });
      const { viaCli } = res.locals.importer as ImportLocals;
      (viaCli ? cli : web)(req, res, (err?: unknown) => {
        if (!err) return next();
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          return fail(res, 413, `Berkas lebih besar dari ${limitMb} MB: bagi berkasnya, atau impor lewat baris perintah (npm run cli -- import).`);
        }
        if (err instanceof multer.MulterError) return fail(res, 400, `Unggahan tidak sah (${err.code}): kirim satu berkas di kolom "file".`);
        next(err);
      });
    },
    async (req, res) => {
      const { user } = res.locals.importer as ImportLocals;
      const kind = String(req.params.kind) as ImportKind;
      const upload = req.file;
      if (!upload) return fail(res, 400, 'Tidak ada berkas: kirim berkas CSV/XLSX di kolom multipart "file".');
      try {
        if (user.role === Role.OPERATOR && kind === 'programs') {
          return fail(res, 403, 'Daftar program berlaku nasional: hanya ADMIN yang boleh mengimpornya.');
        }
        const strict = /^(1|true|on|yes)$/i.test(String((req.body as Record<string, unknown> | undefined)?.strict ?? ''));
        const report = await importFile(deps.orm, {
          kind,
          filePath: upload.path,
          fileName: upload.originalname,
          strict,
          username: user.username,
          allowedRegion: user.role === Role.OPERATOR ? user.regionCode : null,
        });
        res.status(report.status === 'refused' ? 422 : 200).json(report);
      } finally {
        fs.rmSync(upload.path, { force: true });
      }
    },
  );

  app.get('/api/imports', requireImporter(deps), async (req, res) => {
    const { user } = res.locals.importer as ImportLocals;
    const limit = Number(req.query.limit ?? 100);
    const rows = await listImports(deps.orm.em.fork(), {
      limit: Number.isFinite(limit) ? limit : 100,
      username: user.role === Role.ADMIN ? undefined : user.username,
    });
    res.json(rows);
  });

  app.get('/api/imports/:id', requireImporter(deps), async (req, res) => {
    const { user } = res.locals.importer as ImportLocals;
    if (!/^\d+$/.test(String(req.params.id))) return fail(res, 404, 'Impor tidak ditemukan.');
    const rows = await deps.orm.em.fork().execute<{ username: string | null }[]>(
      `select id::text as id, kind, file_name as "fileName", content_hash as "contentHash", status, accepted, rejected,
              invalid_nik as "invalidNik", errors, username, started_at as "startedAt", finished_at as "finishedAt", message
       from import_batch where id = ?`,
      [req.params.id],
    );
    const row = rows[0];
    if (!row || (user.role !== Role.ADMIN && row.username !== user.username)) return fail(res, 404, 'Impor tidak ditemukan.');
    res.json(row);
  });
};

