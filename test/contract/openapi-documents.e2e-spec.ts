import { startTestApp, TestApp } from '@app/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../../apps/evidence-service/src/evidence-service.module';
import { generateTypes } from '../../libs/api-client/generate';

const CLIENT = join(__dirname, '../../libs/api-client');
const REDOCLY = join(__dirname, '../../node_modules/.bin/redocly');

/**
 * The documents the apps serve are the contract clients are generated from: they lint clean with Redocly's
 * recommended rules, and the committed documents and types (libs/api-client) are exactly what the apps serve.
 */
describe.each([
  ['case-api', CaseApiModule],
  ['evidence-service', EvidenceServiceModule],
] as const)('The OpenAPI document of the %s', (name, root) => {
  let t: TestApp;
  let served: Record<string, unknown>;
  let file: string;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => root.forRoot(config, clock));
    served = (await t.http.get('/docs-json').expect(200)).body;
    file = join(mkdtempSync(join(tmpdir(), 'arbiter-openapi-')), `${name}.json`);
    writeFileSync(file, `${JSON.stringify(served, null, 2)}\n`);
  });
  afterAll(() => t.close());

  it('is OpenAPI 3.1 and passes `redocly lint` with the recommended rules, without errors', () => {
    expect(served.openapi).toBe('3.1.0');
    let output: string;
    try {
      output = execFileSync(REDOCLY, ['lint', '--format', 'summary', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      throw new Error(`redocly lint found errors:\n${failed.stdout}\n${failed.stderr}`);
    }
    expect(output).not.toMatch(/^error/m);
  });

  it('is the document committed in libs/api-client/openapi (run `npm run api:generate` after an API change)', () => {
    expect(JSON.parse(readFileSync(join(CLIENT, 'openapi', `${name}.json`), 'utf8'))).toEqual(served);
  });

  it('gives the types committed in libs/api-client/src', () => {
    expect(generateTypes(file)).toBe(readFileSync(join(CLIENT, 'src', `${name}.ts`), 'utf8'));
  });

  // What anyone may read: health, and what the console needs before anyone signs in.
  const PUBLIC_PATHS = new Set(['/health', '/console/config.json', '/console/development-identities']);

  it('has no unresolved reference, a summary and an operationId on every operation, security on all but the public paths', () => {
    const text = JSON.stringify(served);
    const schemas = Object.keys((served.components as { schemas: object }).schemas);
    for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]*)"/g)) expect(schemas).toContain(ref);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(served.paths as Record<string, Record<string, { operationId: string; summary: string; security: unknown[] }>>)) {
      for (const operation of Object.values(item)) {
        expect(operation.summary).toEqual(expect.any(String));
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        expect(operation.security).toEqual(PUBLIC_PATHS.has(path) ? [] : [{ bearer: [] }]);
      }
    }
  });
});
