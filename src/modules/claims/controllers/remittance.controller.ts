import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ZodResponse, ZodValidationPipe } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  ListRemittancesQueryDto,
  PostRemittanceBody,
  PostRemittanceQueryDto,
  RemittanceDto,
  RemittancePageDto,
} from '../dto/remittance.dto';
import { RemittanceService } from '../services/remittance.service';

/**
 * 835 remittances (docs/claims.md "Remittances: the 835"): BILLING (and ADMIN) posts the payer's
 * file and reads what was posted.
 */
@ApiTags('remittances')
@ApiBearerAuth()
@Controller('remittances')
@Roles('BILLING')
export class RemittanceController {
  constructor(private readonly remittances: RemittanceService) {}

  /** 201 when posted now; 200 with the first answer when the same 835 was posted before, or a preview. */
  @Post()
  @ApiOperationDoc({
    summary: 'Post an 835 remittance',
    description:
      'Takes an 835 (005010X221A1) as text/plain, or JSON { x12 }, and posts it in one transaction: each CLP matched by CLP01 to a claim number, SVC payments as bill payments, CAS CO written off, PR moved to the patient, OA/PI as received, the claims PAID, PARTIALLY_PAID or DENIED. A CLP that matches no claim is kept in `unmatched`. The same payer and TRN02 again answers 200 with the first remittance and changes nothing. `?preview=true` answers what would post and changes nothing. A file that cannot be read, is miscounted or does not balance is 400 INVALID_X12 naming the segment and position; a CLP that would take a bill below zero is 422. Audited.',
    errors: ['INVALID_X12', 'REMITTANCE_EXCEEDS_BALANCE', 'INVALID_STATE_TRANSITION'],
  })
  @ApiConsumes('text/plain', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', description: 'The 835 as received (text/plain)' },
        {
          type: 'object',
          properties: { x12: { type: 'string', description: 'The 835 as received' } },
          required: ['x12'],
          additionalProperties: false,
        },
      ],
    },
  })
  @ZodResponse({ status: 201, type: RemittanceDto })
  async post(
    @CurrentUser() caller: Caller,
    @Body(new ZodValidationPipe(PostRemittanceBody)) body: PostRemittanceBody,
    @Query() query: PostRemittanceQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const posted = await this.remittances.post(caller, body, query.preview);
    if (!posted.created) void reply.status(200);
    return posted.remittance;
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List remittances',
    description:
      "The clinic's posted 835s, newest first, a page at a time, each with its CLP counts. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: RemittancePageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListRemittancesQueryDto) {
    return this.remittances.listRemittances(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a remittance',
    description:
      'One posted 835: its payment, the CLPs posted to claims (status, paid, adjusted, patient responsibility, adjustments and service lines) and those kept unmatched. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: RemittanceDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.remittances.getRemittance(caller, params.id);
  }
}
