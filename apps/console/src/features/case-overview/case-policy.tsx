import { Text } from '@mantine/core';
import { formatBytes } from '../../lib/bytes';
import type { Case, Order } from '../../lib/case-query';
import { describeDuration, joinWords } from '../../lib/duration';
import { PAYMENT_METHOD_LABELS } from '../../lib/labels';

type Policy = Case['policy'];

/** Each duration of the case's policy a specialist checks deadlines against, by what it governs. */
const DURATIONS: Array<[label: string, key: keyof Policy]> = [
  ['Supplier response', 'supplierResponse'],
  ['Escalation allowed after', 'escalationAllowedAfter'],
  ['Negotiation window', 'negotiationWindow'],
  ['Pickup by a specialist', 'pickupSla'],
  ['Evidence window', 'evidenceWindow'],
  ['Evidence request, unless the request says', 'evidenceRequestWindow'],
  ['Decision', 'decisionSla'],
  ['Appeal window', 'appealWindow'],
  ['Claims, after receipt', 'claimWindowAfterReceipt'],
  ['"Not received", from shipping', 'notReceivedAfterShip'],
  ['Receipt confirmed by itself, after delivery', 'autoConfirmAfterDelivery'],
];

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * The policy the case was opened under, in words ("Evidence window: 3 days"): its durations, reminders, evidence
 * limits and how long a refund takes to arrive, for the order's payment method when it is known.
 */
export function CasePolicy({ policy, paymentMethod }: { policy: Policy; paymentMethod?: Order['paymentMethod'] }) {
  const { maxBytes, maxItemsPerParty } = policy.evidenceLimits;
  const rows: Array<[string, string]> = [
    ...DURATIONS.map(([label, key]): [string, string] => [label, describeDuration(policy[key] as string)]),
    ['Reminders', policy.reminderLeadTimes.length ? `${joinWords(policy.reminderLeadTimes.map(describeDuration))} before each deadline` : 'none'],
    ['Evidence per party', `${maxItemsPerParty} items; photos up to ${formatBytes(maxBytes.image)}, videos up to ${formatBytes(maxBytes.video)}, documents up to ${formatBytes(maxBytes.document)}`],
    paymentMethod
      ? [`Refund arrives (${PAYMENT_METHOD_LABELS[paymentMethod]})`, `within ${days(policy.refundArrivalDays[paymentMethod])} of being sent`]
      : ['Refund arrives', joinWords(Object.entries(policy.refundArrivalDays).map(([method, n]) => `${days(n)} by ${PAYMENT_METHOD_LABELS[method as Order['paymentMethod']]}`))],
  ];
  return (
    <dl className="fact-list">
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" fw={500}>
            {label}:
          </Text>
          <Text component="dd" size="sm">
            {value}
          </Text>
        </div>
      ))}
    </dl>
  );
}
