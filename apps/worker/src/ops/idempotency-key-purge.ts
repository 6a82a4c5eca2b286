import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// API.md keeps Idempotency-Keys at least 24 hours; a day more leaves room for clients' retry schedules.
const KEEP_FOR = '48 hours';
const BATCH = 5000;

/** Housekeeping on the periodic sweep: stored answers of old Idempotency-Keys go, in small batches. */
@Injectable()
export class IdempotencyKeyPurge {
  constructor(private readonly dataSource: DataSource) {}

  async run(now: Date): Promise<number> {
    const deleted: unknown[] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT ctid FROM idempotency_keys WHERE created_at < $1::timestamptz - $2::interval LIMIT $3)
       RETURNING 1`,
      [now, KEEP_FOR, BATCH],
    );
    return deleted.length;
  }
}
