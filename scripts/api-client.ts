// `npm run api:generate`: writes the OpenAPI documents both HTTP apps serve and the TypeScript types generated
// from them (libs/api-client). A test fails when the committed files differ from what the apps serve.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTED_APPS, DocumentedApp, documentOf } from '../libs/api-client/documents';
import { generateTypes } from '../libs/api-client/generate';

async function main(): Promise<void> {
  const root = join(__dirname, '..', 'libs', 'api-client');
  mkdirSync(join(root, 'openapi'), { recursive: true });
  for (const name of Object.keys(DOCUMENTED_APPS) as DocumentedApp[]) {
    const documentFile = join(root, 'openapi', `${name}.json`);
    writeFileSync(documentFile, `${JSON.stringify(await documentOf(name), null, 2)}\n`);
    writeFileSync(join(root, 'src', `${name}.ts`), generateTypes(documentFile));
    console.log(`libs/api-client: openapi/${name}.json, src/${name}.ts`);
  }
  execFileSync('npx', ['redocly', 'lint', '--format', 'summary', ...Object.keys(DOCUMENTED_APPS).map((n) => join(root, 'openapi', `${n}.json`))], { stdio: 'inherit' });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
