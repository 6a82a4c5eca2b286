import type { CaseApi, EvidenceApi } from '@app/api-client';
import createClient, { type Middleware } from 'openapi-fetch';
import { consoleConfig } from './config';
import { isProblem, ProblemError } from './problem';
import { currentSession, signOut } from './session';

/** Every call carries the user's token; a 401 means it expired or was revoked: back to sign-in, page kept. */
const auth: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && currentSession()) signOut('expired');
    return response;
  },
};

/** The case API, on the console's own origin. */
export const caseApi = createClient<CaseApi.paths>({ baseUrl: window.location.origin });
caseApi.use(auth);

let evidence: ReturnType<typeof createClient<EvidenceApi.paths>> | undefined;

/** The evidence service, where config.json says browsers reach it. */
export function evidenceApi() {
  if (!evidence) {
    evidence = createClient<EvidenceApi.paths>({ baseUrl: consoleConfig().evidenceUrl });
    evidence.use(auth);
  }
  return evidence;
}

/** An answer's data, or its problem document thrown as a ProblemError (queries and mutations both want that). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const error = result.error;
    if (isProblem(error)) throw new ProblemError(error);
    throw new ProblemError({
      type: 'about:blank',
      title: result.response.statusText || 'Error',
      status: result.response.status,
      code: 'internal_error',
      detail: `The service answered ${result.response.status} without saying why.`,
    });
  }
  return result.data as T;
}
