import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE, LEDGER_TABLES } from '../database-roles';

const role = APP_DATABASE_ROLE;

/**
 * The apps' privileges, granted to a role that owns nothing (see database-roles.ts). Default privileges cover
 * the tables and sequences later migrations create, as long as the same owner runs them. CREATE ROLE is
 * cluster-wide and two migrations (test runs on one cluster, say) may race to it: the loser's duplicate is fine.
 */
export class AppRole1763800000202 implements MigrationInterface {
  name = 'AppRole1763800000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
          CREATE ROLE ${role} NOLOGIN;
        END IF;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'the migration user may not create the role ${role}'
            USING HINT = 'Create it once as a superuser (CREATE ROLE ${role} NOLOGIN), or give the migration user CREATEROLE.';
      END $$`);
    const [{ schema }]: Array<{ schema: string }> = await q.query(`SELECT quote_ident(current_schema()) AS schema`);
    await q.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`);
    await q.query(`REVOKE UPDATE, DELETE ON ${LEDGER_TABLES.join(', ')} FROM ${role}`);
    // The migrations' own bookkeeping is the owner's: the apps may read which ran, not record one.
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON migrations FROM ${role}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ schema }]: Array<{ schema: string }> = await q.query(`SELECT quote_ident(current_schema()) AS schema`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE ALL ON SEQUENCES FROM ${role}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE ALL ON TABLES FROM ${role}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`);
    await q.query(`REVOKE USAGE ON SCHEMA ${schema} FROM ${role}`);
    // The role itself stays: it is cluster-wide and other databases may use it.
  }
}
