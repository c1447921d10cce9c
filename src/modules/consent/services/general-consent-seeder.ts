import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditWriter, type AuditActor } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newId } from '../../../common/ids';
import { ClinicCreationHooks } from '../../clinic';
import { ConsentTemplateRepository } from '../repositories/consent-template.repository';
import {
  GENERAL_CONSENT_BODY,
  GENERAL_CONSENT_CODE,
  GENERAL_CONSENT_TITLE,
} from './general-consent';
import { TEMPLATE_ENTITY } from './consent-template.service';

/**
 * Gives a new clinic its general surgical consent, in the transaction creating the clinic (a
 * clinic-creation hook, registered at start-up).
 */
@Injectable()
export class GeneralConsentSeeder implements OnModuleInit {
  constructor(
    private readonly templates: ConsentTemplateRepository,
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
      code: GENERAL_CONSENT_CODE,
      version: 1,
      title: GENERAL_CONSENT_TITLE,
      body: GENERAL_CONSENT_BODY,
      cptCodes: [],
      active: true,
      createdById: adminId,
    });
    await this.audit.record(db, actor, {
      action: 'consent_template.create',
      entityType: TEMPLATE_ENTITY,
      entityId: template.id,
      changedFields: ['code', 'version', 'title', 'body', 'cptCodes', 'active'],
      metadata: { code: template.code, version: template.version },
    });
  }
}
