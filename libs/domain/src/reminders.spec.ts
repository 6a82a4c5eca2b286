import { DEADLINE_KINDS } from './case-types';
import { day } from './case-fixtures';
import { plannedReminders, reminderAudience } from './reminders';

const HOUR = 3_600_000;

describe('reminderAudience (DOMAIN.md "Reminders")', () => {
  it.each([
    [{ kind: 'supplier_response', party: 'supplier' }, ['supplier']],
    [{ kind: 'evidence', party: 'both' }, ['buyer', 'supplier']],
    [{ kind: 'evidence_request', party: 'buyer' }, ['buyer']],
    [{ kind: 'appeal', party: 'supplier' }, ['supplier']],
    [{ kind: 'decision', party: 'specialist' }, ['assigned_specialist']],
    [{ kind: 'decision', party: 'reviewer' }, ['assigned_reviewer']],
    [{ kind: 'pickup', party: 'specialist' }, ['specialist_queue']],
    [{ kind: 'escalation_allowed', party: 'both' }, []],
    [{ kind: 'auto_escalation', party: 'system' }, []],
  ] as const)('%j reminds %j', (deadline, audience) => {
    expect(reminderAudience(deadline)).toEqual(audience);
  });

  it('answers for every kind', () => {
    for (const kind of DEADLINE_KINDS) expect(Array.isArray(reminderAudience({ kind, party: 'both' }))).toBe(true);
  });
});

describe('plannedReminders', () => {
  const due = day(3);

  it('one per lead time that falls after the deadline was set', () => {
    expect(plannedReminders({ kind: 'supplier_response', party: 'supplier', dueAt: due }, ['PT24H', 'PT2H'], day(0))).toEqual([
      { leadTime: 'PT24H', sendAt: day(2) },
      { leadTime: 'PT2H', sendAt: new Date(due.getTime() - 2 * HOUR) },
    ]);
  });

  it('none before the deadline was set: a 24-hour reminder of a deadline due in 10 hours is dropped', () => {
    const setAt = new Date(due.getTime() - 10 * HOUR);
    expect(plannedReminders({ kind: 'appeal', party: 'buyer', dueAt: due }, ['PT24H', 'PT2H'], setAt)).toEqual([
      { leadTime: 'PT2H', sendAt: new Date(due.getTime() - 2 * HOUR) },
    ]);
    // Exactly at the moment it was set is not after it.
    expect(plannedReminders({ kind: 'appeal', party: 'buyer', dueAt: due }, ['PT10H'], setAt)).toEqual([]);
  });

  it('a party asked for evidence is told at once, then reminded', () => {
    const setAt = new Date(due.getTime() - 2 * 24 * HOUR);
    expect(plannedReminders({ kind: 'evidence_request', party: 'buyer', dueAt: due }, ['PT24H', 'PT2H'], setAt)).toEqual([
      { leadTime: 'P2D', sendAt: setAt },
      { leadTime: 'PT24H', sendAt: new Date(due.getTime() - 24 * HOUR) },
      { leadTime: 'PT2H', sendAt: new Date(due.getTime() - 2 * HOUR) },
    ]);
  });

  it('none for deadlines nobody has to meet', () => {
    expect(plannedReminders({ kind: 'auto_escalation', party: 'system', dueAt: due }, ['PT24H'], day(0))).toEqual([]);
    expect(plannedReminders({ kind: 'escalation_allowed', party: 'both', dueAt: due }, ['PT24H'], day(0))).toEqual([]);
  });
});
