import { DeadlineRef, Party } from './case-types';
import { formatDuration, parseDuration } from './duration';

/**
 * Who is reminded of a deadline (DOMAIN.md "Reminders"): the party that must act, the assigned specialist or
 * reviewer for a decision, or the specialists' queue as a whole for a case nobody has picked up.
 */
export type ReminderAudience = Party | 'assigned_specialist' | 'assigned_reviewer' | 'specialist_queue';

/** The audience of a deadline's reminders; none for deadlines nobody has to meet (escalation clocks). */
export function reminderAudience({ kind, party }: DeadlineRef): ReminderAudience[] {
  switch (kind) {
    case 'supplier_response':
    case 'evidence':
    case 'evidence_request':
    case 'appeal':
      return party === 'both' ? ['buyer', 'supplier'] : party === 'buyer' || party === 'supplier' ? [party] : [];
    case 'decision':
      return party === 'reviewer' ? ['assigned_reviewer'] : ['assigned_specialist'];
    case 'pickup':
      return ['specialist_queue'];
    case 'escalation_allowed':
    case 'auto_escalation':
      return [];
  }
}

export interface PlannedReminder {
  leadTime: string;
  sendAt: Date;
}

/**
 * The reminders of a deadline set at `setAt`: one per lead time that falls after it was set (a 24-hour
 * reminder of a deadline two hours away would be no reminder at all). A party asked for evidence is also told
 * at once (DOMAIN.md: "that party is told"), by a reminder whose lead time is the whole window.
 */
export function plannedReminders(deadline: DeadlineRef & { dueAt: Date }, leadTimes: readonly string[], setAt: Date): PlannedReminder[] {
  if (reminderAudience(deadline).length === 0) return [];
  const ahead = leadTimes
    .map((leadTime) => ({ leadTime, sendAt: new Date(deadline.dueAt.getTime() - parseDuration(leadTime)) }))
    .filter((reminder) => reminder.sendAt > setAt);
  const window = deadline.dueAt.getTime() - setAt.getTime();
  return deadline.kind === 'evidence_request' && window > 0 ? [{ leadTime: formatDuration(window), sendAt: setAt }, ...ahead] : ahead;
}
