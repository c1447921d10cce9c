import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { APP_CONFIG, webAppUrl, type AppConfig } from '../../../common/config/app-config';
import { LOGGER } from '../../../common/logging/logger.token';
import { ClinicService } from './clinic.service';

export const DEMO_ADMIN_EMAIL = 'admin@demo-clinic.example';

/**
 * A first start must leave a new user able to sign in: from BOOTSTRAP_* when set, else a
 * "Demo Clinic" whose admin password is generated and printed once (docs/api.md "Auth").
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clinics: ClinicService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.clinics.hasAnyUser()) return;
    const { adminEmail, adminPassword, clinicName, clinicTimeZone } = this.config.bootstrap;
    if (adminEmail && adminPassword) {
      const created = await this.clinics.bootstrapFirstClinic({
        name: clinicName,
        timeZone: clinicTimeZone,
        adminEmail,
        adminPassword,
      });
      if (created)
        this.logger.info(
          { clinicId: created.clinicId },
          'bootstrap: created the first clinic and its admin',
        );
      return;
    }
    const password = randomBytes(15).toString('base64url');
    const created = await this.clinics.bootstrapFirstClinic({
      name: clinicName,
      timeZone: clinicTimeZone,
      adminEmail: DEMO_ADMIN_EMAIL,
      adminPassword: password,
    });
    if (created) {
      printDemoCredentials(clinicName, created.adminEmail, password, webAppUrl(this.config));
    }
  }
}

function printDemoCredentials(clinic: string, email: string, password: string, url: string): void {
  const rule = '='.repeat(78);
  process.stdout.write(
    [
      rule,
      `Contour first start: created "${clinic}" and its administrator.`,
      `  email:    ${email}`,
      `  password: ${password}`,
      'This password is printed once and never again. Sign in and change it:',
      `  open ${url} and sign in, then choose "Change password" in the menu under your name`,
      '  (or POST /api/v1/auth/change-password {"currentPassword": "...", "newPassword": "<12+ characters>"})',
      'To choose the admin yourself, start on an empty database with',
      'BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD set.',
      rule,
      '',
    ].join('\n'),
  );
}
