import { Module } from '@nestjs/common';
import { WorkerOrdersModule } from '../orders/orders.module';
import { RemindersModule } from '../reminders/reminders.module';
import { DeadlineFiring } from './deadline-firing';
import { DeadlineSweep } from './deadline-sweep';
import { DeadlinesProcessor } from './deadlines.processor';

@Module({ imports: [WorkerOrdersModule, RemindersModule], providers: [DeadlineFiring, DeadlineSweep, DeadlinesProcessor] })
export class DeadlinesModule {}
