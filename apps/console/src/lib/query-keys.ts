/** The cache's keys, in one place, so a change invalidates exactly what it changed. */
export const keys = {
  orders: ['orders'] as const,
  order: (id: string) => ['orders', id] as const,
  cases: ['cases'] as const,
  case: (id: string) => ['cases', id] as const,
  messages: (caseId: string) => ['cases', caseId, 'messages'] as const,
  timeline: (caseId: string) => ['cases', caseId, 'timeline'] as const,
  refund: (caseId: string) => ['cases', caseId, 'refund'] as const,
  evidence: (caseId: string) => ['cases', caseId, 'evidence'] as const,
  queue: ['queue'] as const,
  refunds: (status: string) => ['refunds', status] as const,
  webhooks: ['webhooks'] as const,
  notifications: ['notifications'] as const,
  notificationList: (unreadOnly: boolean) => ['notifications', unreadOnly ? 'unread' : 'all'] as const,
  evidenceLinks: (id: string, derivatives: string) => ['evidence', id, 'links', derivatives] as const,
  supplierMetrics: (id: string) => ['suppliers', id, 'metrics'] as const,
};
