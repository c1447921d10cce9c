import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditWriter, type AuditActor } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newId } from '../../../common/ids';
import { ClinicCreationHooks } from '../../clinic';
import { FdaChecklistTemplateRepository } from '../repositories/fda-checklist-template.repository';
import {
  DEFAULT_FDA_CHECKLIST_SECTIONS,
  DEFAULT_FDA_CHECKLIST_TITLE,
  DEFAULT_FDA_SURGEON_ATTESTATION,
} from './default-fda-checklist';
import { FDA_TEMPLATE_ENTITY } from './fda-checklist-template.service';

/**
 * Gives a new clinic version 1 of the checklist, in the transaction creating the clinic (a
 * clinic-creation hook, registered at start-up), as the general surgical consent is given.
 */
@Injectable()
export class FdaChecklistSeeder implements OnModuleInit {
  constructor(
    private readonly templates: FdaChecklistTemplateRepository,
    private readonly audit: AuditWriter,
    private readonly clinicCreation: ClinicCreationHooks,
  ) {}

  onModuleInit(): void {
    this.clinicCreation.register((db, actor, adminId) => this.seed(db, actor, adminId));
  }

  async seed(
    db: Db,
    actor: AuditActor & { readonly clinicId: ClinicId },
    adminId: string,
  ): Promise<void> {
    const template = await this.templates.insert(db, {
      clinicId: actor.clinicId,
      id: newId(),
      version: 1,
      title: DEFAULT_FDA_CHECKLIST_TITLE,
      sections: [...DEFAULT_FDA_CHECKLIST_SECTIONS],
      surgeonAttestation: DEFAULT_FDA_SURGEON_ATTESTATION,
      active: true,
      createdById: adminId,
    });
    await this.audit.record(db, actor, {
      action: 'fda-checklist-template.create',
      entityType: FDA_TEMPLATE_ENTITY,
      entityId: template.id,
      changedFields: ['title', 'sections', 'surgeonAttestation', 'active'],
      metadata: { version: 1 },
    });
  }
}
