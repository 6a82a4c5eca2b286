import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists page by (created_at, id) cursors that carry the time as JSON does, to the millisecond. PostgreSQL kept
 * microseconds, so rows created within the same millisecond as a page's last row could be skipped or repeated.
 * Stored to the millisecond, a cursor names a row's position exactly.
 */
const TABLES = ['orders', 'cases', 'messages', 'evidence', 'webhooks'];

export class MillisecondCursors1763800000250 implements MigrationInterface {
  name = 'MillisecondCursors1763800000250';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN created_at TYPE timestamptz(3)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN created_at TYPE timestamptz`);
  }
}
