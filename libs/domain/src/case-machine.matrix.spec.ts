import { ACTORS, DECISION, caseIn, day, usd } from './case-fixtures';
import { transition } from './case-machine';
import { CASE_STATUSES, CaseAction, CaseSnapshot, CaseStatus, DEADLINE_KINDS, Transition } from './case-types';
import { DomainError, DomainErrorCode } from './errors';

// Every (situation × action × actor) through `transition`: it must either move
// the case along the lifecycle of DOMAIN.md or refuse with a DomainError whose
// code the HTTP contract allows. And exactly the listed combinations succeed.

const LEGAL_NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['open', 'negotiating', 'escalated', 'resolved', 'withdrawn'],
  negotiating: ['negotiating', 'escalated', 'resolved', 'withdrawn'],
  escalated: ['escalated', 'under_review', 'withdrawn'],
  under_review: ['under_review', 'decided', 'cancelled', 'withdrawn'],
  decided: ['appealed', 'resolved'],
  appealed: ['appealed', 'resolved'],
  resolved: [],
  withdrawn: [],
  cancelled: [],
};

const ALLOWED_CODES: readonly DomainErrorCode[] = [
  'invalid_state',
  'forbidden',
  'too_early',
  'deadline_passed',
  'already_appealed',
  'conflict_of_interest',
  'amount_exceeds_order',
  'currency_mismatch',
  'validation_failed',
];

const RATIONALE = 'Weighed both sides and the inspection report.';
const ACTIONS: Record<string, CaseAction> = {
  edit_claim: { type: 'edit_claim', claim: usd(7000) },
  make_offer: { type: 'make_offer', amount: usd(6000), note: 'half now' },
  make_offer_in_eur: { type: 'make_offer', amount: { amount: 6000, currency: 'EUR' } },
  accept_offer: { type: 'accept_offer' },
  submit_rebuttal: { type: 'submit_rebuttal', statement: 'The goods left our warehouse intact.' },
  escalate: { type: 'escalate', reason: 'No agreement in sight' },
  withdraw: { type: 'withdraw' },
  claim_case: { type: 'claim_case' },
  decide_partial: { type: 'decide', outcome: 'refund_partial', refund: usd(3000), rationale: RATIONALE },
  decide_partial_above_claim: { type: 'decide', outcome: 'refund_partial', refund: usd(9000), rationale: RATIONALE },
  decide_none: { type: 'decide', outcome: 'no_refund', rationale: RATIONALE },
  appeal: { type: 'appeal', reason: 'New inspection report attached.' },
  decide_appeal_upheld: { type: 'decide_appeal', ruling: 'upheld', rationale: RATIONALE },
  decide_appeal_modified: { type: 'decide_appeal', ruling: 'modified', refund: usd(2000), rationale: RATIONALE },
  request_evidence: { type: 'request_evidence', from: 'buyer', note: 'The inspection report, please.', dueIn: 'P1D' },
  request_evidence_from_both: { type: 'request_evidence', from: 'both', note: 'Photos of every pallet, please.' },
  request_evidence_due_in_a_month: { type: 'request_evidence', from: 'supplier', note: 'The packing list.', dueIn: 'P1M' },
  ...Object.fromEntries(DEADLINE_KINDS.map((kind) => [`missed_${kind}`, { type: 'deadline_missed', kind }])),
};

const MATRIX_ACTORS = { ...ACTORS, system: null };

interface Situation {
  snapshot: CaseSnapshot;
  now: Date;
  /** "action:actor" pairs that must succeed; every other pair must be refused. */
  succeeds: string[];
}

