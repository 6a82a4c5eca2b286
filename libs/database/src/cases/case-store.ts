import {
  CaseEventDraft,
  CaseSnapshot,
  DeadlineRef,
  DeadlineSpec,
  plannedReminders,
  Policy,
  resolutionTransactions,
  Transition,
} from '@app/domain';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { CaseDeadlineEntity, CaseEntity, CaseEventEntity } from '../entities';
import { LedgerRepository } from '../ledger.repository';
import { OrderRepository } from '../order.repository';
import { toSnapshot } from './case-snapshot';
import type { NewCaseRow } from './new-case-row';

export interface EventActor {
  id: string;
  role: string;
}

/** What a committed change leaves for the producers to schedule once the transaction is over. */
export interface CaseWrite {
  caseRow: CaseEntity;
  events: CaseEventEntity[];
  startedDeadlines: Array<DeadlineSpec & { caseId: string }>;
  refundId: string | null;
}

/**
 * Writes case changes. Every write runs inside the caller's transaction and changes the case, its timeline,
 * the outbox, its deadlines and (on resolution) the ledger and the refund together, or not at all.
 */
export class CaseStore {
  static find(manager: EntityManager, id: string): Promise<CaseEntity | null> {
    return manager.findOneBy(CaseEntity, { id });
  }

  static async snapshot(manager: EntityManager, c: CaseEntity): Promise<CaseSnapshot> {
    const [deadlines, evidence] = await Promise.all([
      CaseStore.openDeadlines(manager, c.id),
      manager.query(`SELECT 1 FROM evidence WHERE case_id = $1 AND party = 'buyer' AND status IN ('verifying', 'available') LIMIT 1`, [c.id]),
    ]);
    return toSnapshot(c, deadlines, (evidence as unknown[]).length > 0);
  }

  /** The policy a case runs under (DOMAIN.md "Policy": stored on the case when it was opened). */
  static async policyOf(manager: EntityManager, caseId: string): Promise<Policy> {
    const [row]: Array<{ policy: Policy }> = await manager.query(`SELECT policy FROM cases WHERE id = $1`, [caseId]);
    if (!row) throw new Error(`no case ${caseId}`);
    return row.policy;
  }

  static openDeadlines(manager: EntityManager, caseId: string): Promise<CaseDeadlineEntity[]> {
    return manager.find(CaseDeadlineEntity, { where: { caseId, doneAt: IsNull() }, order: { dueAt: 'ASC', kind: 'ASC', party: 'ASC' } });
  }

  /** The open deadlines of several cases (a page of a list), by case. */
  static async openDeadlinesOf(manager: EntityManager, caseIds: string[]): Promise<Map<string, CaseDeadlineEntity[]>> {
    const byCase = new Map<string, CaseDeadlineEntity[]>();
    if (!caseIds.length) return byCase;
    const rows = await manager.find(CaseDeadlineEntity, { where: { caseId: In(caseIds), doneAt: IsNull() }, order: { dueAt: 'ASC', kind: 'ASC', party: 'ASC' } });
    for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    return byCase;
  }

  /** A new case with its opening deadlines and `case.opened`. The partial unique index refuses a second open case. */
  static async insert(
    manager: EntityManager,
    row: NewCaseRow,
    opened: { startDeadlines: DeadlineSpec[]; events: CaseEventDraft[] },
    actor: EventActor,
    now: Date,
  ): Promise<CaseWrite> {
    await manager.insert(CaseEntity, { ...row, version: 1, createdAt: now, updatedAt: now });
    const startedDeadlines = await CaseStore.startDeadlines(manager, row.id, row.policy, opened.startDeadlines, now);
    const events = await CaseStore.appendEvents(manager, row.id, opened.events, actor, now);
    const caseRow = await manager.findOneByOrFail(CaseEntity, { id: row.id });
    return { caseRow, events, startedDeadlines, refundId: null };
  }

