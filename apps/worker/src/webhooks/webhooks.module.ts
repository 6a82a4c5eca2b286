import { Module } from '@nestjs/common';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhooksProcessor } from './webhooks.processor';

@Module({ providers: [WebhookDispatcher, WebhookDeliverer, WebhooksProcessor] })
export class WebhooksModule {}
