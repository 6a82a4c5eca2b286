import { TokenVerifier } from '@app/auth';
import { ErrorCode, problem } from '@app/http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { QueueDashboardSessions } from './queue-dashboard-sessions';

export const ADMIN_QUEUES_PATH = '/admin/queues';
export const LOGIN_PATH = '/login';
export const DASHBOARD_SESSION_COOKIE = 'arbiter_queue_dashboard';
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The dashboard's guard (global guards do not run for Express middleware). Admins only, read only.
 * API clients send `Authorization: Bearer <JWT>`. A browser opens the one-time URL of
 * `POST /v1/admin/queue-dashboard/sessions` (`/admin/queues/login?code=…`), which spends the code, sets an
 * HttpOnly, SameSite=Strict cookie holding a server-side session id (Secure when the request came over TLS,
 * which behind a proxy TRUST_PROXY tells), and redirects to the dashboard without the code.
 */
export function adminSessionMiddleware(verifier: TokenVerifier, sessions: QueueDashboardSessions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.path === LOGIN_PATH) return await logIn(sessions, req, res);
      if (!(await isAdmin(verifier, sessions, req, res))) return;
      // Admins are read-only everywhere; bull-board's readOnlyMode hides the buttons, this refuses the calls.
      if (!READ_METHODS.has(req.method)) return refuse(res, 'forbidden', 'The queue dashboard is read-only');
      next();
    } catch (error) {
      next(error);
    }
  };
}

async function logIn(sessions: QueueDashboardSessions, req: Request, res: Response): Promise<void> {
  const code = typeof req.query.code === 'string' ? req.query.code : undefined;
  const session = req.method === 'GET' && code ? await sessions.redeem(code) : null;
  if (!session) return refuse(res, 'unauthenticated', 'The login code is unknown, used or expired: ask for a new one');
  res.cookie(DASHBOARD_SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: ADMIN_QUEUES_PATH,
    maxAge: session.ttlMs,
  });
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(303, `${ADMIN_QUEUES_PATH}/`);
}

async function isAdmin(verifier: TokenVerifier, sessions: QueueDashboardSessions, req: Request, res: Response): Promise<boolean> {
  const sessionId = cookieValue(req, DASHBOARD_SESSION_COOKIE);
  if (!req.header('authorization') && sessionId) {
    if (await sessions.isOpen(sessionId)) return true;
    refuse(res, 'unauthenticated', 'The dashboard session has ended: ask for a new login URL');
    return false;
  }
  let role: string;
  try {
    const caller = await verifier.verifyRequest(req);
    if (!caller) {
      refuse(res, 'unauthenticated', 'An admin bearer token or a dashboard session is required');
      return false;
    }
    role = caller.role;
  } catch {
    refuse(res, 'unauthenticated', 'The bearer token is expired, not validly signed, or not accepted here');
    return false;
  }
  if (role !== 'admin') refuse(res, 'forbidden', 'Only admins may see the queue dashboard');
  return role === 'admin';
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
