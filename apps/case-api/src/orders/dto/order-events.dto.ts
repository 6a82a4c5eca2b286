import { DateField, TextField } from '@app/http';

export class RecordPaymentDto {
  @DateField({ optional: true, description: 'when the buyer paid; defaults to now' }) paidAt?: Date;
  @TextField(1, 255, { optional: true }) reference?: string;
}

export class RecordShipmentDto {
  @TextField(1, 255, { optional: true }) carrier?: string;
  @TextField(1, 255, { optional: true }) trackingNumber?: string;
  @DateField({ optional: true, description: 'defaults to now' }) shippedAt?: Date;
}

export class RecordDeliveryDto {
  @DateField({ optional: true, description: 'defaults to now' }) deliveredAt?: Date;
}
