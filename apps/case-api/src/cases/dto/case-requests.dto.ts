import { APPEAL_RULINGS, CASE_STATUSES, DECISION_OUTCOMES, DISPUTE_REASONS, EVIDENCE_REQUEST_FROM, LONGEST_EVIDENCE_REQUEST } from '@app/domain';
import { EnumField, MoneyDto, MoneyField, PageQueryDto, TextField, UuidField } from '@app/http';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

// Field limits of API.md "Cases": description, statement, appeal reason 10–5,000; note, message body 1–2,000; rationale 20–10,000.

export class OpenCaseDto {
  @UuidField() orderId: string;
  @EnumField(DISPUTE_REASONS) reason: string;
  @MoneyField({ description: 'the refund the buyer claims' }) claim: MoneyDto;
  @TextField(10, 5000) description: string;
}

export class EditCaseDto {
  @MoneyField({ optional: true }) claim?: MoneyDto;
  @TextField(10, 5000, { optional: true }) description?: string;
}

export class OfferDto {
  @MoneyField() amount: MoneyDto;
  @TextField(1, 2000, { optional: true }) note?: string;
}

export class AcceptOfferDto {
  @MoneyField({ optional: true, description: 'what the caller accepts; 409 offer_changed unless it is still what is on the table' })
  amount?: MoneyDto;
}

export class RebuttalDto {
  @TextField(10, 5000) statement: string;
}

export class EscalateDto {
  @TextField(1, 2000, { optional: true }) reason?: string;
}

export class DecisionDto {
  @EnumField(DECISION_OUTCOMES) outcome: (typeof DECISION_OUTCOMES)[number];
  @MoneyField({ optional: true, description: 'refund_partial only' }) refund?: MoneyDto;
  @TextField(20, 10000) rationale: string;
}

export class AppealDto {
  @TextField(10, 5000) reason: string;
}

export class AppealDecisionDto {
  @EnumField(APPEAL_RULINGS) ruling: (typeof APPEAL_RULINGS)[number];
  @MoneyField({ optional: true, description: 'modified only' }) refund?: MoneyDto;
  @TextField(20, 10000) rationale: string;
}

export class EvidenceRequestDto {
  @EnumField(EVIDENCE_REQUEST_FROM, { description: 'whose evidence window reopens: one party, or both (one deadline each)' })
  from: (typeof EVIDENCE_REQUEST_FROM)[number];

  @TextField(1, 2000, { description: 'what is asked for; the party sees it in the timeline, the notification and the reminders' })
  note: string;

  @TextField(2, 40, {
    optional: true,
    description: `ISO 8601 duration until the evidence is due (longer than zero, at most ${LONGEST_EVIDENCE_REQUEST}); the case's policy evidenceRequestWindow when absent`,
    example: 'P2D',
  })
  dueIn?: string;
}

export class MessageDto {
  @TextField(1, 2000) body: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description: 'evidence of this case the message refers to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}

export class ListCasesQuery extends PageQueryDto {
  @EnumField(CASE_STATUSES, { optional: true }) status?: string;
  @UuidField({ optional: true }) orderId?: string;
}
