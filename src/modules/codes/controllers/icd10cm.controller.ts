import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import {
  Icd10CodeParams,
  Icd10EntryDto,
  Icd10PageDto,
  SearchIcd10QueryDto,
} from '../dto/icd10cm.dto';
import { Icd10Catalog } from '../services/icd10-catalog';

/** The ICD-10-CM code set for picking a diagnosis: every role, and no audit (it is not patient data). */
@ApiTags('codes')
@ApiBearerAuth()
@Controller('codes/icd10cm')
export class Icd10cmController {
  constructor(@Inject(Icd10Catalog) private readonly catalog: Icd10Catalog) {}

  @Get()
  @ApiOperationDoc({
    summary: 'Search ICD-10-CM codes',
    description:
      'Codes of the ICD-10-CM FY2026 code set matching a code prefix or words of the description, a page at a time. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: Icd10PageDto })
  search(@Query() query: SearchIcd10QueryDto) {
    return this.catalog.search(query, query);
  }

  @Get(':code')
  @ApiOperationDoc({
    summary: 'Get an ICD-10-CM code',
    description:
      'One code of the code set with its description and whether it is billable. Changes nothing.',
    errors: ['NOT_FOUND'],
  })
  @ZodResponse({ status: 200, type: Icd10EntryDto })
  get(@Param() params: Icd10CodeParams) {
    return this.catalog.entryFor(params.code);
  }
}
