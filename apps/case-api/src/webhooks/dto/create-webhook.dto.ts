import { CASE_EVENT_TYPES } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, IsUrl, MaxLength } from 'class-validator';

/** What `events` may hold: event types (API.md "Events"), or `"*"` alone for all of them. */
export const WEBHOOK_EVENT_FILTERS = [...CASE_EVENT_TYPES, '*'] as const;

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://erp.example.com/arbiter-hooks',
    maxLength: 2048,
    description: 'http or https, reaching public addresses only (unless WEBHOOK_ALLOW_PRIVATE_TARGETS)',
  })
  @IsString()
  @MaxLength(2048)
  // require_tld: false lets names such as `receiver:4000` through to the address check, which decides.
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  url: string;

  @ApiProperty({
    type: [String],
    enum: WEBHOOK_EVENT_FILTERS,
    minItems: 1,
    maxItems: CASE_EVENT_TYPES.length,
    example: ['case.opened', 'case.resolved'],
    description: 'event types to receive, or exactly ["*"] for every event',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CASE_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_FILTERS as unknown as string[], { each: true, message: 'each value in events must be an event type or "*"' })
  events: string[];
}
