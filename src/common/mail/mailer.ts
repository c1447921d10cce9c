import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DomainError } from '../errors/domain-error';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Files sent with it, e.g. a reminder's calendar invitation (text/calendar). */
  readonly attachments?: readonly MailAttachment[];
}

export interface MailAttachment {
  readonly filename: string;
  readonly content: string;
  readonly contentType: string;
}

/** The server has no SMTP_URL: nothing can be mailed (a copy link still can be handed over). */
export class MailNotConfigured extends DomainError {
  readonly status = 422;
  readonly code = 'MAIL_NOT_CONFIGURED';
  constructor() {
    super('This server sends no email (SMTP_URL is not set): create a copy link instead');
  }
}

/** The SMTP server refused the message or could not be reached; nothing was recorded. */
export class MailNotSent extends DomainError {
  readonly status = 502;
  readonly code = 'MAIL_NOT_SENT';
  constructor() {
    super('The mail server did not accept the message: try again, or create a copy link');
  }
}

/**
 * The one way Contour sends mail (one instance, provided by CoreModule): SMTP through nodemailer, to the server SMTP_URL names. A send
 * either is accepted by that server or throws MailNotSent; the address and the message never
 * reach a log line (the caller's error carries neither).
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl
      ? createTransport({
          url: config.mail.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
          logger: false,
          debug: false,
        } as SMTPTransport.Options)
      : undefined;
  }

  get available(): boolean {
    return this.transport !== undefined;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transport) throw new MailNotConfigured();
    try {
      await this.transport.sendMail({
        from: this.config.mail.from,
        ...message,
        attachments: message.attachments?.map((a) => ({ ...a })),
      });
    } catch {
      throw new MailNotSent();
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
