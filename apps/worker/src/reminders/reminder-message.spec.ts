import { inAbout, reminderMessage, ReminderFacts, utcDateTime } from './reminder-message';
import { verdictOf } from './reminder-sweep';

const dueAt = new Date('2030-01-31T12:00:00.000Z'); // a Thursday
const facts: ReminderFacts = {
  caseId: '1a2b3c4d-0000-4000-8000-000000000000',
  orderRef: 'PO-77',
  kind: 'supplier_response',
  dueAt,
  now: new Date('2030-01-30T12:00:05.000Z'),
  audience: 'supplier',
  link: 'https://console.example/console/cases/1a2b3c4d-0000-4000-8000-000000000000',
};

describe('reminderMessage', () => {
  it('says what is due, by when in UTC (spelled out and ISO 8601), what happens otherwise, and where the case is', () => {
    const message = reminderMessage(facts, 'Sam');
    expect(message.subject).toBe('Reminder: respond to the dispute on case 1a2b3c4d (order PO-77) by Thursday, 31 January 2030, 12:00 UTC');
    expect(message.text).toBe(
      "Respond to the buyer's dispute on case 1a2b3c4d (order PO-77): accept the claim, make an offer or reject it with a rebuttal. " +
        'Due by Thursday, 31 January 2030, 12:00 UTC (2030-01-31T12:00:00.000Z), in about 24 hours. ' +
        'Without a response by then, the buyer is refunded the full claim.',
    );
    expect(message.bodyText.split('\n')).toEqual([
      'Hello Sam,',
      '',
      "Respond to the buyer's dispute on case 1a2b3c4d (order PO-77): accept the claim, make an offer or reject it with a rebuttal.",
      'Due by Thursday, 31 January 2030, 12:00 UTC (2030-01-31T12:00:00.000Z), in about 24 hours.',
      'Without a response by then, the buyer is refunded the full claim.',
      '',
      `Open the case: ${facts.link}`,
      '',
      'Arbiter, Trade Assurance disputes. You receive this because you have to act on this case.',
    ]);
    expect(message.bodyHtml).toContain(`<a href="${facts.link}">Open the case</a>`);
  });

  it('escapes what people wrote in the HTML part, and names the asker of an evidence request', () => {
    const request = { note: 'Photos of <b>all</b> "pallets" & the seals', by: 'reviewer' };
    const message = reminderMessage({ ...facts, kind: 'evidence_request', audience: 'buyer', request }, '<script>x</script>');
    expect(message.text).toContain('The reviewer asked you for more evidence on case 1a2b3c4d (order PO-77): "Photos of <b>all</b> "pallets" & the seals"');
    expect(message.bodyHtml).toContain('Photos of &lt;b&gt;all&lt;/b&gt; &quot;pallets&quot; &amp; the seals');
    expect(message.bodyHtml).toContain('Hello &lt;script&gt;x&lt;/script&gt;,');
    expect(message.bodyHtml).not.toContain('<b>all</b>');
  });

  it.each([
    ['evidence', 'buyer', 'add your evidence to case 1a2b3c4d', 'A buyer who has added no evidence by then loses the claim.'],
    ['evidence', 'supplier', 'add your evidence to case 1a2b3c4d', 'After that the specialist decides on the evidence there is.'],
    ['appeal', 'supplier', 'appeal window of case 1a2b3c4d', 'After that the decision is final for you.'],
    ['decision', 'assigned_specialist', 'decide case 1a2b3c4d', 'After that the case is flagged overdue and shown to the reviewers.'],
    ['pickup', 'specialist_queue', 'take case 1a2b3c4d from the queue', 'After that it is flagged overdue and moves to the top of the queue.'],
  ] as const)('%s for %s', (kind, audience, subject, otherwise) => {
    const message = reminderMessage({ ...facts, orderRef: null, kind, audience });
    expect(message.subject).toContain(subject);
    expect(message.text).toContain(otherwise);
  });
});

describe('utcDateTime and inAbout', () => {
  it('writes times in UTC whatever the machine, seconds only when there are some', () => {
    expect(utcDateTime(new Date('2030-03-02T05:07:00Z'))).toBe('Saturday, 2 March 2030, 05:07 UTC');
    expect(utcDateTime(new Date('2030-03-02T05:07:09Z'))).toBe('Saturday, 2 March 2030, 05:07:09 UTC');
  });

  it.each([
    [24 * 3_600_000 - 5000, 'in about 24 hours'],
    [2 * 3_600_000, 'in about 2 hours'],
    [3 * 86_400_000, 'in about 3 days'],
    [90_000, 'in about 2 minutes'],
    [40_000, 'in about 40 seconds'],
    [1000, 'in about 1 second'],
    [10, 'in about 1 second'],
  ])('%i ms is %s', (ms, words) => {
    expect(inAbout(ms)).toBe(words);
  });
});

describe('verdictOf', () => {
  const now = new Date('2030-01-30T12:00:00Z');
  const due = { kind: 'supplier_response', due_at: dueAt, done_at: null, status: 'open', superseded: false, answered: false } as const;

  it.each([
    ['send', {}],
    ['deadline_met', { done_at: now }],
    ['deadline_passed', { due_at: now }],
    ['case_moved_on', { status: 'negotiating' }],
    ['superseded', { superseded: true }],
    ['answered', { answered: true }],
  ] as const)('%s', (verdict, change) => {
    expect(verdictOf({ ...due, ...change }, now)).toBe(verdict);
  });
});
