import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
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
  @ZodResponse({ status: 200, type: ConsentPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListConsentsQueryDto) {
    return this.consents.listConsents(caller, query);
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: ConsentDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.consents.getConsent(caller, params.id);
  }

  @Post(':id/sign')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: ConsentDto })
  sign(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: SignConsentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.consents.signConsent(caller, params.id, body, ifMatch);
  }

  @Post(':id/revoke')
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
