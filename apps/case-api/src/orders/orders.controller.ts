import { CurrentUser, Principal, Roles } from '@app/auth';
import { EmptyBodyDto, IdParam, Operation, Page } from '@app/http';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateOrderDto, ListOrdersQuery } from './dto/create-order.dto';
import { RecordDeliveryDto, RecordPaymentDto, RecordShipmentDto } from './dto/order-events.dto';
import { OrderLedgerView, OrderPageView, OrderView } from './order.view';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles('platform')
  @Operation({ id: 'createOrder', summary: 'Create an order (the marketplace)', problems: ['currency_mismatch'] })
  @ApiCreatedResponse({ type: OrderView })
  create(@Body() dto: CreateOrderDto): Promise<OrderView> {
    return this.orders.create(dto);
  }

  @Get()
  @Operation({ id: 'listOrders', summary: 'The orders the caller may see, newest first' })
  @ApiOkResponse({ type: OrderPageView })
  list(@CurrentUser() user: Principal, @Query() query: ListOrdersQuery): Promise<Page<OrderView>> {
    return this.orders.list(user, query);
  }

  @Get(':id')
  @Operation({ id: 'getOrder', summary: 'An order, with its escrow and whether a dispute may be opened' })
  @ApiOkResponse({ type: OrderView })
  get(@CurrentUser() user: Principal, @IdParam() id: string): Promise<OrderView> {
    return this.orders.get(user, id);
  }

  @Get(':id/ledger')
  @Operation({ id: 'getOrderLedger', summary: "The order's ledger entries and escrow balances" })
  @ApiOkResponse({ type: OrderLedgerView })
  ledger(@CurrentUser() user: Principal, @IdParam() id: string): Promise<OrderLedgerView> {
    return this.orders.ledger(user, id);
  }

  @Post(':id/payment')
  @HttpCode(200)
  @Roles('platform')
  @Operation({ id: 'recordPayment', summary: 'Record the payment: the escrow is funded', problems: ['invalid_state'] })
  @ApiOkResponse({ type: OrderView })
  payment(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RecordPaymentDto): Promise<OrderView> {
    return this.orders.recordPayment(user, id, dto);
  }

  @Post(':id/shipment')
  @HttpCode(200)
  @Roles('supplier', 'platform')
  @Operation({ id: 'recordShipment', summary: 'Record the shipment', problems: ['invalid_state'] })
  @ApiOkResponse({ type: OrderView })
  shipment(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RecordShipmentDto): Promise<OrderView> {
    return this.orders.recordShipment(user, id, dto);
  }

  @Post(':id/delivery')
  @HttpCode(200)
  @Roles('platform')
  @Operation({ id: 'recordDelivery', summary: 'Record the delivery', problems: ['invalid_state'] })
  @ApiOkResponse({ type: OrderView })
  delivery(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RecordDeliveryDto): Promise<OrderView> {
    return this.orders.recordDelivery(user, id, dto);
  }

  @Post(':id/receipt')
  @HttpCode(200)
  @Roles('buyer')
  @Operation({ id: 'confirmReceipt', summary: 'Confirm receipt: the order completes and the escrow is released unless a case is open', problems: ['invalid_state'] })
  @ApiOkResponse({ type: OrderView })
  receipt(@CurrentUser() user: Principal, @IdParam() id: string, @Body() _nothing: EmptyBodyDto): Promise<OrderView> {
    return this.orders.confirmReceipt(user, id);
  }
}
