import { loadConfigFromProcess } from '@app/config';
import { createDataSource, runMigrations } from './data-source';

async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const dataSource = await createDataSource(config.database.url, 2).initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
