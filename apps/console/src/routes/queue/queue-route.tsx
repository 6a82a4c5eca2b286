import { Text } from '@mantine/core';
import { Page } from '../../components/page';
import { QueueList } from '../../features/queue/queue-list';
import { useSession } from '../../lib/session';

/** `/console/queue`: escalated cases for specialists, appeals for reviewers; each sees its own queue. */
export function QueueRoute() {
  const session = useSession()!;
  const reviewer = session.role === 'reviewer';
  return (
    <Page title={reviewer ? 'Appeal queue' : 'Queue'}>
      <Text size="sm">{reviewer ? 'Appealed cases waiting for a reviewer, and those you have taken. Overdue first.' : 'Escalated cases waiting for a specialist, and those you have taken. Overdue first.'}</Text>
      <QueueList myId={session.userId} />
    </Page>
  );
}
