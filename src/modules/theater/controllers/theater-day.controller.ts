import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ApiPdfResponse, sendPdf } from '../../../common/http/pdf-response';
import { IdParams } from '../../../common/http/id-params.dto';
import { PickListDto, TheaterDayPdfQueryDto } from '../dto/surgical-case.dto';
import { ImplantCardService } from '../services/implant-card.service';
import { TheaterDayService } from '../services/theater-day.service';

/** The nurse's pick list of a case and the printed theater day: the people in the theater. */
@ApiTags('theater')
@ApiBearerAuth()
@Controller()
@Roles('SURGEON', 'NURSE', 'COORDINATOR')
export class TheaterDayController {
  constructor(
    private readonly days: TheaterDayService,
    private readonly implantCards: ImplantCardService,
  ) {}

  @Get('surgical-cases/:id/pick-list')
  @ApiOperationDoc({
    summary: "A case's pick list",
    description:
      "What is reserved for the case's plan, to pick before surgery: item, size, shape, lot, serial number, expiry, quantity. Audited as a read of the case. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: PickListDto })
  pickList(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.days.pickList(caller, params.id);
  }

  @Get('theater/day.pdf')
  @ApiOperationDoc({
    summary: 'Print a theater day',
    description:
      "The live cases of one day (the clinic's local day), optionally of one room, as a PDF: times in the clinic's time zone, room, case, patient, procedure, surgeon and reserved implants. A read of patient data, audited per case. Changes nothing.",
  })
  @ApiPdfResponse("The theater day, printable, in the clinic's time zone")
  async dayPdf(
    @CurrentUser() caller: Caller,
    @Query() query: TheaterDayPdfQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.days.dayPdf(caller, query));
  }

  @Get('surgical-cases/:id/implant-card')
  @ApiOperationDoc({
    summary: "A completed case's implant cards",
    description:
      "The patient's device cards, one per implant the case used (manufacturer, device, size, shape, lot, serial number, UDI, date of surgery, surgeon, clinic), credit-card sized, as a PDF that prints on A4 and Letter. Only once the case is COMPLETED (else 409). Audited as a read of the case. Changes nothing.",
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ApiPdfResponse("The patient's implant cards, printable")
  async implantCard(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.implantCards.pdfForCase(caller, params.id));
  }
}
