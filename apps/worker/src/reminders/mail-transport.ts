import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

/** One SMTP connection pool per worker process; nothing at all without SMTP_URL (reminders stay in-app). */
export const MAIL_CONNECTIONS = 5;

export interface OutgoingMail {
  /** Stable across retries, so a receiver can tell a re-sent mail from a new one. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

@Injectable()
export class MailTransport implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl, timeoutMs } = config.mail;
    // pool: without it every message pays for a connection and a greeting (STACK-NOTES.md "E-mail").
    this.transport = smtpUrl
      ? createTransport({
          url: smtpUrl,
          pool: true,
          maxConnections: MAIL_CONNECTIONS,
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.transport) {
      this.logger.log('SMTP_URL is not set: reminders are in-app notifications only, no e-mail is sent');
      return;
    }
    this.logger.log(`reminder e-mails go to ${withoutCredentials(this.config.mail.smtpUrl!)} from ${this.config.mail.from}`);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('e-mail is not configured (SMTP_URL)');
    await this.transport.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }
}

/** The SMTP URL as logs may show it: no user name or password. */
export function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return `${parsed.protocol}//${parsed.host}`;
}
