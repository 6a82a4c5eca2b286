import { ORDER_STATUSES, PAYMENT_METHODS } from '@app/domain';
import { ApiSchema } from '@nestjs/swagger';
import { BooleanField, DateField, EnumField, IntField, MoneyDto, MoneyField, NestedArrayField, PageQueryDto, TextField, UuidField } from '@app/http';

@ApiSchema({ name: 'OrderItemInput' })
export class OrderItemDto {
  @TextField(1, 500) description: string;
  @IntField(1, 1_000_000_000) quantity: number;
  @MoneyField() unitPrice: MoneyDto;
}

export class CreateOrderDto {
  @UuidField() buyerId: string;
  @UuidField() supplierId: string;
  @MoneyField({ description: 'order total in minor units' }) amount: MoneyDto;
  @EnumField(PAYMENT_METHODS) paymentMethod: string;
  @DateField({ description: 'the date by which the supplier must ship' }) shipBy: Date;
  @BooleanField({ description: 'the supplier is a Trade Assurance member' }) tradeAssurance: boolean;
  @BooleanField({ description: 'customised goods are not covered' }) customized: boolean;
  @NestedArrayField(() => OrderItemDto, 500, { optional: true }) items?: OrderItemDto[];
  @TextField(1, 255, { optional: true }) externalRef?: string;
}

export class ListOrdersQuery extends PageQueryDto {
  @EnumField(ORDER_STATUSES, { optional: true }) status?: string;
}
