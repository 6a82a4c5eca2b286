/**
 * The role the apps' database login is a member of (README "Database roles"). The migrations, run by the
 * owner of the tables, create it (NOLOGIN) when missing and grant it what the apps need: DML on the app's
 * tables, but only INSERT and SELECT on the ledger, so the apps can neither rewrite history nor drop the
 * triggers that guard it. A deployment makes its login user a member: `GRANT arbiter_app TO <login>`.
 */
export const APP_DATABASE_ROLE = 'arbiter_app';

/** Append-only tables: the app role may add rows and read them, nothing else. */
export const LEDGER_TABLES = ['ledger_transactions', 'ledger_entries'] as const;
