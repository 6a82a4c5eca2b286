import { Module } from '@nestjs/common';
import { PAYMENT_GATEWAY } from './payment-gateway';
import { RefundPayout } from './refund-payout';
import { RefundSweep } from './refund-sweep';
import { RefundsProcessor } from './refunds.processor';
import { SandboxGateway } from './sandbox-gateway';

// PAYMENT_GATEWAY picks the adapter by config.payments.gateway; `sandbox` is the only one so far.
@Module({
  providers: [SandboxGateway, { provide: PAYMENT_GATEWAY, useExisting: SandboxGateway }, RefundPayout, RefundSweep, RefundsProcessor],
})
export class RefundsModule {}
