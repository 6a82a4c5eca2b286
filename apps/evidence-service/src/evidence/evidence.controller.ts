import { CurrentUser, Principal, Roles } from '@app/auth';
import { IdempotencyInHandler, IdParam, Operation, Page, PageQueryDto } from '@app/http';
import { Body, Controller, Get, Header, HttpCode, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DirectUploadService } from './direct-upload.service';
import { CompleteUploadDto } from './dto/complete-upload.dto';
import { CreateUploadDto } from './dto/create-upload.dto';
import { EvidenceQueriesService } from './evidence-queries.service';
import { EvidenceLinksView, EvidencePageView, EvidenceView, UploadSessionView, UploadView } from './evidence.view';
import { UploadSessionsService } from './upload-sessions.service';

@ApiTags('evidence')
@Controller('v1')
export class EvidenceController {
  constructor(
    private readonly sessions: UploadSessionsService,
    private readonly direct: DirectUploadService,
    private readonly queries: EvidenceQueriesService,
  ) {}

  @Post('cases/:caseId/evidence')
  @Roles('buyer', 'supplier')
  @Operation({
    id: 'createEvidenceUpload',
    summary: 'Start an evidence upload: the item, and presigned URLs to send the bytes to storage',
    problems: ['evidence_window_closed', 'evidence_limit_reached', 'payload_too_large', 'unsupported_media_type', 'deadline_passed'],
  })
  @ApiCreatedResponse({ type: UploadSessionView, description: 'the item, pending its upload, and where to send the bytes' })
  create(@CurrentUser() user: Principal, @IdParam('caseId') caseId: string, @Body() dto: CreateUploadDto): Promise<UploadSessionView> {
    return this.sessions.create(user, caseId, dto);
  }

  @Post('cases/:caseId/evidence/direct')
  @Roles('buyer', 'supplier')
  @Operation({
    id: 'uploadEvidenceDirect',
    summary: 'Upload a file of at most 25 MiB through the service, verified on the way',
    problems: ['evidence_window_closed', 'evidence_limit_reached', 'payload_too_large', 'unsupported_media_type'],
  })
  // The body is streamed, so the service settles Idempotency-Key once it knows the file.
  @IdempotencyInHandler()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'at most 25 MiB' }, description: { type: 'string', maxLength: 2000 } },
    },
  })
  @ApiCreatedResponse({ type: EvidenceView })
  upload(
    @CurrentUser() user: Principal,
    @IdParam('caseId') caseId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EvidenceView> {
    return this.direct.upload(user, caseId, req, res);
  }

  @Get('cases/:caseId/evidence')
  @Operation({ id: 'listCaseEvidence', summary: "The case's evidence, oldest first" })
  @ApiOkResponse({ type: EvidencePageView })
  list(@CurrentUser() user: Principal, @IdParam('caseId') caseId: string, @Query() page: PageQueryDto): Promise<Page<EvidenceView>> {
    return this.queries.list(user, caseId, page);
  }

  @Get('evidence/:id')
  @Operation({ id: 'getEvidence', summary: 'An evidence item' })
  @ApiOkResponse({ type: EvidenceView })
  get(@CurrentUser() user: Principal, @IdParam() id: string): Promise<EvidenceView> {
    return this.queries.get(user, id);
  }

  @Get('evidence/:id/upload')
  @Roles('buyer', 'supplier')
  @Operation({ id: 'resumeEvidenceUpload', summary: 'Resume an upload: the parts storage holds and fresh URLs for the others', problems: ['invalid_state', 'deadline_passed'] })
  @ApiOkResponse({ type: UploadView, description: 'resuming: the parts storage holds, and fresh URLs for the others' })
  resume(@CurrentUser() user: Principal, @IdParam() id: string): Promise<UploadView> {
    return this.sessions.resume(user, id);
  }

  @Post('evidence/:id/complete')
  @HttpCode(202)
  @Roles('buyer', 'supplier')
  @Operation({ id: 'completeEvidenceUpload', summary: 'Complete an upload: the workers verify the stored object', problems: ['invalid_state', 'deadline_passed', 'evidence_window_closed'] })
  @ApiAcceptedResponse({ type: EvidenceView, description: 'status `verifying`: the workers check the object' })
  complete(@CurrentUser() user: Principal, @IdParam() id: string, @Body() dto: CompleteUploadDto): Promise<EvidenceView> {
    return this.sessions.complete(user, id, dto);
  }

  @Get('evidence/:id/links')
  @Operation({
    id: 'getEvidenceLinks',
    summary: 'Inline URLs of an available item: its view copy, thumbnail, poster or preview, and the original for its uploader and staff',
    problems: ['invalid_state'],
  })
  @ApiOkResponse({
    type: EvidenceLinksView,
    description: 'presigned GETs valid five minutes, served inline; 409 `invalid_state` while the item is not available, or when there is no view copy the caller may be given',
  })
  links(@CurrentUser() user: Principal, @IdParam() id: string): Promise<EvidenceLinksView> {
    return this.queries.links(user, id);
  }

  @Get('evidence/:id/download')
  @Operation({
    id: 'downloadEvidence',
    summary: 'Download an available item (a redirect to storage): the original for its uploader and staff, the view copy for everyone else',
    problems: ['invalid_state'],
  })
  @Redirect(undefined, 302)
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiFoundResponse({
    description: 'a redirect to storage: a presigned GET valid five minutes, served as an attachment',
    headers: { Location: { required: true, description: 'the presigned URL', schema: { type: 'string', format: 'uri' } } },
  })
  async download(@CurrentUser() user: Principal, @IdParam() id: string): Promise<{ url: string }> {
    return { url: await this.queries.downloadUrl(user, id) };
  }
}
