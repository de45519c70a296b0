import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config';
import { authenticateHeader } from './auth.service';
import type { AuthUser } from './auth.types';
import type { Role } from './user.entity';

/**
 * Authentication for plain HTTP routes (imports, exports, uploads), the same
 * rules as GraphQL: a valid bearer token of an enabled user, optionally one
 * of `roles`. Put it BEFORE body parsers such as multer, so nothing is read
 * or written to disk for a caller who may not upload:
 *
 *   router.post('/api/imports/:kind', requireAuth(orm, config, [Role.ADMIN, Role.OPERATOR]), upload.single('file'), handler)
 *
 * Then `requestUser(res)` is the caller; region checks use access.ts
 * (assertCanWrite / canWrite / maskNik) per row. Bearer tokens are sent by
 * script, never automatically by a browser, so these routes need no CSRF token.
 */
export function requireAuth(orm: MikroORM, config: Config, roles?: readonly Role[]): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const auth = await authenticateHeader(orm.em.fork(), config.jwtSecret, req.headers.authorization);
    if (!auth.user) {
      res
        .status(401)
        .set('WWW-Authenticate', auth.error ? 'Bearer error="invalid_token"' : 'Bearer')
        .json({
          error: auth.error ?? 'Not logged in: send "Authorization: Bearer <token>" from the login mutation.',
          code: 'UNAUTHENTICATED',
        });
      return;
    }
    if (roles && roles.length && !roles.includes(auth.user.role)) {
      res.status(403).json({ error: `Role ${auth.user.role} may not do this; it needs ${roles.join(' or ')}.`, code: 'FORBIDDEN' });
      return;
    }
    res.locals.authUser = auth.user;
    next();
  };
}

/** The caller of a route behind requireAuth. */
export function requestUser(res: Response): AuthUser {
  const u = res.locals.authUser as AuthUser | undefined;
  if (!u) throw new Error('requestUser: this route is not behind requireAuth().');
  return u;
}

/** A 403 JSON answer with the contract's code, for region checks inside a route. */
export function sendForbidden(res: Response, message: string): void {
  res.status(403).json({ error: message, code: 'FORBIDDEN' });
}
