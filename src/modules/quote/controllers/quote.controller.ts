import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { QuoteDto } from '../dto/quote.dto';
import { QuoteService } from '../services/quote.service';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
@Roles('SURGEON', 'COORDINATOR', 'BILLING')
export class QuoteController {
  constructor(private readonly quotes: QuoteService) {}

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a quote',
    description:
      'One quote with its lines, total and insurance and patient portions. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: QuoteDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.quotes.getQuote(caller, params.id);
  }
}
