import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logger.token';

/**
 * An SMS provider. `send` resolves once the provider accepted the message and throws if it did
 * not (the reminder is retried). A real provider (Twilio, Vonage, …) is a class implementing
 * this, chosen in `smsChannelFor` by a new SMS_CHANNEL value, its credentials read by
 * src/common/config (docs/calendar.md "Reminders").
 */
export interface SmsChannel {
  readonly name: 'log';
  send(message: { to: string; text: string; reminderId: string }): Promise<void>;
}

export const SMS_CHANNEL = Symbol('SMS_CHANNEL');

/**
 * The test double (SMS_CHANNEL=log): logs that a text would have gone, naming the reminder
 * only; never the number, the name or the text (no PHI in logs).
 */
@Injectable()
export class LoggingSmsChannel implements SmsChannel {
  readonly name = 'log' as const;
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  send(message: { to: string; text: string; reminderId: string }): Promise<void> {
    this.logger.info({ reminderId: message.reminderId }, 'SMS reminder (logged, not sent)');
    return Promise.resolve();
  }
}
