import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { LedgerTransactionEntity } from './ledger-transaction.entity';
import { OrderEntity } from './order.entity';

export * from './idempotency-key.entity';
export * from './ledger-entry.entity';
export * from './ledger-transaction.entity';
export * from './order.entity';

export const ENTITIES = [OrderEntity, LedgerEntryEntity, LedgerTransactionEntity, IdempotencyKeyEntity];
