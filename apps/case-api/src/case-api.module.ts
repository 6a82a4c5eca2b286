import { AppConfig, Clock } from '@app/config';
import { ApiDocument, HttpServiceModule } from '@app/http';
import { DynamicModule, Module } from '@nestjs/common';
import { AdminQueuesModule } from './admin/admin-queues.module';
import { CasesModule } from './cases/cases.module';
import { ConsoleModule } from './console/console.module';
import { ContactsModule } from './contacts/contacts.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrdersModule } from './orders/orders.module';
import { RefundsModule } from './refunds/refunds.module';
import { SuppliersModule } from './suppliers/suppliers.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@ApiDocument({
  title: 'Arbiter case API',
  description:
    'Orders and their escrow, disputes from complaint to final ruling, the review queues, suppliers, reminders (notifications and contacts) and webhooks (API.md).',
})
@Module({})
export class CaseApiModule {
  /** Tests pass their own config and clock; the process reads the environment. */
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: CaseApiModule,
      imports: [
        HttpServiceModule.forRoot(config, clock),
        OrdersModule,
        CasesModule,
        RefundsModule,
        SuppliersModule,
        WebhooksModule,
        NotificationsModule,
        ContactsModule,
        AdminQueuesModule,
        ConsoleModule,
      ],
    };
  }
}
