import { loadConfig } from '@app/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// js-yaml comes with Jest (istanbul); a test-only reader, so no dependency of our own for it.
const yaml = require('js-yaml') as { load(text: string): unknown };

const ROOT = join(__dirname, '../..');
const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const envExample = Object.fromEntries(
  readFileSync(join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1], m[2]]),
);

interface Service {
  environment?: Record<string, string>;
  ports?: string[];
  command?: string[];
  entrypoint?: string[];
  healthcheck?: { test: string[] };
}
const compose = yaml.load(composeText) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const apps = ['case-api', 'evidence-service', 'worker'].map((name) => compose.services[name]);

/** What the container gets: compose turns `$$` into `$`. */
const unescaped = (text: string) => text.replace(/\$\$/g, '$');

/** Compose's own interpolation of `${VAR}`, `${VAR:?message}` and `${VAR:-default}`, from `env`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (env[name]) return env[name];
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

describe('docker-compose is open by default', () => {
  it('publishes every port on 127.0.0.1 only', () => {
    const ports = services.flatMap(([name, service]) => (service.ports ?? []).map((port) => `${name} ${port}`));
    expect(ports.length).toBeGreaterThanOrEqual(6);
    for (const port of ports) expect(port).toMatch(/^\S+ 127\.0\.0\.1:\d+:\d+$/);
  });

  it('takes every secret from the environment, required (${VAR:?}), with no default', () => {
    const secrets = services.flatMap(([name, service]) =>
      Object.entries(service.environment ?? {})
        .filter(([key]) => /SECRET|PASSWORD/.test(key) || key === 'DATABASE_URL' || key === 'REDIS_URL')
        .map(([key, value]) => ({ where: `${name}.${key}`, value: String(value) })),
    );
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const { where, value } of secrets) {
      const secret = /^[a-z]+:\/\/[^:]*:([^@]+)@/.exec(value)?.[1] ?? value;
      expect(`${where}: ${secret}`).toMatch(/: \$\{[A-Z_]+:\?set [A-Z_]+ in \.env\}$/);
    }
    expect(composeText).not.toMatch(/\$\{[A-Z_]*(SECRET|PASSWORD)[A-Z_]*:?-/);
  });

  it('gives Redis a password and the apps a REDIS_URL carrying it', () => {
    const redis = compose.services.redis;
    expect(unescaped(redis.command!.join(' '))).toMatch(/--requirepass "\$REDIS_PASSWORD"/);
    expect(redis.environment!.REDIS_PASSWORD).toBe('${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}');
    expect(unescaped(redis.healthcheck!.test.join(' '))).toMatch(/REDISCLI_AUTH="\$REDIS_PASSWORD" redis-cli ping/);
    for (const app of apps) expect(app.environment!.REDIS_URL).toBe('redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}@redis:6379/0');
  });

  it('runs the apps on a MinIO user of their own, limited to the bucket by a policy the bucket job creates', () => {
    const minio = compose.services.minio.environment!;
    for (const app of apps) {
      expect(app.environment!.S3_ACCESS_KEY_ID).toBe('${MINIO_APP_USER:?set MINIO_APP_USER in .env}');
      expect(app.environment!.S3_SECRET_ACCESS_KEY).toBe('${MINIO_APP_PASSWORD:?set MINIO_APP_PASSWORD in .env}');
      expect(Object.values(app.environment!)).not.toContain(minio.MINIO_ROOT_PASSWORD);
    }
    const script = unescaped(compose.services['minio-bucket'].entrypoint!.join('\n'));
    const policy = JSON.parse(/<<'POLICY'\n([\s\S]*?)\nPOLICY/.exec(script)![1]) as { Statement: Array<{ Action: string[]; Resource: string[] }> };
    const resources = policy.Statement.flatMap((s) => s.Resource);
    expect(resources.sort()).toEqual(['arn:aws:s3:::arbiter-evidence', 'arn:aws:s3:::arbiter-evidence/*']);
    expect(policy.Statement.flatMap((s) => s.Action).every((action) => action.startsWith('s3:') && !action.includes('*'))).toBe(true);
    expect(script).toMatch(/mc admin user add local "\$MINIO_APP_USER" "\$MINIO_APP_PASSWORD"/);
    expect(script).toMatch(/mc admin policy attach local arbiter-app --user "\$MINIO_APP_USER"/);
    expect(envExample.MINIO_APP_USER).not.toBe(envExample.MINIO_ROOT_USER);
  });

  it('has a .env.example naming every variable compose requires, with placeholders that production refuses', () => {
    const required = [...new Set([...composeText.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]))];
    expect(required.sort()).toEqual(
      [
        'ARBITER_DB_APP_PASSWORD',
        'ARBITER_DB_OWNER_PASSWORD',
        'AUTH_JWT_SECRET',
        'MINIO_APP_PASSWORD',
        'MINIO_APP_USER',
        'MINIO_ROOT_PASSWORD',
        'MINIO_ROOT_USER',
        'POSTGRES_SUPERUSER_PASSWORD',
        'REDIS_PASSWORD',
      ].sort(),
    );
    for (const name of required) expect(envExample[name]).toBeTruthy();
    // The apps as compose starts them from .env.example, in the image's NODE_ENV=production.
    const appEnv = Object.fromEntries(Object.entries(apps[0].environment!).map(([key, value]) => [key, interpolate(String(value), envExample)]));
    const boot = () => loadConfig({ ...appEnv, NODE_ENV: 'production' });
    for (const variable of ['AUTH_JWT_SECRET', 'S3_SECRET_ACCESS_KEY', 'DATABASE_URL', 'REDIS_URL']) {
      expect(boot).toThrow(new RegExp(`${variable}: .*appears in the repository`));
    }
    // With secrets of one's own, the same compose environment boots.
    const own = Object.fromEntries(Object.keys(envExample).map((key) => [key, /USER$/.test(key) ? envExample[key] : `${key.toLowerCase()}-${'f'.repeat(40)}`]));
    const ownEnv = Object.fromEntries(Object.entries(apps[0].environment!).map(([key, value]) => [key, interpolate(String(value), own)]));
    expect(loadConfig({ ...ownEnv, NODE_ENV: 'production' }).env).toBe('production');
  });
});
