import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  CreateSubmissionDto,
  ListSubmissionsQueryDto,
  SubmissionDto,
  SubmissionPageDto,
} from '../dto/claim.dto';
import { ClaimSubmissionService } from '../services/claim-submission.service';

/** 837P interchanges sent (docs/claims.md "Sending"): BILLING (and ADMIN) only. */
@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims/submissions')
@Roles('BILLING')
export class ClaimSubmissionController {
  constructor(private readonly submissions: ClaimSubmissionService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Submit claims',
    description:
      "Writes the DRAFT claims into one 837P interchange (one ISA, one GS, one ST per claim), with the clinic's next interchange and group control numbers (gap-free, increasing), stores the file and makes the claims SUBMITTED, in one transaction. A claim not DRAFT is 409 naming it; the builder's checks failing is 422 `CLAIM_DATA_MISSING` with `errors[]`; nothing changes then. Audited per claim.",
    errors: ['INVALID_STATE_TRANSITION', 'CLAIM_DATA_MISSING', 'NOT_FOUND'],
  })
  @ZodResponse({ status: 201, type: SubmissionDto })
  submit(@CurrentUser() caller: Caller, @Body() body: CreateSubmissionDto) {
    return this.submissions.submit(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List submissions',
    description:
      "The clinic's 837P interchanges, newest first, without their files. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: SubmissionPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListSubmissionsQueryDto) {
    return this.submissions.listSubmissions(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a submission',
    description:
      'One 837P interchange with its claims and the file as sent. Reading it is audited.',
  })
  @ZodResponse({ status: 200, type: SubmissionDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.submissions.getSubmission(caller, params.id);
  }

  @Get(':id/837p')
  @ApiOperationDoc({
    summary: 'Download a submission’s 837P',
    description: 'The X12 837P file exactly as it was sent, as text/plain. Reading it is audited.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The 837P interchange, byte for byte', schema: { type: 'string' } })
  async x12(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const x12 = await this.submissions.x12Of(caller, params.id);
    void reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="837p-${params.id}.x12"`);
    return x12;
  }
}
