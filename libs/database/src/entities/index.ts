import { CaseDeadlineEntity } from './case-deadline.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseEntity } from './case.entity';
import { ContactEntity } from './contact.entity';
import { EvidenceEntity } from './evidence.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { RefundEntity } from './refund.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { MessageEntity } from './message.entity';
import { NotificationEntity } from './notification.entity';
import { LedgerTransactionEntity } from './ledger-transaction.entity';
import { OrderEntity } from './order.entity';
import { WebhookEntity } from './webhook.entity';

export * from './case-deadline.entity';
export * from './case-event.entity';
export * from './case.entity';
export * from './contact.entity';
export * from './evidence.entity';
export * from './idempotency-key.entity';
export * from './refund.entity';
export * from './ledger-entry.entity';
export * from './message.entity';
export * from './notification.entity';
export * from './ledger-transaction.entity';
export * from './order.entity';
export * from './webhook.entity';

export const ENTITIES = [
  OrderEntity,
  LedgerEntryEntity,
  LedgerTransactionEntity,
  IdempotencyKeyEntity,
  CaseEntity,
  CaseDeadlineEntity,
  CaseEventEntity,
  RefundEntity,
  MessageEntity,
  WebhookEntity,
  EvidenceEntity,
  ContactEntity,
  NotificationEntity,
];
