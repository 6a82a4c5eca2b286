import { CurrentUser, Principal, Roles } from '@app/auth';
import { IdParam, Page, PageQueryDto } from '@app/http';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaseQueriesService } from './case-queries.service';
import { CasePageView, CaseView, EventPageView, MessagePageView, MessageView, RefundView } from './case.view';
import { CasesService } from './cases.service';
import {
  AppealDecisionDto,
  AppealDto,
  DecisionDto,
  EditCaseDto,
  EscalateDto,
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
@ApiBearerAuth()
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
  @ApiCreatedResponse({ type: CaseView })
  open(@CurrentUser() user: Principal, @Body() dto: OpenCaseDto): Promise<CaseView> {
    return this.cases.open(user, dto);
  }

  @Get()
  @ApiOkResponse({ type: CasePageView })
  list(@CurrentUser() user: Principal, @Query() query: ListCasesQuery): Promise<Page<CaseView>> {
    return this.queries.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseView })
  get(@CurrentUser() user: Principal, @IdParam() id: string): Promise<CaseView> {
    return this.queries.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CaseView })
  edit(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: EditCaseDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'edit_claim', claim: dto.claim, description: dto.description });
  }

  @Post(':id/offers')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  offer(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: OfferDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'make_offer', amount: dto.amount, note: dto.note });
  }

  @Post(':id/offers/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  accept(@CurrentUser() user: Principal, @IdParam() id: string): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'accept_offer' });
  }

  @Post(':id/rebuttal')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  rebuttal(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: RebuttalDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'submit_rebuttal', statement: dto.statement });
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  escalate(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: EscalateDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'escalate', reason: dto.reason });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  withdraw(@CurrentUser() user: Principal, @IdParam() id: string): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'withdraw' });
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  assign(@CurrentUser() user: Principal, @IdParam() id: string): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'claim_case' });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  decide(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: DecisionDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'decide', outcome: dto.outcome, refund: dto.refund, rationale: dto.rationale });
  }

  @Post(':id/appeals')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  appeal(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: AppealDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'appeal', reason: dto.reason });
  }

  @Post(':id/appeal-decision')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  decideAppeal(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: AppealDecisionDto): Promise<CaseView> {
    return this.cases.act(user, id, { type: 'decide_appeal', ruling: dto.ruling, refund: dto.refund, rationale: dto.rationale });
  }

  @Post(':id/messages')
  @ApiCreatedResponse({ type: MessageView })
  postMessage(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: MessageDto): Promise<MessageView> {
    return this.messages.post(user, id, dto);
  }

  @Get(':id/messages')
  @ApiOkResponse({ type: MessagePageView })
  listMessages(@CurrentUser() user: Principal, @IdParam() id: string, @Query() page: PageQueryDto): Promise<Page<MessageView>> {
    return this.messages.list(user, id, page);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: EventPageView })
  timeline(@CurrentUser() user: Principal, @IdParam() id: string, @Query() page: PageQueryDto) {
    return this.queries.timeline(user, id, page);
  }

  @Get(':id/refund')
  @ApiOkResponse({ type: RefundView })
  refund(@CurrentUser() user: Principal, @IdParam() id: string): Promise<RefundView> {
    return this.queries.refund(user, id);
  }

  /** Not in API.md (an addition): an admin sends a `failed` refund again, with the same idempotency key. */
  @Post(':id/refund/retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: RefundView, description: 'the refund, `pending` again' })
  retryRefund(@CurrentUser() user: Principal, @IdParam() id: string): Promise<RefundView> {
    return this.refunds.retry(user, id);
  }
}
