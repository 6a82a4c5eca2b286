import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supplier metrics (GET /v1/suppliers/:id/metrics) sum a supplier's orders completed in the last 12 months.
 * orders_supplier_idx is by created_at, which says nothing about completion time; this partial index is a
 * range scan by completed_at, and INCLUDE makes it index-only. The cases side uses cases_supplier_idx.
 *
 * CONCURRENTLY, so a large orders table keeps taking writes: it cannot run inside a transaction, hence
 * `transaction = false`. A build interrupted half-way leaves an invalid index behind; a rerun drops it first.
 */
export class SupplierMetricsIndexes1763800000030 implements MigrationInterface {
  name = 'SupplierMetricsIndexes1763800000030';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS orders_supplier_completed_idx`);
    await q.query(`CREATE INDEX CONCURRENTLY orders_supplier_completed_idx ON orders (supplier_id, completed_at)
      INCLUDE (currency, amount) WHERE status = 'completed'`);
  }

  // Not CONCURRENTLY: TypeORM's revert ignores `transaction = false` and wraps down() in a transaction.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS orders_supplier_completed_idx`);
  }
}
