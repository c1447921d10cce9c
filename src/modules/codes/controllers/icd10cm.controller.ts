import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
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
  @ZodResponse({ status: 200, type: Icd10PageDto })
  search(@Query() query: SearchIcd10QueryDto) {
    return this.catalog.search(query, query);
  }

  @Get(':code')
  @ZodResponse({ status: 200, type: Icd10EntryDto })
  get(@Param() params: Icd10CodeParams) {
    return this.catalog.entryFor(params.code);
  }
}
