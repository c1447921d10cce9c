import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { APP_CONFIG, ConfigError, type AppConfig } from '../../../common/config/app-config';

type HashCost = AppConfig['passwordHashCost'];

const COSTS: Record<HashCost, argon2.HashOptions> = {
  // The library's defaults: m=64 MiB, t=3, p=4. Every deployment hashes with these.
  standard: { type: argon2.argon2id },
  // The test suite's users: argon2id still, about a thousand times cheaper (docs/testing.md).
  'test-minimal': { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
};

/**
 * argon2id at `passwordHashCost` (standard: the library's defaults). A hash carries its own
 * parameters, so `verify` accepts a hash made at any cost.
 */
@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions;
  // Verified when the email is unknown, so a wrong email costs as long as a wrong password.
  private readonly decoy: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'nodeEnv' | 'passwordHashCost'>) {
    if (config.passwordHashCost !== 'standard' && config.nodeEnv !== 'test') {
      throw new ConfigError(
        `passwordHashCost '${config.passwordHashCost}' is for the test suite only (NODE_ENV=test), ` +
          `not NODE_ENV=${config.nodeEnv}`,
      );
    }
    this.options = COSTS[config.passwordHashCost];
    this.decoy = argon2.hash('contour-decoy-password', this.options);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
