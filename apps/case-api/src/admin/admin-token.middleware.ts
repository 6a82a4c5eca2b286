import { TokenVerifier } from '@app/auth';
import { ErrorCode, problem } from '@app/http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const ADMIN_TOKEN_COOKIE = 'arbiter_admin_token';

/**
 * Admins only. API clients send `Authorization: Bearer <JWT>`; a browser opens `?token=<JWT>` once, gets the
 * token back as an HttpOnly cookie scoped to the dashboard, and is redirected to the URL without it (so the
 * token does not stay in the address bar or the history). Global guards do not run for Express middleware,
 * so this is the dashboard's guard.
 */
export function adminTokenMiddleware(verifier: TokenVerifier, mountPath: string): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = bearerToken(req) ?? fromQuery ?? cookieValue(req, ADMIN_TOKEN_COOKIE);
    if (!token) return refuse(res, 'unauthenticated', 'An admin bearer token is required');
    let role: string;
    try {
      ({ role } = await verifier.verify(token));
    } catch {
      return refuse(res, 'unauthenticated', 'The bearer token is expired or not validly signed');
    }
    if (role !== 'admin') return refuse(res, 'forbidden', 'Only admins may see the queue dashboard');
    if (fromQuery) {
      res.cookie(ADMIN_TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: mountPath });
      return res.redirect(303, `${req.baseUrl}${req.path}`);
    }
    next();
  };
}

function bearerToken(req: Request): string | undefined {
  const [scheme, token] = (req.header('authorization') ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** A problem document of API.md; the global exception filter does not see Express middleware. */
function refuse(res: Response, code: ErrorCode, detail: string): void {
  const document = problem(code, detail);
  res.status(document.status).type('application/problem+json').send(JSON.stringify(document));
}
