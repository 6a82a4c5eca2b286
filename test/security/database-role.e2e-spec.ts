import { APP_DATABASE_ROLE, migrate, MIGRATIONS } from '@app/database';
import {
  AppFactory,
  appDatabaseUrl,
  createTestDatabase,
  databaseUrl,
  RawLedger,
  startTestSystem,
  TEST_APP_LOGIN,
  TestSystem,
  testUser,
} from '@app/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';

// Jest's project config cannot set testTimeout; these suites boot apps and child processes.
jest.setTimeout(60_000);

const caseApi: AppFactory = (config, clock) => CaseApiModule.forRoot(config, clock);

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The PostgreSQL error code a statement fails with (42501: insufficient_privilege). */
async function refusal(client: Client, sql: string): Promise<{ code: string; message: string }> {
  try {
    await client.query(sql);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error(`${sql} was not refused`);
}

/**
 * Issue 9, "Money": the apps connected as the role that owns the tables, so they could drop the triggers that
 * guard the ledger. Now the owner only migrates; the apps log in as a member of APP_DATABASE_ROLE, which owns
 * nothing and may only add to the ledger. Every other e2e suite runs the apps as that login too.
 */
describe('Security: the apps\' database role owns nothing and may only add to the ledger (e2e)', () => {
  let sys: TestSystem;
  let app: Client;
  let owner: Client;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [caseApi] });
    app = await connect(sys.env.DATABASE_URL);
    owner = await connect(sys.env.DATABASE_MIGRATION_URL);
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await sys?.close();
  });

  it('the booted apps log in as the restricted login: no superuser, a member of the apps\' role, owner of nothing', async () => {
    await sys.http(sys.apps[0]).get('/v1/cases').set((await testUser('admin')).auth).expect(200);
    const { rows: sessions } = await owner.query(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(sessions).toEqual([{ usename: TEST_APP_LOGIN }]);

    const { rows: [login] } = await owner.query(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, pg_has_role($1, $2, 'MEMBER') AS member FROM pg_roles WHERE rolname = $1`,
      [TEST_APP_LOGIN, APP_DATABASE_ROLE],
    );
    expect(login).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, member: true });
    const { rows: owned } = await owner.query(
      `SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role($1, c.relowner, 'USAGE')`,
      [TEST_APP_LOGIN],
    );
    expect(owned).toEqual([]);
  });

  it('may add ledger rows and read them, never update, delete or truncate them', async () => {
    const ledger = new RawLedger(app);
    const order = await ledger.fundedOrder(10_000);
    expect(await ledger.balance(order.escrow)).toBe(10_000);
    for (const table of ['ledger_entries', 'ledger_transactions']) {
      for (const sql of [`UPDATE ${table} SET created_at = now()`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
        expect(await refusal(app, sql)).toEqual({ code: '42501', message: `permission denied for table ${table}` });
      }
    }
    expect(await ledger.balance(order.escrow)).toBe(10_000);
  });

  it('cannot drop, disable or replace what guards the ledger, nor switch triggers off for its session', async () => {
    for (const sql of [
      `DROP TRIGGER ledger_entries_balanced ON ledger_entries`,
      `ALTER TABLE ledger_entries DISABLE TRIGGER ALL`,
      `ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_kind_check`,
      `DROP TABLE ledger_entries`,
      `ALTER TABLE ledger_entries OWNER TO ${TEST_APP_LOGIN}`,
      `ALTER FUNCTION ledger_transaction_balanced() OWNER TO ${TEST_APP_LOGIN}`,
    ]) {
      expect(await refusal(app, sql)).toMatchObject({ code: '42501', message: expect.stringMatching(/^must be owner of/) });
    }
    // Nor replace a check with one that passes everything: it may not even create in the schema.
    expect(
      await refusal(app, `CREATE OR REPLACE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'`),
    ).toEqual({ code: '42501', message: 'permission denied for schema public' });
    expect(await refusal(app, `SET session_replication_role = replica`)).toMatchObject({ code: '42501' });
    expect(await refusal(app, `INSERT INTO migrations (timestamp, name) VALUES (1, 'Forged1')`)).toMatchObject({ code: '42501' });
  });

  it('keeps full DML on the app\'s tables, also on tables a later migration creates (default privileges)', async () => {
    await app.query(`UPDATE cases SET updated_at = updated_at WHERE false`);
    await app.query(`DELETE FROM idempotency_keys WHERE false`);
    await owner.query(`CREATE TABLE later_feature (id serial PRIMARY KEY, note text NOT NULL)`);
    await app.query(`INSERT INTO later_feature (note) VALUES ('added by the app')`);
    await app.query(`UPDATE later_feature SET note = 'changed'`);
    expect((await app.query(`DELETE FROM later_feature RETURNING note`)).rows).toEqual([{ note: 'changed' }]);
  });
});

describe('Security: migrations run as the owner (DATABASE_MIGRATION_URL), never as the apps\' login (e2e)', () => {
  it('migrate-at-boot applies every migration as the owner while the app logs in as its own role', async () => {
    const database = await createTestDatabase({ empty: true });
    const sys = await startTestSystem({
      env: { DATABASE_URL: appDatabaseUrl(database), DATABASE_MIGRATION_URL: databaseUrl(database), MIGRATIONS_RUN: 'true' },
      apps: [caseApi],
    });
    try {
      await sys.http(sys.apps[0]).get('/v1/cases').set((await testUser('admin')).auth).expect(200);
      const [{ applied, ledger_owner, user }] = await sys.dataSource.query(
        `SELECT (SELECT count(*)::int FROM migrations) AS applied,
                (SELECT tableowner FROM pg_tables WHERE tablename = 'ledger_entries') AS ledger_owner, current_user AS user`,
      );
      expect({ applied, user }).toEqual({ applied: MIGRATIONS.length, user: TEST_APP_LOGIN });
      expect(ledger_owner).not.toBe(TEST_APP_LOGIN);
    } finally {
      await sys.close();
    }
  });

  it('the apps\' login alone cannot migrate: it may not create anything', async () => {
    const database = await createTestDatabase({ empty: true });
    // What migrate-at-boot would do with DATABASE_URL alone, were it the apps' login.
    await expect(migrate(appDatabaseUrl(database))).rejects.toThrow(/permission denied for schema public/);
  });

  it('npm run db:migrate needs DATABASE_MIGRATION_URL (or DATABASE_URL) and nothing else', async () => {
    const database = await createTestDatabase({ empty: true });
    const migrateCli = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['-r', '@swc-node/register', 'libs/database/src/migrate.cli.ts'], {
        cwd: join(__dirname, '../..'),
        env: { PATH: process.env.PATH!, ...env },
        encoding: 'utf8',
      });
    const first = migrateCli({ DATABASE_MIGRATION_URL: databaseUrl(database) });
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout).toMatch(/Applied: .*AppRole1763800000202/);
    const again = migrateCli({ DATABASE_URL: databaseUrl(database) });
    expect(again.stdout).toMatch(/Database is up to date/);
    const none = migrateCli({});
    expect(none.status).toBe(78);
    expect(none.stderr).toMatch(/DATABASE_MIGRATION_URL: is required/);
  }, 90_000);
});
