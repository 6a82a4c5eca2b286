import { CurrentUser, Principal, Roles } from '@app/auth';
import { IdParam } from '@app/http';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateOrderDto } from './dto/create-order.dto';
import { RecordDeliveryDto, RecordPaymentDto, RecordShipmentDto } from './dto/order-events.dto';
import { OrderLedgerView, OrderView } from './order.view';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles('platform')
  @ApiCreatedResponse({ type: OrderView })
  create(@Body() dto: CreateOrderDto): Promise<OrderView> {
    return this.orders.create(dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderView })
  get(@CurrentUser() user: Principal, @IdParam() id: string): Promise<OrderView> {
    return this.orders.get(user, id);
  }

  @Get(':id/ledger')
  @ApiOkResponse({ type: OrderLedgerView })
  ledger(@CurrentUser() user: Principal, @IdParam() id: string): Promise<OrderLedgerView> {
    return this.orders.ledger(user, id);
  }

  @Post(':id/payment')
  @HttpCode(200)
  @Roles('platform')
  @ApiOkResponse({ type: OrderView })
  payment(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RecordPaymentDto): Promise<OrderView> {
    return this.orders.recordPayment(user, id, dto);
  }

  @Post(':id/shipment')
  @HttpCode(200)
  @Roles('supplier', 'platform')
  @ApiOkResponse({ type: OrderView })
  shipment(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RecordShipmentDto): Promise<OrderView> {
    return this.orders.recordShipment(user, id, dto);
  }

  @Post(':id/delivery')
  @HttpCode(200)
  @Roles('platform')
  @ApiOkResponse({ type: OrderView })
  delivery(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RecordDeliveryDto): Promise<OrderView> {
    return this.orders.recordDelivery(user, id, dto);
  }

  @Post(':id/receipt')
  @HttpCode(200)
  @Roles('buyer')
  @ApiOkResponse({ type: OrderView })
  receipt(@CurrentUser() user: Principal, @IdParam() id: string): Promise<OrderView> {
    return this.orders.confirmReceipt(user, id);
  }
}
