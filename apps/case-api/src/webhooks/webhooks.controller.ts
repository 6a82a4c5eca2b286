import { CurrentUser, Principal, Roles } from '@app/auth';
import { IdParam, Operation, Page, PageQueryDto } from '@app/http';
import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateWebhookDto } from './dto/create-webhook.dto';
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
}