const SITUATIONS: Record<string, Situation> = {
  'open, day 4': {
    snapshot: caseIn('open'),
    now: day(4),
    succeeds: [
      'edit_claim:buyer',
      'make_offer:supplier',
      'accept_offer:supplier',
      'submit_rebuttal:supplier',
      'escalate:buyer',
      'escalate:supplier',
      'withdraw:buyer',
      'missed_supplier_response:system',
      'missed_escalation_allowed:system',
    ],
  },
  'negotiating on a supplier offer, day 8': {
    snapshot: caseIn('negotiating'),
    now: day(8),
    succeeds: [
      'edit_claim:buyer',
      'make_offer:buyer',
      'accept_offer:buyer',
      'submit_rebuttal:supplier',
      'escalate:buyer',
      'escalate:supplier',
      'withdraw:buyer',
      'missed_escalation_allowed:system',
      'missed_auto_escalation:system',
    ],
  },
  'escalated, day 7': {
    snapshot: caseIn('escalated'),
    now: day(7),
    succeeds: ['withdraw:buyer', 'claim_case:specialist', 'claim_case:otherSpecialist', 'missed_pickup:system'],
  },
  'under_review, evidence window over': {
    snapshot: caseIn('under_review'),
    now: day(9),
    succeeds: [
      'withdraw:buyer',
      'decide_partial:specialist',
      'decide_none:specialist',
      'missed_evidence:system',
      'request_evidence:specialist',
      'request_evidence_from_both:specialist',
    ],
  },
  'under_review, decision overdue': {
    snapshot: caseIn('under_review', { openDeadlines: [{ kind: 'decision', party: 'specialist', dueAt: day(10) }] }),
    now: day(11),
    succeeds: [
      'withdraw:buyer',
      'decide_partial:specialist',
      'decide_none:specialist',
      'missed_decision:system',
      'request_evidence:specialist',
      'request_evidence_from_both:specialist',
    ],
  },
  'under_review, evidence requested from the buyer, due': {
    snapshot: caseIn('under_review', {
      openDeadlines: [
        { kind: 'evidence_request', party: 'buyer', dueAt: day(9) },
        { kind: 'decision', party: 'specialist', dueAt: day(11) },
      ],
    }),
    now: day(10),
    succeeds: [
      'withdraw:buyer',
      'decide_partial:specialist',
      'decide_none:specialist',
      'missed_evidence_request:system',
      'request_evidence:specialist',
      'request_evidence_from_both:specialist',
    ],
  },
  'decided, within the appeal window': {
    snapshot: caseIn('decided'),
    now: day(12),
    succeeds: ['appeal:buyer', 'appeal:supplier'],
  },
  'decided, appeal window over': {
    snapshot: caseIn('decided'),
    now: day(19),
    succeeds: ['missed_appeal:system'],
  },
  'appealed by the buyer, unclaimed': {
    snapshot: caseIn('appealed'),
    now: day(12),
    succeeds: ['appeal:supplier', 'claim_case:reviewer', 'claim_case:otherReviewer'],
  },
  "appealed by the buyer, unclaimed, the supplier's window over": {
    snapshot: caseIn('appealed'),
    now: day(19.5),
    succeeds: ['claim_case:reviewer', 'claim_case:otherReviewer', 'missed_appeal:system'],
  },
  'appealed, claimed by a reviewer': {
    snapshot: caseIn('appealed', { reviewerId: ACTORS.reviewer.id, openDeadlines: [] }),
    now: day(12),
    succeeds: ['decide_appeal_upheld:reviewer', 'decide_appeal_modified:reviewer', 'request_evidence:reviewer', 'request_evidence_from_both:reviewer'],
  },
  'appealed, claimed, evidence requested from both, due': {
    snapshot: caseIn('appealed', {
      reviewerId: ACTORS.reviewer.id,
      openDeadlines: [
        { kind: 'evidence_request', party: 'buyer', dueAt: day(13) },
        { kind: 'evidence_request', party: 'supplier', dueAt: day(13) },
      ],
    }),
    now: day(14),
    succeeds: [
      'decide_appeal_upheld:reviewer',
      'decide_appeal_modified:reviewer',
      'request_evidence:reviewer',
      'request_evidence_from_both:reviewer',
      'missed_evidence_request:system',
    ],
  },
  resolved: { snapshot: caseIn('resolved', { decision: DECISION }), now: day(20), succeeds: [] },
  withdrawn: { snapshot: caseIn('withdrawn'), now: day(5), succeeds: [] },
  cancelled: { snapshot: caseIn('cancelled'), now: day(9), succeeds: [] },
};

type Result = { ok: true; transition: Transition } | { ok: false; error: unknown };

function attempt(situation: Situation, action: CaseAction, actor: (typeof MATRIX_ACTORS)[keyof typeof MATRIX_ACTORS]): Result {
  try {
    return { ok: true, transition: transition(situation.snapshot, action, actor, situation.now) };
  } catch (error) {
    return { ok: false, error };
  }
}

describe('case transition matrix', () => {
  it('covers every status', () => {
    const covered = new Set(Object.values(SITUATIONS).map((situation) => situation.snapshot.status));
    expect([...covered].sort()).toEqual([...CASE_STATUSES].sort());
  });

  describe.each(Object.entries(SITUATIONS))('%s', (_name, situation) => {
    const from = situation.snapshot.status;
    const succeeded: string[] = [];

    describe.each(Object.entries(ACTIONS))('%s', (actionName, action) => {
      it.each(Object.keys(MATRIX_ACTORS))('by %s', (actorName) => {
        const actor = MATRIX_ACTORS[actorName as keyof typeof MATRIX_ACTORS];
        const result = attempt(situation, action, actor);
        if (result.ok) {
          succeeded.push(`${actionName}:${actorName}`);
          expect(LEGAL_NEXT[from]).toContain(result.transition.status);
          const open = situation.snapshot.openDeadlines.map(({ kind, party }) => ({ kind, party }));
          for (const stopped of result.transition.stopDeadlines) expect(open).toContainEqual(stopped);
          return;
        }
        expect(result.error).toBeInstanceOf(DomainError);
        const { code } = result.error as DomainError;
        expect(ALLOWED_CODES).toContain(code);
        // Roles that never act on cases, and the system outside deadlines, are refused as such.
        if (actorName === 'platform' || actorName === 'admin') expect(code).toBe('forbidden');
        if (actorName === 'system' && action.type !== 'deadline_missed') expect(code).toBe('forbidden');
        if (actorName !== 'system' && action.type === 'deadline_missed') expect(code).toBe('forbidden');
      });
    });

    it('lets exactly the listed combinations through', () => {
      expect(succeeded.sort()).toEqual([...situation.succeeds].sort());
    });
  });
});
