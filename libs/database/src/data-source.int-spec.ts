import { TEST_ADMIN_DATABASE_URL, databaseUrl } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, runMigrations } from './data-source';
import { MIGRATIONS } from './migrations';

describe('runMigrations', () => {
  const name = `arbiter_migrate_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  // The three apps of docker-compose boot together on an empty database. A migration that builds an index
  // CONCURRENTLY waits for every open snapshot, including those of processes waiting for the migration lock.
  it('lets three processes booting at once on an empty database take turns, each migration applied once', async () => {
    const dataSources = await Promise.all([1, 2, 3].map(() => createDataSource(databaseUrl(name), 2).initialize()));
    try {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the migrations did not finish within 30 s')), 30_000);
      });
      const applied = await Promise.race([Promise.all(dataSources.map((dataSource) => runMigrations(dataSource))), hung]).finally(() => clearTimeout(timer));

      expect(applied.flat().sort()).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
      expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
      const [{ count }] = await dataSources[0].query('SELECT count(*)::int AS count FROM migrations');
      expect(count).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    }
  }, 60_000);
});
