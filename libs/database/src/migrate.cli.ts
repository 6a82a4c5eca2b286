import { loadConfigFromProcess, loadMigrationConfig } from '@app/config';
import { migrate } from './data-source';

// As the tables' owner (DATABASE_MIGRATION_URL, else DATABASE_URL): the apps' own role may not change the schema.
async function main(): Promise<void> {
  const { migrationUrl } = loadConfigFromProcess(loadMigrationConfig);
  const applied = await migrate(migrationUrl);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
