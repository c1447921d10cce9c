import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { LocationOfCreated } from '../../../common/http/location';
import { IfMatch } from '../../../common/http/versioning';
import { CreateQuoteDto, QuoteDto } from '../../quote';
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

/** The seed's endpoints. Roles per docs/design.md §8 and docs/roles.md. */
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
  @ApiOperationDoc({
    summary: 'Create a procedure plan',
    description:
      'Creates a DRAFT plan for a patient (and optionally the consultation it came from) with its CPT and ICD-10-CM codes and inventory requirements, numbered like PLAN-2026-001. The matching consent instance is created with it. Audited.',
    errors: ['NOT_FOUND'],
  })
  @ZodResponse({ status: 201, type: ProcedurePlanDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateProcedurePlanDto) {
    return this.plans.createPlan(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List procedure plans',
    description:
      "The clinic's plans, a page at a time, optionally of a patient, a consultation or a status. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: ProcedurePlanPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListProcedurePlansQueryDto) {
    return this.plans.listPlans(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a procedure plan',
    description:
      'One plan with its inventory requirements, consent, current quote and surgical case. Changes nothing.',
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: ProcedurePlanDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.plans.getPlan(caller, params.id);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Update a procedure plan',
    description:
      'Changes the given fields of a DRAFT or QUOTED plan and bumps its `version`; codes are checked again. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 200, type: ProcedurePlanDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateProcedurePlanDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.plans.updatePlan(caller, params.id, body, ifMatch);
  }

  /** 201 with the requirement (docs/api.md): its id is what the allocate call that follows needs. */
  @Post(':id/inventory')
  @ApiOperationDoc({
    summary: 'Add an inventory requirement',
    description:
      'Adds an implant or supply a DRAFT or QUOTED plan needs (by item id or code, with size and shape wishes). Answers the requirement. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @LocationOfCreated()
  @ZodResponse({ status: 201, type: InventoryRequirementDto })
  addRequirement(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: AddInventoryRequirementDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.plans.addRequirement(caller, params.id, body, ifMatch);
  }

  @Get(':id/inventory/:requirementId')
  @ApiOperationDoc({
    summary: 'Get an inventory requirement',
    description:
      "One requirement of a plan, with what is reserved for it (batch, serial numbers); where `POST …/inventory`'s `Location` points. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: InventoryRequirementDto })
  getRequirement(@CurrentUser() caller: Caller, @Param() params: RequirementParamsDto) {
    return this.inventory.getRequirement(caller, params.id, params.requirementId);
  }

  @Delete(':id/inventory/:requirementId')
  @ApiOperationDoc({
    summary: 'Remove an inventory requirement',
    description:
      'Deletes a requirement of a DRAFT or QUOTED plan, releasing anything reserved for it. Answers the plan. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
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
  @ApiOperationDoc({
    summary: 'Reserve stock for a requirement',
    description:
      'Pre-allocates matching, unexpired stock from one batch (or the given one) for a requirement of a plan that is not completed or cancelled: the units become RESERVED and cannot be given to another plan. Audited.',
    errors: ['INVALID_STATE_TRANSITION', 'INSUFFICIENT_INVENTORY'],
  })
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
  @ApiOperationDoc({
    summary: "Release a requirement's reservation",
    description: 'Returns the units reserved for a requirement to available stock. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
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
  @ApiOperationDoc({
    summary: 'Check stock for a plan',
    description:
      'Per requirement: required, allocated, available and the shortfall, and what the surgery used (serials, lots). A COMPLETED plan has no shortfall. Changes nothing.',
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: AvailabilityDto })
  availability(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.inventory.getAvailability(caller, params.id);
  }

  @Post(':id/quote')
  @ApiOperationDoc({
    summary: 'Quote a procedure plan',
    description:
      'Prices a DRAFT or QUOTED plan from the fee schedule and catalog and issues a quote (the previous one is superseded); the plan becomes QUOTED with its cost and portions. A code with no fee is a 400. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
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
  @ApiOperationDoc({
    summary: 'Approve a quoted plan',
    description:
      'Approves a QUOTED plan whose rules are met (codes valid, quote current; else 409 PLAN_NOT_APPROVABLE listing each): the plan becomes APPROVED and its quote ACCEPTED. Audited.',
    errors: ['INVALID_STATE_TRANSITION', 'PLAN_NOT_APPROVABLE'],
  })
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
  @ApiOperationDoc({
    summary: 'Cancel a procedure plan',
    description:
      'Cancels a DRAFT, QUOTED, APPROVED or SCHEDULED plan with a reason: its reservations are released and a scheduled case is cancelled too. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
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
