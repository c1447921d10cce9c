import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { newId } from '../../../common/ids';
import type {
  CreateFdaChecklistTemplateBody,
  FdaChecklistTemplateResponse,
  ListFdaChecklistTemplatesQuery,
  UpdateFdaChecklistTemplateBody,
} from '../dto/fda-checklist-template.dto';
import {
  FdaChecklistTemplateRepository,
  type FdaChecklistTemplateRow,
} from '../repositories/fda-checklist-template.repository';

export const FDA_TEMPLATE_ENTITY = 'FdaChecklistTemplate';

export function toFdaChecklistTemplateResponse(
  t: FdaChecklistTemplateRow,
): FdaChecklistTemplateResponse {
  return {
    id: t.id,
    version: t.version,
    title: t.title,
    sections: t.sections,
    surgeonAttestation: t.surgeonAttestation,
    active: t.active,
    createdById: t.createdById,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The clinic's checklist texts (ADMIN writes): a new version for a new text, `active` to retire. */
@Injectable()
export class FdaChecklistTemplateService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: FdaChecklistTemplateRepository,
    private readonly audit: AuditWriter,
  ) {}

  /** A new version: the clinic's highest plus one. Plans' checklists keep their own snapshot. */
  createTemplate(
    caller: Caller,
    body: CreateFdaChecklistTemplateBody,
  ): Promise<FdaChecklistTemplateResponse> {
    return this.tx.run(async (db) => {
      const version = (await this.templates.highestVersion(db, caller.clinicId)) + 1;
      let template;
      try {
        template = await this.templates.insert(db, {
          clinicId: caller.clinicId,
          id: newId(),
          version,
          title: body.title,
          sections: body.sections,
          surgeonAttestation: body.surgeonAttestation,
          active: body.active ?? true,
          createdById: caller.userId,
        });
      } catch (error) {
        // Two admins saving at once: the second is told to retry rather than getting a 500.
        if (isUniqueViolation(error, 'fda_checklist_templates_version_unique'))
          throw new Duplicate(`Version ${version} was just created: save again`, 'version');
        throw error;
      }
      await this.audit.record(db, caller, {
        action: 'fda-checklist-template.create',
        entityType: FDA_TEMPLATE_ENTITY,
        entityId: template.id,
        changedFields: Object.keys(body),
        metadata: { version: template.version },
      });
      return toFdaChecklistTemplateResponse(template);
    });
  }

  listTemplates(
    caller: Caller,
    query: ListFdaChecklistTemplatesQuery,
  ): Promise<Page<FdaChecklistTemplateResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.templates.list(db, caller.clinicId, query, query);
      return { data: page.data.map(toFdaChecklistTemplateResponse), nextCursor: page.nextCursor };
    });
  }

  updateTemplate(
    caller: Caller,
    id: string,
    body: UpdateFdaChecklistTemplateBody,
  ): Promise<FdaChecklistTemplateResponse> {
    return this.tx.run(async (db) => {
      const template = await this.templates.setActive(db, caller.clinicId, id, body.active);
      if (!template) throw new NotFound(FDA_TEMPLATE_ENTITY, id);
      await this.audit.record(db, caller, {
        action: 'fda-checklist-template.update',
        entityType: FDA_TEMPLATE_ENTITY,
        entityId: id,
        changedFields: ['active'],
      });
      return toFdaChecklistTemplateResponse(template);
    });
  }
}
