// Setting up a journey's starting state through the API, as the marketplace and the other people would;
// the step under test then goes through the console.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Case as CaseView } from '../../../../libs/api-client/src/case-api';
import type { Evidence as EvidenceView } from '../../../../libs/api-client/src/evidence-service';
import { call, deliveredOrder, recordOrder, signedToken } from '../../../../scripts/marketplace';
import { consoleTestEnv, STACK_JWT_SECRET } from './stack-env';

export const stack = consoleTestEnv();

export interface Person {
  role: string;
  id: string;
  token: string;
}

export function person(role: string, id: string = randomUUID(), ttlSeconds?: number): Person {
  return { role, id, token: signedToken(STACK_JWT_SECRET, role, id, ttlSeconds) };
}

export type Case = CaseView;
export type Evidence = EvidenceView;

export const api = <T = Record<string, unknown>>(who: Person, method: string, path: string, body?: unknown) => call<T>(stack.consoleUrl, who.token, method, path, body);

const platform = person('platform');

export interface Dispute {
  buyer: Person;
  supplier: Person;
  orderId: string;
  externalRef: string;
  caseId: string;
}

/** A delivered order of 1,250.00 USD between two new people, and, unless `open` is false, a damage claim of 400.00 on it. */
export async function dispute(options: { claim?: number; open?: boolean; buyer?: Person; supplier?: Person } = {}): Promise<Dispute> {
  const buyer = options.buyer ?? person('buyer');
  const supplier = options.supplier ?? person('supplier');
  const externalRef = `PO-${randomUUID().slice(0, 6).toUpperCase()}`;
  const orderId = await recordOrder({ url: stack.consoleUrl, token: platform.token }, deliveredOrder(buyer.id, supplier.id, { externalRef }));
  if (options.open === false) return { buyer, supplier, orderId, externalRef, caseId: '' };
  const opened = await api<{ id: string }>(buyer, 'POST', '/v1/cases', {
    orderId,
    reason: 'damaged',
    claim: { amount: options.claim ?? 40_000, currency: 'USD' },
    description: 'Twelve of the twenty boxes arrived crushed, bolts spilled and bent.',
  });
  return { buyer, supplier, orderId, externalRef, caseId: opened.id };
}

/** Evidence uploaded through the evidence service's direct upload (a file up to 25 MiB). */
export async function uploadDirect(who: Person, caseId: string, path: string, type: string): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)], { type }), basename(path));
  const res = await fetch(`${stack.evidenceUrl}/v1/cases/${caseId}/evidence/direct`, { method: 'POST', headers: { Authorization: `Bearer ${who.token}` }, body: form });
  if (res.status !== 201) throw new Error(`direct upload answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** An evidence item as this person is shown it by the evidence service. */
export const evidenceAs = (who: Person, id: string) => call<Evidence>(stack.evidenceUrl, who.token, 'GET', `/v1/evidence/${id}`);

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Escalates a case once its escalation time has come (the stack's policy: 3 seconds). */
export async function escalate(c: Dispute): Promise<void> {
  await waitUntil('escalation to be allowed', async () => {
    try {
      await api(c.buyer, 'POST', `/v1/cases/${c.caseId}/escalate`, { reason: 'We cannot agree on the damage.' });
      return true;
    } catch (error) {
      if (String(error).includes('too_early')) return false;
      throw error;
    }
  });
}

/** Takes every unassigned case of the specialists' queue, so the next "Take next case" gets the journey's own. */
export async function drainSpecialistQueue(): Promise<void> {
  const someone = person('specialist');
  for (;;) {
    const res = await fetch(`${stack.consoleUrl}/v1/queue/next`, { method: 'POST', headers: { Authorization: `Bearer ${someone.token}`, 'Content-Type': 'application/json' }, body: '{}' });
    if (res.status === 204) return;
    if (!res.ok) throw new Error(`queue/next answered ${res.status}`);
  }
}
