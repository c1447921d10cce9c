import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { newId } from '../../../common/ids';
import type {
  ConsentTemplateResponse,
  CreateConsentTemplateBody,
  ListConsentTemplatesQuery,
  UpdateConsentTemplateBody,
} from '../dto/consent-template.dto';
import { ConsentTemplateRepository } from '../repositories/consent-template.repository';
import { ConsentTemplateHooks } from './consent-template-hooks';
import { toConsentTemplateResponse } from './consent.mapper';

export const TEMPLATE_ENTITY = 'ConsentTemplate';

@Injectable()
export class ConsentTemplateService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: ConsentTemplateRepository,
    private readonly audit: AuditWriter,
    private readonly hooks: ConsentTemplateHooks,
  ) {}

  createTemplate(
    caller: Caller,
    body: CreateConsentTemplateBody,
  ): Promise<ConsentTemplateResponse> {
    return this.tx.run(async (db) => {
      let template;
      try {
        template = await this.templates.insert(db, {
          clinicId: caller.clinicId,
          id: newId(),
          code: body.code,
          version: body.version,
          title: body.title,
          body: body.body,
          cptCodes: body.cptCodes,
          active: body.active ?? true,
          createdById: caller.userId,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'consent_templates_code_version_unique')) {
          throw new Duplicate(
            `Consent template ${body.code} already has a version ${body.version}: create a new version`,
            'version',
          );
        }
        throw error;
      }
      await this.audit.record(db, caller, {
        action: 'consent_template.create',
        entityType: TEMPLATE_ENTITY,
        entityId: template.id,
        changedFields: Object.keys(body),
        metadata: { code: template.code, version: template.version },
      });
      if (template.active) await this.hooks.run(db, caller, template);
      return toConsentTemplateResponse(template);
    });
  }

  listTemplates(
    caller: Caller,
    query: ListConsentTemplatesQuery,
  ): Promise<Page<ConsentTemplateResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.templates.list(db, caller.clinicId, query, query);
      return { data: page.data.map(toConsentTemplateResponse), nextCursor: page.nextCursor };
    });
  }

  /** Retiring (or reinstating) a template: the only change a template accepts. */
  updateTemplate(
    caller: Caller,
    id: string,
    body: UpdateConsentTemplateBody,
  ): Promise<ConsentTemplateResponse> {
    return this.tx.run(async (db) => {
      const template = await this.templates.setActive(db, caller.clinicId, id, body.active);
      if (!template) throw new NotFound(TEMPLATE_ENTITY, id);
      await this.audit.record(db, caller, {
        action: 'consent_template.update',
        entityType: TEMPLATE_ENTITY,
        entityId: id,
        changedFields: ['active'],
      });
      if (template.active) await this.hooks.run(db, caller, template);
      return toConsentTemplateResponse(template);
    });
  }
}
