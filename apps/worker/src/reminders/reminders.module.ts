import { Module } from '@nestjs/common';
import { MailDispatcher } from './mail-dispatcher';
import { MailProcessor } from './mail.processor';
import { MailTransport } from './mail-transport';
import { ReminderSweep } from './reminder-sweep';

/** Reminders before deadlines (DOMAIN.md "Reminders"): found by the deadlines queue's sweep, mailed from the `mail` queue. */
@Module({ providers: [ReminderSweep, MailTransport, MailDispatcher, MailProcessor], exports: [ReminderSweep] })
export class RemindersModule {}
