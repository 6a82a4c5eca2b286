import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { caseApi, unwrap } from '../../lib/api';
import type { Case } from '../../lib/case-query';
import type { Problem } from '../../lib/problem';
import { keys } from '../../lib/query-keys';
import { useAction } from '../../lib/use-action';

/** What a refused take means, in words. */
export function takeRefusal(problem: Problem): string {
  if (problem.code === 'conflict_of_interest') return 'You decided this case as its specialist: another reviewer must rule on the appeal.';
  if (problem.code === 'invalid_state') return 'Someone just took it. The queue has been refreshed.';
  return problem.detail;
}

/** Takes a case (POST /v1/cases/:id/assignment) or the next one (POST /v1/queue/next), then opens it. */
export function useTake() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const opened = (taken: Case) => {
    client.setQueryData(keys.case(taken.id), taken);
    void client.invalidateQueries({ queryKey: keys.queue });
    navigate(`/cases/${taken.id}`);
  };
  const take = useAction(
    async (caseId: string, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/assignment', { params: { path: { id: caseId }, header: { 'Idempotency-Key': key } }, body: {} })),
    opened,
  );
  const next = useAction(async (_: null, key: string) => {
    const result = await caseApi.POST('/v1/queue/next', { params: { header: { 'Idempotency-Key': key } }, body: {} });
    if (result.response.status === 204) return null;
    return unwrap(result);
  }, (taken) => taken && opened(taken));
  return { take, next, refreshQueue: () => client.invalidateQueries({ queryKey: keys.queue }) };
}
