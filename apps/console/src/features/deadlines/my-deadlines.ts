import type { CaseApi } from '@app/api-client';
import type { Role } from '../../lib/session';

type Deadline = CaseApi.Deadline;

/**
 * The deadlines the viewer must meet: those naming their role (or both parties, for a party). The
 * escalation and auto-escalation times are not tasks; they are shown as what happens next.
 */
export function myDeadlines(deadlines: Deadline[], role: Role): Deadline[] {
  const party = role === 'buyer' || role === 'supplier';
  return deadlines
    .filter((d) => d.kind !== 'escalation_allowed' && d.kind !== 'auto_escalation')
    .filter((d) => d.party === role || (party && d.party === 'both'))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** What happens by itself, and when (for the parties: the case escalates unless they agree). */
export function upcoming(deadlines: Deadline[], role: Role): Deadline[] {
  const party = role === 'buyer' || role === 'supplier';
  return party ? deadlines.filter((d) => d.kind === 'auto_escalation') : [];
}
