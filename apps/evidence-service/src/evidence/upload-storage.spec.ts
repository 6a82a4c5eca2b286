import { loadConfig } from '@app/config';
import { StorageService } from '@app/storage';
import { createHash, createHmac } from 'node:crypto';
import { missingParts, uploadUrlsExpiry } from './upload-plan';
import { UploadStorage } from './upload-storage';

const MIB = 1024 * 1024;
const SECRET = 'local-secret';

/**
 * What S3 or MinIO does with a presigned URL (SigV4, query-string form): recompute the signature over the
 * request as it arrives. The local test server checks no signatures (STACK-NOTES.md), so this is where the
 * URLs' bindings are proven: a request with other signed header values than those signed does not match.
 */
function signatureMatches(url: string, method: string, headers: Record<string, string>): boolean {
  const parsed = new URL(url);
  const query = parsed.searchParams;
  const signedHeaders = query.get('X-Amz-SignedHeaders')!.split(';');
  const all: Record<string, string> = { host: parsed.host, ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) };
  const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = [...query.entries()]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    method,
    parsed.pathname,
    canonicalQuery,
    signedHeaders.map((name) => `${name}:${(all[name] ?? '').trim()}\n`).join(''),
    signedHeaders.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const [, date, region, service] = query.get('X-Amz-Credential')!.split('/');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', query.get('X-Amz-Date'), scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const key = [date, region, service, 'aws4_request'].reduce<Buffer | string>((k, part) => createHmac('sha256', k).update(part).digest(), `AWS4${SECRET}`);
  return createHmac('sha256', key).update(stringToSign).digest('hex') === query.get('X-Amz-Signature');
}

describe('UploadStorage presigned upload URLs', () => {
  const config = loadConfig({
    DATABASE_URL: 'postgres://root@127.0.0.1:5432/unused',
    REDIS_URL: 'redis://127.0.0.1:6379/0',
    S3_ENDPOINT: 'http://storage.internal:9000',
    S3_PUBLIC_ENDPOINT: 'https://storage.example.com',
    S3_ACCESS_KEY_ID: 'local',
    S3_SECRET_ACCESS_KEY: SECRET,
    AUTH_JWT_SECRET: 'x'.repeat(32),
  });
  const storage = new StorageService(config);
  const uploads = new UploadStorage(storage);
  afterAll(() => storage.onModuleDestroy());

  const now = new Date('2030-01-01T12:00:00Z');
  const sessionExpiresAt = new Date('2030-01-02T12:00:00Z');
  const urlsExpireAt = uploadUrlsExpiry(now, sessionExpiresAt, config.evidence.uploadUrlTtl);

  it('signs a single PUT for exactly the declared Content-Type and Content-Length, valid EVIDENCE_UPLOAD_URL_TTL', async () => {
    const url = await uploads.presignPut('uploads/c/e', 'image/jpeg', 200_000, urlsExpireAt, now);
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(query.get('X-Amz-Date')).toBe('20300101T120000Z');
    expect(query.get('X-Amz-Expires')).toBe('900');
    expect(url.startsWith('https://storage.example.com/arbiter-evidence/uploads/c/e?')).toBe(true);

    expect(signatureMatches(url, 'PUT', { 'content-type': 'image/jpeg', 'content-length': '200000' })).toBe(true);
    // HTML under a photo's URL, a byte more or less, or another object: storage refuses them all.
    expect(signatureMatches(url, 'PUT', { 'content-type': 'text/html', 'content-length': '200000' })).toBe(false);
    expect(signatureMatches(url, 'PUT', { 'content-type': 'image/jpeg', 'content-length': '200001' })).toBe(false);
    expect(signatureMatches(url.replace('/uploads/c/e?', '/cases/c/evidence/e?'), 'PUT', { 'content-type': 'image/jpeg', 'content-length': '200000' })).toBe(false);
  });

  it('signs each part URL for its part’s exact length, the short last one included', async () => {
    const size = 17 * MIB;
    const urls = await uploads.presignParts('uploads/c/v', 'upload-1', missingParts(size, 8 * MIB, []), urlsExpireAt, now);
    expect(urls.map((part) => part.partNumber)).toEqual([1, 2, 3]);
    for (const { url } of urls) {
      expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
      expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('900');
    }
    expect(signatureMatches(urls[0].url, 'PUT', { 'content-length': String(8 * MIB) })).toBe(true);
    expect(signatureMatches(urls[2].url, 'PUT', { 'content-length': String(MIB) })).toBe(true);
    // The finding: a 64 MiB part in a session declared as 17 MiB.
    expect(signatureMatches(urls[0].url, 'PUT', { 'content-length': String(64 * MIB) })).toBe(false);
    expect(signatureMatches(urls[2].url, 'PUT', { 'content-length': String(8 * MIB) })).toBe(false);
  });

  it('never signs a URL to outlive its session', async () => {
    const url = await uploads.presignPut('uploads/c/e', 'image/png', 10, new Date('2030-01-01T12:05:00Z'), now);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
  });
});
