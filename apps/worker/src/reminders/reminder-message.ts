import { DeadlineKind, ReminderAudience } from '@app/domain';

/** What a reminder is about, as the sweep found it. */
export interface ReminderFacts {
  caseId: string;
  /** The marketplace's own reference of the order, when it gave one. */
  orderRef: string | null;
  kind: DeadlineKind;
  dueAt: Date;
  /** When it goes out: "in about …" counts from here. */
  now: Date;
  audience: ReminderAudience;
  /** The console page of the case. */
  link: string;
  /** For an evidence request: what was asked, and by whom. */
  request?: { note: string; by: string } | null;
}

export interface ReminderMessage {
  /** The in-app notification's text. */
  text: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
}

/**
 * What is due, by when (in UTC, spelled out, and as ISO 8601), what happens otherwise, and where the case is:
 * the same words in the notification and the e-mail.
 */
export function reminderMessage(facts: ReminderFacts, recipientName: string | null = null): ReminderMessage {
  const { task, short, otherwise } = wording(facts);
  const by = `${utcDateTime(facts.dueAt)} (${facts.dueAt.toISOString()})`;
  const within = inAbout(facts.dueAt.getTime() - facts.now.getTime());
  const due = `Due by ${by}, ${within}.`;
  const text = `${task}. ${due} ${otherwise}`;
  const greeting = recipientName ? `Hello ${recipientName},` : 'Hello,';
  const bodyText = [greeting, '', `${task}.`, due, otherwise, '', `Open the case: ${facts.link}`, '', FOOTER].join('\n');
  const bodyHtml = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(task)}.</p>`,
    `<p><strong>Due by ${escapeHtml(utcDateTime(facts.dueAt))}</strong> (${facts.dueAt.toISOString()}), ${escapeHtml(within)}.</p>`,
    `<p>${escapeHtml(otherwise)}</p>`,
    `<p><a href="${escapeHtml(facts.link)}">Open the case</a>: ${escapeHtml(facts.link)}</p>`,
    `<p style="color:#666">${escapeHtml(FOOTER)}</p>`,
  ].join('\n');
  return { text, subject: `Reminder: ${short} by ${utcDateTime(facts.dueAt)}`, bodyText, bodyHtml };
}

const FOOTER = 'Arbiter, Trade Assurance disputes. You receive this because you have to act on this case.';

function wording(facts: ReminderFacts): { task: string; short: string; otherwise: string } {
  const name = caseName(facts);
  switch (facts.kind) {
    case 'supplier_response':
      return {
        task: `Respond to the buyer's dispute on ${name}: accept the claim, make an offer or reject it with a rebuttal`,
        short: `respond to the dispute on ${name}`,
        otherwise: 'Without a response by then, the buyer is refunded the full claim.',
      };
    case 'evidence':
      return {
        task: `Add your evidence to ${name}: the evidence window closes`,
        short: `add your evidence to ${name}`,
        otherwise:
          facts.audience === 'buyer'
            ? 'A buyer who has added no evidence by then loses the claim.'
            : 'After that the specialist decides on the evidence there is.',
      };
    case 'evidence_request': {
      const asker = facts.request?.by === 'reviewer' ? 'The reviewer' : 'The specialist';
      const asked = facts.request?.note ? `: "${facts.request.note}"` : '';
      return {
        task: `${asker} asked you for more evidence on ${name}${asked}`,
        short: `more evidence for ${name}`,
        otherwise: 'After that the case is decided on the evidence there is.',
      };
    }
    case 'appeal':
      return {
        task: `You may appeal the decision on ${name}, once`,
        short: `appeal window of ${name} closes`,
        otherwise: 'After that the decision is final for you.',
      };
    case 'decision':
      return {
        task: `Decide ${name}`,
        short: `decide ${name}`,
        otherwise: 'After that the case is flagged overdue and shown to the reviewers.',
      };
    case 'pickup':
      return {
        task: `${capitalised(name)} waits in the specialists' queue for someone to take it`,
        short: `take ${name} from the queue`,
        otherwise: 'After that it is flagged overdue and moves to the top of the queue.',
      };
    default:
      return { task: `A deadline of ${name} (${facts.kind})`, short: `${facts.kind} of ${name}`, otherwise: '' };
  }
}

function caseName({ caseId, orderRef }: ReminderFacts): string {
  return `case ${caseId.slice(0, 8)}${orderRef ? ` (order ${orderRef})` : ''}`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `Thursday, 31 January 2030, 12:00 UTC`: no locale or time zone of the machine involved. */
export function utcDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}${date.getUTCSeconds() ? `:${two(date.getUTCSeconds())}` : ''}`;
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time} UTC`;
}

/** `in about 24 hours`, `in about 3 days`, `in about 40 seconds`. */
export function inAbout(ms: number): string {
  const units: Array<[string, number]> = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  // Days only from two days on: "in about 24 hours" reads better than "in about 1 day".
  const [unit, size] = units.find(([name, length]) => ms >= (name === 'day' ? 2 * length : length)) ?? units[3];
  const count = Math.max(1, Math.round(ms / size));
  return `in about ${count} ${unit}${count === 1 ? '' : 's'}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
