import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CreatePayerDto,
  ListPayersQueryDto,
  PayerDto,
  PayerPageDto,
  UpdatePayerDto,
} from '../dto/payer.dto';
import { PayerService } from '../services/payer.service';

/** BILLING (and ADMIN) keep the clinic's payers; every role reads them, to pick one for a patient. */
@ApiTags('payers')
@ApiBearerAuth()
@Controller('payers')
export class PayerController {
  constructor(private readonly payers: PayerService) {}

  @Post()
  @Roles('BILLING')
  @ApiOperationDoc({
    summary: 'Add a payer',
    description:
      "Adds an insurer the clinic bills: its name, the clearinghouse's `payerId` (unique in the clinic: 409 `DUPLICATE` naming `payerId`) and an optional address. Audited.",
    errors: ['DUPLICATE'],
  })
  @ZodResponse({ status: 201, type: PayerDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreatePayerDto) {
    return this.payers.createPayer(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List payers',
    description: "The clinic's payers by name, a page at a time. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: PayerPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListPayersQueryDto) {
    return this.payers.listPayers(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a payer',
    description: 'One payer of the clinic. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: PayerDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.payers.getPayer(caller, params.id);
  }

  @Patch(':id')
  @Roles('BILLING')
  @ApiOperationDoc({
    summary: 'Update a payer',
    description:
      'Changes the given fields (`address` null clears it) and bumps the `version`; a `payerId` another payer of the clinic has is 409 `DUPLICATE`. Audited with the changed field names.',
    errors: ['DUPLICATE'],
  })
  @ZodResponse({ status: 200, type: PayerDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdatePayerDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.payers.updatePayer(caller, params.id, body, ifMatch);
  }
}