  /**
   * Applies a transition the state machine accepted for `current`. Compare-and-set on status and version:
   * when another writer got there first nothing is written and null is returned.
   */
  static async apply(
    manager: EntityManager,
    current: CaseEntity,
    t: Transition,
    actor: EventActor | null,
    now: Date,
  ): Promise<CaseWrite | null> {
    const ch = t.changes;
    const supplierAnswered = actor?.role === 'supplier' && t.stopDeadlines.some((stopped) => stopped.kind === 'supplier_response');
    const set: Record<string, unknown> = {
      status: t.status,
      version: () => 'version + 1',
      updatedAt: now,
      ...(ch.claim && { claimAmount: ch.claim.amount }),
      ...(ch.description !== undefined && { description: ch.description }),
      ...(ch.latestOffer && { latestOffer: { ...ch.latestOffer, at: ch.latestOffer.at.toISOString() } }),
      ...(ch.rebuttal !== undefined && { rebuttal: ch.rebuttal }),
      ...(ch.specialistId !== undefined && { specialistId: ch.specialistId }),
      ...(ch.reviewerId !== undefined && { reviewerId: ch.reviewerId }),
      ...(ch.decision && { decision: { ...ch.decision, decidedAt: ch.decision.decidedAt.toISOString() } }),
      ...(ch.appeals && { appeals: ch.appeals.map((a) => ({ ...a, at: a.at.toISOString() })) }),
      ...(ch.appealDecision && { appealDecision: { ...ch.appealDecision, decidedAt: ch.appealDecision.decidedAt.toISOString() } }),
      ...(ch.outcome && { outcomeKind: ch.outcome.kind, refundAmount: ch.outcome.refund.amount }),
      ...(ch.overdue !== undefined && { overdue: ch.overdue }),
      ...(ch.escalatedAt && { escalatedAt: ch.escalatedAt }),
      ...(ch.resolvedAt && { resolvedAt: ch.resolvedAt }),
      ...(ch.closedAt && { closedAt: ch.closedAt }),
      ...(supplierAnswered && current.firstResponseAt === null && { firstResponseAt: now }),
    };
    const result = await manager
      .createQueryBuilder()
      .update(CaseEntity)
      .set(set)
      .where('id = :id AND status = :status AND version = :version', { id: current.id, status: current.status, version: current.version })
      .execute();
    if (result.affected !== 1) return null;

    await CaseStore.stopDeadlines(manager, current.id, t.stopDeadlines, now);
    const startedDeadlines = await CaseStore.startDeadlines(manager, current.id, current.policy, t.startDeadlines, now);
    const events = await CaseStore.appendEvents(manager, current.id, t.events, actor, now);
    // The row as the UPDATE left it, without reading it back.
    const caseRow = { ...current, ...set, version: current.version + 1 } as CaseEntity;
    let refundId: string | null = null;
    if (t.status === 'resolved') {
      const settled = await CaseStore.settle(manager, caseRow, now);
      refundId = settled.refundId;
      events.push(...settled.events);
    } else if (t.status === 'withdrawn' || t.status === 'cancelled') {
      // Closed without a decision: the escrow goes back to the order's normal path.
      const order = await OrderRepository.lock(manager, caseRow.orderId);
      if (order) await OrderRepository.releaseEscrowIfDue(manager, order);
    }
    return { caseRow, events, startedDeadlines, refundId };
  }

  /** Appends to the timeline and, with the same id, to the outbox. */
  static appendEvents(
    manager: EntityManager,
    caseId: string,
    drafts: CaseEventDraft[],
    actor: EventActor | null,
    now: Date,
  ): Promise<CaseEventEntity[]> {
    return CaseStore.appendEventsOfCases(manager, drafts.map((draft) => ({ caseId, draft })), actor, now);
  }

