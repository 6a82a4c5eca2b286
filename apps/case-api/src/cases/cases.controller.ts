import { CurrentUser, Principal, Roles } from '@app/auth';
import { EmptyBodyDto, IdParam, Operation, Page, PageQueryDto } from '@app/http';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaseQueriesService } from './case-queries.service';
import { CasePageView, CaseView, EventPageView, MessagePageView, MessageView, RefundView } from './case.view';
import { CasesService } from './cases.service';
import {
  AcceptOfferDto,
  AppealDecisionDto,
  AppealDto,
  DecisionDto,
  EditCaseDto,
  EscalateDto,
  EvidenceRequestDto,
  ListCasesQuery,
  MessageDto,
  OfferDto,
  OpenCaseDto,
  RebuttalDto,
} from './dto/case-requests.dto';
import { MessagesService } from './messages.service';
import { RefundRetryService } from './refund-retry.service';

// No role guards on case actions: visibility (404) comes first, then the state machine says who may act (403).
@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly queries: CaseQueriesService,
    private readonly messages: MessagesService,
    private readonly refunds: RefundRetryService,
  ) {}

  @Post()
  @Roles('buyer')
  @Operation({
    id: 'openCase',
    summary: 'Open a dispute on an order',
    problems: ['case_already_open', 'not_covered', 'claim_window_closed', 'amount_exceeds_order', 'currency_mismatch', 'not_found'],
  })
  @ApiCreatedResponse({ type: CaseView })
  open(@CurrentUser() user: Principal, @Body() dto: OpenCaseDto): Promise<CaseView> {
    return this.cases.open(user, dto);
  }

  @Get()
  @Operation({ id: 'listCases', summary: 'The cases the caller may see, newest first' })
  @ApiOkResponse({ type: CasePageView })
  list(@CurrentUser() user: Principal, @Query() query: ListCasesQuery): Promise<Page<CaseView>> {
    return this.queries.list(user, query);
  }

  @Get(':id')
  @Operation({ id: 'getCase', summary: 'A case' })
  @ApiOkResponse({ type: CaseView })
  get(@CurrentUser() user: Principal, @IdParam() id: string): Promise<CaseView> {
    return this.queries.get(user, id);
  }

  @Patch(':id')
  @Operation({ id: 'editCase', summary: "Edit the buyer's claim or description", problems: ['forbidden', 'invalid_state', 'amount_exceeds_order', 'currency_mismatch'] })
  @ApiOkResponse({ type: CaseView })
  edit(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: EditCaseDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'edit_claim', claim: dto.claim, description: dto.description });
  }

  @Post(':id/offers')
  @Operation({
    id: 'makeOffer',
    summary: "Make an offer (supplier) or a counter-offer (buyer)",
    problems: ['forbidden', 'invalid_state', 'amount_exceeds_order', 'currency_mismatch'],
  })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  offer(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: OfferDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'make_offer', amount: dto.amount, note: dto.note });
  }

  @Post(':id/offers/accept')
  @Operation({
    id: 'acceptOffer',
    summary: "Accept the other side's latest offer (or, as the supplier, the claim)",
    description: 'With `amount`, nothing resolves unless it is still what is on the table (409 offer_changed).',
    problems: ['forbidden', 'invalid_state', 'offer_changed', 'currency_mismatch'],
  })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  accept(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: AcceptOfferDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'accept_offer', amount: dto.amount });
  }

  @Post(':id/rebuttal')
  @Operation({ id: 'submitRebuttal', summary: 'Reject the claim with the supplier\'s side', problems: ['forbidden', 'invalid_state'] })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  rebuttal(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RebuttalDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'submit_rebuttal', statement: dto.statement });
  }

  @Post(':id/escalate')
  @Operation({ id: 'escalateCase', summary: 'Escalate to a trade specialist', problems: ['forbidden', 'invalid_state', 'too_early'] })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  escalate(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: EscalateDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'escalate', reason: dto.reason });
  }

  @Post(':id/withdraw')
  @Operation({ id: 'withdrawCase', summary: 'Withdraw the dispute (buyer, before a decision)', problems: ['forbidden', 'invalid_state'] })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  withdraw(@CurrentUser() user: Principal, @IdParam() id: string, @Body() _nothing: EmptyBodyDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'withdraw' });
  }

  @Post(':id/assignment')
  @Operation({
    id: 'takeCase',
    summary: 'Take the case (specialist: escalated; reviewer: appealed)',
    problems: ['forbidden', 'invalid_state', 'conflict_of_interest'],
  })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  assign(@CurrentUser() user: Principal, @IdParam() id: string, @Body() _nothing: EmptyBodyDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'claim_case' });
  }

  @Post(':id/decision')
  @Operation({
    id: 'decideCase',
    summary: 'Record the specialist\'s decision',
    problems: ['forbidden', 'invalid_state', 'amount_exceeds_order', 'currency_mismatch'],
  })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  decide(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: DecisionDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'decide', outcome: dto.outcome, refund: dto.refund, rationale: dto.rationale });
  }

  @Post(':id/appeals')
  @Operation({ id: 'appealCase', summary: 'Appeal the decision (once per party)', problems: ['forbidden', 'invalid_state', 'already_appealed', 'deadline_passed'] })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  appeal(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: AppealDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'appeal', reason: dto.reason });
  }

  @Post(':id/appeal-decision')
  @Operation({
    id: 'decideAppeal',
    summary: 'Rule on the appeal (the assigned reviewer)',
    problems: ['forbidden', 'invalid_state', 'amount_exceeds_order', 'currency_mismatch'],
  })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  decideAppeal(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: AppealDecisionDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'decide_appeal', ruling: dto.ruling, refund: dto.refund, rationale: dto.rationale });
  }

  @Post(':id/evidence-requests')
  @Operation({
    id: 'requestEvidence',
    summary: 'Ask one party or both for more evidence (the assigned specialist, or reviewer on an appeal)',
    description:
      "The named party's evidence window (re)opens until the due time: deadline `evidence_request` for that party, replacing one still open " +
      'to it; the decision SLA then counts from the latest due time. Event `case.evidence_requested`.',
    problems: ['forbidden', 'invalid_state'],
  })
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  requestEvidence(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: EvidenceRequestDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'request_evidence', from: dto.from, note: dto.note, dueIn: dto.dueIn });
  }

  @Post(':id/messages')
  @Operation({ id: 'postMessage', summary: 'Post a message to the case', problems: ['forbidden', 'invalid_state'] })
  @ApiCreatedResponse({ type: MessageView })
  postMessage(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: MessageDto): Promise<MessageView> {
    return this.messages.post(user, id, dto);
  }

  @Get(':id/messages')
  @Operation({ id: 'listMessages', summary: "The case's messages, oldest first" })
  @ApiOkResponse({ type: MessagePageView })
  listMessages(@CurrentUser() user: Principal, @IdParam() id: string, @Query() page: PageQueryDto): Promise<Page<MessageView>> {
    return this.messages.list(user, id, page);
  }

  @Get(':id/timeline')
  @Operation({ id: 'getTimeline', summary: "The case's timeline, oldest first" })
  @ApiOkResponse({ type: EventPageView })
  timeline(@CurrentUser() user: Principal, @IdParam() id: string, @Query() page: PageQueryDto) {
    return this.queries.timeline(user, id, page);
  }

  @Get(':id/refund')
  @Operation({ id: 'getRefund', summary: "The case's refund (404 when it has none)" })
  @ApiOkResponse({ type: RefundView })
  refund(@CurrentUser() user: Principal, @IdParam() id: string): Promise<RefundView> {
    return this.queries.refund(user, id);
  }

  /** Not in API.md (an addition): an admin sends a `failed` refund again. */
  @Post(':id/refund/retry')
  @Operation({ id: 'retryRefund', summary: 'Send a failed refund again (admin)', problems: ['invalid_state'] })
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: RefundView, description: 'the refund, `pending` again' })
  retryRefund(@CurrentUser() user: Principal, @IdParam() id: string, @Body() _nothing: EmptyBodyDto): Promise<RefundView> {
    return this.refunds.retry(user, id);
  }
}
