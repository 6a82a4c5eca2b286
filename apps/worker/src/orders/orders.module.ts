import { Module } from '@nestjs/common';
import { OrderAutoConfirm } from './order-auto-confirm';

@Module({ providers: [OrderAutoConfirm], exports: [OrderAutoConfirm] })
export class WorkerOrdersModule {}
