import { Foundation1763800000000 } from './1763800000000-foundation';
import { Cases1763800000001 } from './1763800000001-cases';
import { SandboxGateway1763800000020 } from './1763800000020-sandbox-gateway';
import { SupplierMetricsIndexes1763800000030 } from './1763800000030-supplier-metrics-indexes';
import { EvidenceUploadKeys1763800000100 } from './1763800000100-evidence-upload-keys';
import { LedgerInvariants1763800000200 } from './1763800000200-ledger-invariants';
import { RefundAttempts1763800000201 } from './1763800000201-refund-attempts';
import { AppRole1763800000202 } from './1763800000202-app-role';
import { MillisecondCursors1763800000250 } from './1763800000250-millisecond-cursors';
import { Reminders1763800000300 } from './1763800000300-reminders';
import { EvidenceDerivatives1763800000400 } from './1763800000400-evidence-derivatives';
import { SupplierRollup1763800000450 } from './1763800000450-supplier-rollup';
import { ServiceFee1763800000460 } from './1763800000460-service-fee';
import { WebhookDeliveryLog1763800000470 } from './1763800000470-webhook-delivery-log';
import { PerceptualIndexOnly1763800000480 } from './1763800000480-perceptual-index-only';

/** Every migration, oldest first. Listed explicitly so the built and the TS code find the same set. */
export const MIGRATIONS = [
  Foundation1763800000000,
  Cases1763800000001,
  SandboxGateway1763800000020,
  SupplierMetricsIndexes1763800000030,
  EvidenceUploadKeys1763800000100,
  LedgerInvariants1763800000200,
  RefundAttempts1763800000201,
  AppRole1763800000202,
  MillisecondCursors1763800000250,
  Reminders1763800000300,
  EvidenceDerivatives1763800000400,
  SupplierRollup1763800000450,
  ServiceFee1763800000460,
  WebhookDeliveryLog1763800000470,
  PerceptualIndexOnly1763800000480,
];
