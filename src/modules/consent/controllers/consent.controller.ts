import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  ConsentDto,
  ConsentPageDto,
  ListConsentsQueryDto,
  RevokeConsentDto,
  SignConsentDto,
} from '../dto/consent.dto';
import { ConsentService } from '../services/consent.service';

/** Consents are clinical records: SURGEON, NURSE and COORDINATOR read them and record signatures. */
@ApiTags('consents')
@ApiBearerAuth()
@Roles('SURGEON', 'NURSE', 'COORDINATOR')
@Controller('consents')
export class ConsentController {
  constructor(private readonly consents: ConsentService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List consents',
    description:
      'The consent instances of the clinic, a page at a time, optionally of one plan. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: ConsentPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListConsentsQueryDto) {
    return this.consents.listConsents(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a consent',
    description:
      "One consent instance with its text, `contentHash`, the signature's metadata and its `evidence` (signed time, IP address, user agent, method, channel, patient link, content hash). Changes nothing.",
  })
  @ZodResponse({ status: 200, type: ConsentDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.consents.getConsent(caller, params.id);
  }

  @Post(':id/sign')
  @ApiOperationDoc({
    summary: 'Sign a consent',
    description:
      "Records the signature of a PENDING consent; `contentHash` must be the instance's (the signer saw this exact text, else 409 CONSENT_CONTENT_CHANGED). The consent becomes SIGNED, with the request's IP address and user agent kept as evidence (channel STAFF). Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'CONSENT_CONTENT_CHANGED'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: ConsentDto })
  sign(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: SignConsentDto,
    @IfMatch() ifMatch: number | undefined,
    @Req() request: FastifyRequest,
  ) {
    return this.consents.signConsent(caller, params.id, body, ifMatch, {
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'],
    });
  }

  @Post(':id/revoke')
  @ApiOperationDoc({
    summary: 'Revoke a consent',
    description:
      'Withdraws a PENDING or SIGNED consent with a reason; the consent becomes REVOKED and no longer counts for scheduling. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: ConsentDto })
  revoke(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: RevokeConsentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.consents.revokeConsent(caller, params.id, body, ifMatch);
  }
}
