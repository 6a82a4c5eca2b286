/**
 * What request logs may show of a URL. Whatever the encoding (`?%74oken=`, `?TOKEN=`, `?token[]=`, repeated
 * or double-encoded names), a secret in a query string never reaches the logs:
 * - under the paths that take one-time secrets (the queue dashboard's login code), the whole query is dropped;
 * - elsewhere every value of a parameter whose decoded name is sensitive, and every value shaped like a JWT,
 *   is replaced by `[redacted]`.
 */
export const REDACTED = '[redacted]';

const QUERY_DROPPED_UNDER = ['/admin/queues'];
const SENSITIVE_NAMES = new Set([
  'token', 'access_token', 'id_token', 'refresh_token', 'jwt', 'code', 'session', 'secret', 'client_secret',
  'password', 'passwd', 'key', 'api_key', 'apikey', 'auth', 'authorization', 'signature',
  'x-amz-signature', 'x-amz-credential', 'x-amz-security-token',
]);
const JWT_SHAPE = /eyJ[\w-]{4,}\.[\w-]+\./;

export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const path = url.slice(0, mark);
  if (QUERY_DROPPED_UNDER.some((prefix) => isUnder(decodeFully(path).toLowerCase(), prefix))) return `${path}?${REDACTED}`;
  return `${path}?${url.slice(mark + 1).split('&').map(redactPair).join('&')}`;
}

function redactPair(pair: string): string {
  const equals = pair.indexOf('=');
  const name = equals < 0 ? pair : pair.slice(0, equals);
  if (JWT_SHAPE.test(decodeFully(pair))) return equals < 0 ? REDACTED : `${name}=${REDACTED}`;
  if (equals < 0) return pair;
  return isSensitiveName(name) ? `${name}=${REDACTED}` : pair;
}

/** `TOKEN`, `%74oken`, `token[]`, `token[0]`, `%2574oken` all name `token`. */
function isSensitiveName(raw: string): boolean {
  const name = decodeFully(raw).toLowerCase().trim();
  const base = name.split('[')[0].split('.')[0].trim();
  return SENSITIVE_NAMES.has(base) || SENSITIVE_NAMES.has(name);
}

function isUnder(path: string, prefix: string): boolean {
  const squeezed = path.replace(/\/{2,}/g, '/');
  return squeezed === prefix || squeezed.startsWith(`${prefix}/`);
}

/** Percent-decoding (and `+` as a space) until nothing changes: double encoding hides nothing. */
function decodeFully(text: string): string {
  let current = text.replace(/\+/g, ' ');
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // A stray `%`: decode what can be decoded.
      next = current.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
    }
    if (next === current) break;
    current = next;
  }
  return current;
}