  /** As appendEvents, for events of several cases at once (a sweep's batch): two statements whatever their number. */
  static async appendEventsOfCases(
    manager: EntityManager,
    drafts: Array<{ caseId: string; draft: CaseEventDraft }>,
    actor: EventActor | null,
    now: Date,
  ): Promise<CaseEventEntity[]> {
    if (!drafts.length) return [];
    const ids = drafts.map(() => randomUUID());
    const rows: Array<{ id: string; seq: string }> = await manager.query(
      `INSERT INTO case_events (id, case_id, type, actor_id, actor_role, data, at)
       SELECT id, case_id, type, $4, $5, data, $6 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $7::jsonb[]) WITH ORDINALITY
         AS e (id, case_id, type, data, n) ORDER BY n
       RETURNING id, seq`,
      [ids, drafts.map((d) => d.caseId), drafts.map((d) => d.draft.type), actor?.id ?? null, actor?.role ?? null, now, drafts.map((d) => JSON.stringify(d.draft.data))],
    );
    const seqOf = new Map(rows.map((row) => [row.id, Number(row.seq)]));
    const events: CaseEventEntity[] = drafts.map(({ caseId, draft }, i) => ({
      id: ids[i],
      caseId,
      seq: seqOf.get(ids[i])!,
      type: draft.type,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      data: draft.data,
      at: now,
    }));
    await manager.query(
      `INSERT INTO outbox (id, event_type, case_id, payload, created_at)
       SELECT id, event_type, case_id, payload, $5 FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[]) WITH ORDINALITY
         AS o (id, event_type, case_id, payload, n) ORDER BY n`,
      [events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e.caseId), events.map((e) => JSON.stringify(eventPayload(e))), now],
    );
    return events;
  }

  private static async stopDeadlines(manager: EntityManager, caseId: string, stopped: DeadlineRef[], now: Date): Promise<void> {
    if (!stopped.length) return;
    await manager.query(
      `UPDATE case_deadlines SET done_at = $2
       WHERE case_id = $1 AND done_at IS NULL AND (kind, party) IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
      [caseId, now, stopped.map((d) => d.kind), stopped.map((d) => d.party)],
    );
  }

  /** Each new deadline with the reminders its case's lead times plan for it (DOMAIN.md "Reminders"). */
  private static async startDeadlines(
    manager: EntityManager,
    caseId: string,
    policy: Pick<Policy, 'reminderLeadTimes'>,
    deadlines: DeadlineSpec[],
    now: Date,
  ): Promise<Array<DeadlineSpec & { caseId: string }>> {
    for (const d of deadlines) {
      const id = randomUUID();
      await manager.insert(CaseDeadlineEntity, { id, caseId, kind: d.kind, party: d.party, dueAt: d.dueAt, createdAt: now });
      const reminders = plannedReminders(d, policy.reminderLeadTimes, now);
      if (reminders.length) {
        await manager.query(
          `INSERT INTO reminders (deadline_id, case_id, lead_time, send_at, created_at)
           SELECT $1, $2, lead_time, send_at, $3 FROM unnest($4::text[], $5::timestamptz[]) r (lead_time, send_at)`,
          [id, caseId, now, reminders.map((r) => r.leadTime), reminders.map((r) => r.sendAt)],
        );
      }
    }
    return deadlines.map((d) => ({ ...d, caseId }));
  }

  /**
   * The money side of a resolution (DOMAIN.md "Money: the ledger"): the refund out of escrow, or recovered
   * from the supplier when the escrow was already released, the rest released (less the order's service fee);
   * and the one refund record.
   */
  private static async settle(manager: EntityManager, c: CaseEntity, now: Date): Promise<{ refundId: string | null; events: CaseEventEntity[] }> {
    const order = await OrderRepository.lock(manager, c.orderId);
    if (!order) throw new Error(`case ${c.id} has no order ${c.orderId}`);
    const refund = c.refundAmount ?? 0;
    const escrowHeld = await LedgerRepository.escrowHeld(manager, order.id);
    for (const tx of resolutionTransactions({
      orderId: order.id,
      supplierId: order.supplierId,
      caseId: c.id,
      currency: c.currency,
      escrowHeld,
      refund,
      serviceFeeBps: order.serviceFeeBps,
    })) {
      await LedgerRepository.post(manager, { uniqueKey: `${tx.kind}:case:${c.id}`, orderId: order.id, caseId: c.id }, tx);
    }
    if (refund <= 0) return { refundId: null, events: [] };
    const refundId = randomUUID();
    await manager.query(
      `INSERT INTO refunds (id, case_id, order_id, amount, currency, payment_method, status, idempotency_key, created_at, updated_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $8, $8)`,
      [refundId, c.id, order.id, refund, c.currency, order.paymentMethod, refundIdempotencyKey(c), now],
    );
    const events = await CaseStore.appendEvents(
      manager,
      c.id,
      [{ type: 'refund.created', data: { refundId, amount: { amount: refund, currency: c.currency }, paymentMethod: order.paymentMethod } }],
      null,
      now,
    );
    return { refundId, events };
  }
}

/** Derived from the case and its final decision, never from a job or request, so a retry can never pay twice. */
export function refundIdempotencyKey(c: Pick<CaseEntity, 'id' | 'outcomeKind' | 'refundAmount' | 'currency'>): string {
  return `arbiter-refund:${c.id}:${c.outcomeKind}:${c.refundAmount}${c.currency}`;
}

/**
 * The key of a later attempt, after a definite failure: derived from the case and the attempt number, so a gateway
 * that remembers the failed key (and would answer with the old failure) sees a new request, and a repeated try of
 * this attempt still pays once.
 */
export function refundAttemptKey(caseId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 2) throw new Error(`a later attempt is numbered from 2, got ${attempt}`);
  return `arbiter-refund:${caseId}:attempt:${attempt}`;
}

/** The Event of API.md, as the timeline shows it and webhooks deliver it. */
export function eventPayload(e: CaseEventEntity): Record<string, unknown> {
  return {
    id: e.id,
    caseId: e.caseId,
    type: e.type,
    actor: e.actorId ? { id: e.actorId, role: e.actorRole } : null,
    at: e.at.toISOString(),
    data: e.data,
  };
}

