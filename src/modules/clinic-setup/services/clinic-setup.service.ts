import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import { ConsentTemplateService, GENERAL_CONSENT_CODE } from '../../consent';
import { FeeScheduleService } from '../../fee-schedule';
import { InventoryStockService } from '../../inventory';
import { OperatingRoomService } from '../../theater';
import { UserService } from '../../user';
import type { ClinicSetupResponse, SetupItemCode } from '../dto/clinic-setup.dto';

/** The set-up checklist of a clinic: read from each module's own service, never its tables. */
@Injectable()
export class ClinicSetupService {
  constructor(
    private readonly users: UserService,
    private readonly fees: FeeScheduleService,
    private readonly templates: ConsentTemplateService,
    private readonly rooms: OperatingRoomService,
    private readonly stock: InventoryStockService,
  ) {}

  async setupOf(caller: Caller): Promise<ClinicSetupResponse> {
    const [surgeons, fees, templates, rooms, implant] = await Promise.all([
      this.users.listUsers(caller, { role: 'SURGEON', active: true, limit: 1 }),
      this.fees.listEntries(caller, { limit: 1 }),
      // Two are enough: at most one of them is the seeded general consent's version 1.
      this.templates.listTemplates(caller, { active: true, limit: 2 }),
      this.rooms.listRooms(caller, { active: true, limit: 1 }),
      this.stock.hasImplantInStock(caller.clinicId),
    ]);
    const done: Record<SetupItemCode, boolean> = {
      ACTIVE_SURGEON: surgeons.data.length > 0,
      FEE_SCHEDULE_ENTRY: fees.data.length > 0,
      // The seeded general consent (version 1) already covers every plan; this item asks the
      // clinic to make consent its own: a procedure's consent, or its own general version.
      CONSENT_TEMPLATE: templates.data.some(
        (t) => !(t.code === GENERAL_CONSENT_CODE && t.version === 1),
      ),
      OPERATING_ROOM: rooms.data.length > 0,
      IMPLANT_IN_STOCK: implant,
    };
    const items = (Object.keys(done) as SetupItemCode[]).map((code) => ({
      code,
      done: done[code],
    }));
    return { complete: items.every((i) => i.done), items };
  }
}
