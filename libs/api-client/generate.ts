import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'node_modules', '.bin', 'openapi-typescript');

/** TypeScript types of an OpenAPI document file, as committed in libs/api-client/src (openapi-typescript). */
export function generateTypes(documentFile: string): string {
  return execFileSync(CLI, [documentFile, '--root-types', '--root-types-no-schema-prefix'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}
