import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import { CreateQuoteDto, QuoteDto } from '../../quote/dto/quote.dto';
import {
  AddInventoryRequirementDto,
  RequirementParamsDto,
} from '../dto/add-inventory-requirement.dto';
import { ApproveProcedurePlanDto, CancelProcedurePlanDto } from '../dto/approve-procedure-plan.dto';
import { CreateProcedurePlanDto } from '../dto/create-procedure-plan.dto';
import { ListProcedurePlansQueryDto } from '../dto/list-procedure-plans.dto';
import {
  AllocateRequirementDto,
  AvailabilityDto,
  InventoryRequirementDto,
  ProcedurePlanDto,
  ProcedurePlanPageDto,
} from '../dto/procedure-plan-response.dto';
import { UpdateProcedurePlanDto } from '../dto/update-procedure-plan.dto';
import { PlanInventoryService } from '../services/plan-inventory.service';
import { ProcedurePlanWorkflowService } from '../services/procedure-plan-workflow.service';
import { ProcedurePlanService } from '../services/procedure-plan.service';

/** The seed's endpoints. Roles per DESIGN.md §8 and docs/roles.md. */
@ApiTags('procedure-plans')
@ApiBearerAuth()
@Controller('procedure-plans')
@Roles('SURGEON', 'COORDINATOR')
export class ProcedurePlanController {
  constructor(
    private readonly plans: ProcedurePlanService,
    private readonly workflow: ProcedurePlanWorkflowService,
    private readonly inventory: PlanInventoryService,
  ) {}

  @Post()
  @ZodResponse({ status: 201, type: ProcedurePlanDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateProcedurePlanDto) {
    return this.plans.createPlan(caller, body);
  }

  @Get()
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: ProcedurePlanPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListProcedurePlansQueryDto) {
    return this.plans.listPlans(caller, query);
  }

  @Get(':id')
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: ProcedurePlanDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.plans.getPlan(caller, params.id);
  }

  @Patch(':id')
  @ZodResponse({ status: 200, type: ProcedurePlanDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateProcedurePlanDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.plans.updatePlan(caller, params.id, body, ifMatch);
  }

  @Post(':id/inventory')
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 201, type: ProcedurePlanDto })
  addRequirement(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: AddInventoryRequirementDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.plans.addRequirement(caller, params.id, body, ifMatch);
  }

  @Delete(':id/inventory/:requirementId')
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: ProcedurePlanDto })
  removeRequirement(
    @CurrentUser() caller: Caller,
    @Param() params: RequirementParamsDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.plans.removeRequirement(caller, params.id, params.requirementId, ifMatch);
  }

  @Post(':id/inventory/:requirementId/allocate')
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: InventoryRequirementDto })
  allocate(
    @CurrentUser() caller: Caller,
    @Param() params: RequirementParamsDto,
    @Body() body: AllocateRequirementDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.inventory.allocate(caller, params.id, params.requirementId, body, ifMatch);
  }

  @Post(':id/inventory/:requirementId/release')
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: InventoryRequirementDto })
  release(
    @CurrentUser() caller: Caller,
    @Param() params: RequirementParamsDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.inventory.release(caller, params.id, params.requirementId, ifMatch);
  }

  @Get(':id/inventory/availability')
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: AvailabilityDto })
  availability(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.inventory.getAvailability(caller, params.id);
  }

  @Post(':id/quote')
  @Roles('SURGEON', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 201, type: QuoteDto })
  quote(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CreateQuoteDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.workflow.quotePlan(caller, params.id, body, ifMatch);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: ProcedurePlanDto })
  approve(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: ApproveProcedurePlanDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.workflow.approvePlan(caller, params.id, body, ifMatch);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: ProcedurePlanDto })
  cancel(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CancelProcedurePlanDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.workflow.cancelPlan(caller, params.id, body, ifMatch);
  }
}
