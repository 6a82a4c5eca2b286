import { CurrentUser, Principal, Roles } from '@app/auth';
import { EmptyBodyDto, IdParam, Operation, Page, PageQueryDto } from '@app/http';
import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListDeliveriesQuery } from './dto/list-deliveries.dto';
import { RotatedWebhookSecretView, WebhookDeliveryPageView, WebhookDeliveryView } from './webhook-delivery.view';
import { CreatedWebhookView, WebhookPageView, WebhookView } from './webhook.view';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Roles('admin')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Operation({ id: 'createWebhook', summary: 'Subscribe a receiver to events' })
  @ApiCreatedResponse({ type: CreatedWebhookView, description: 'the secret is shown only in this answer' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(user, dto);
  }

  @Get()
  @Operation({ id: 'listWebhooks', summary: 'The webhook subscriptions' })
  @ApiOkResponse({ type: WebhookPageView })
  list(@Query() query: PageQueryDto): Promise<Page<WebhookView>> {
    return this.webhooks.list(query);
  }

  @Delete(':id')
  @Operation({ id: 'deleteWebhook', summary: 'Remove a webhook subscription' })
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@IdParam() id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @Operation({ id: 'listWebhookDeliveries', summary: "A webhook's delivery log, newest first" })
  @ApiOkResponse({ type: WebhookDeliveryPageView })
  deliveries(@IdParam() id: string, @Query() query: ListDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveries(id, query);
  }

  @Post('deliveries/:id/redeliver')
  @Operation({
    id: 'redeliverWebhookDelivery',
    summary: 'Send a delivery again: the same event and X-Event-Id, its attempts counted on, retried for three more days',
  })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: WebhookDeliveryView, description: 'pending again; the workers send it at once' })
  redeliver(@IdParam() id: string, @Body() _nothing: EmptyBodyDto): Promise<WebhookDeliveryView> {
    return this.webhooks.redeliver(id);
  }

  @Post(':id/rotate-secret')
  @Operation({ id: 'rotateWebhookSecret', summary: 'Replace the signing secret; the old one keeps signing too for 24 hours' })
  @HttpCode(200)
  @ApiOkResponse({ type: RotatedWebhookSecretView, description: 'the new secret is shown only in this answer' })
  rotateSecret(@IdParam() id: string, @Body() _nothing: EmptyBodyDto): Promise<RotatedWebhookSecretView> {
    return this.webhooks.rotateSecret(id);
  }
}
