import type { Case } from '../../lib/case-query';

type Status = Case['status'];

export interface CaseFilter {
  value: string;
  label: string;
  statuses: Status[];
  /** Narrows within the statuses: "waiting for your response" is an open case the supplier has not answered. */
  keep?: (c: Case) => boolean;
}

export const SUPPLIER_FILTERS: CaseFilter[] = [
  { value: 'waiting', label: 'Waiting for your response', statuses: ['open'], keep: (c) => c.deadlines.some((d) => d.kind === 'supplier_response') },
  { value: 'negotiating', label: 'Negotiating', statuses: ['negotiating', 'open'], keep: (c) => c.status === 'negotiating' || !c.deadlines.some((d) => d.kind === 'supplier_response') },
  { value: 'escalated', label: 'Escalated', statuses: ['escalated', 'under_review', 'decided', 'appealed'] },
  { value: 'closed', label: 'Closed', statuses: ['resolved', 'withdrawn', 'cancelled'] },
];

export const PARTY_FILTERS: CaseFilter[] = [
  { value: 'active', label: 'In progress', statuses: ['open', 'negotiating', 'escalated', 'under_review', 'decided', 'appealed'] },
  { value: 'closed', label: 'Closed', statuses: ['resolved', 'withdrawn', 'cancelled'] },
];
