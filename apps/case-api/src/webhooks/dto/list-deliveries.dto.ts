import { EnumField, PageQueryDto } from '@app/http';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export class ListDeliveriesQuery extends PageQueryDto {
  @EnumField(DELIVERY_STATUSES, { optional: true, description: 'only deliveries in this status (failed ones, to send again)' }) status?: string;
}
