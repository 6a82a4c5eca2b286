import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // Extensions are the migrations' business; the apps' role may not create them.
    installExtensions: false,
    extra: { max: poolSize },
  });
}

// Arbitrary but fixed: every process that migrates takes the same PostgreSQL advisory lock.
const MIGRATION_LOCK_ID = 7_201_304;
const LOCK_POLL_MS = 200;

/** Applies pending migrations through a data source of its own on `url`, the login of the tables' owner. */
export async function migrate(url: string): Promise<string[]> {
  // Two connections: one holds the advisory lock while the other migrates.
  const dataSource = await createDataSource(url, 2).initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Applies pending migrations; processes booting at once take turns instead of racing. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    // Tried, not waited for: a session waiting inside pg_advisory_lock holds a snapshot, and a migration that
    // builds an index CONCURRENTLY waits for every snapshot, so processes booting together would hang.
    while (!(await lockRunner.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_ID]))[0].locked) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockRunner.release();
  }
}
