import { Badge, Group, Text } from '@mantine/core';
import type { Case } from '../../lib/case-query';
import { STATUS_LABELS } from '../../lib/labels';

type Status = Case['status'];
const PATH: Status[] = ['open', 'negotiating', 'escalated', 'under_review', 'decided', 'appealed', 'resolved'];

/** The steps a case has taken and the one it is at, the API's status marked for machines (data-testid). */
export function StatusSteps({ theCase }: { theCase: Case }) {
  const ended = theCase.status === 'withdrawn' || theCase.status === 'cancelled';
  const steps = PATH.filter((s) => s !== 'appealed' || theCase.appeals.length > 0 || theCase.status === 'appealed');
  const at = steps.indexOf(theCase.status);
  return (
    <div>
      <Group gap="xs" mb={6}>
        <Text size="sm">Status:</Text>
        <Badge size="lg" variant="filled" color={ended ? 'gray.8' : theCase.status === 'resolved' ? 'teal.9' : 'indigo.8'} styles={{ label: { textTransform: 'none' } }}>
          {STATUS_LABELS[theCase.status]}
        </Badge>
        <Text size="xs" c="dimmed" ff="monospace" data-testid="case-status">
          {theCase.status}
        </Text>
      </Group>
      {!ended && (
        <ol aria-label="Steps of the case" style={{ display: 'flex', flexWrap: 'wrap', gap: 4, listStyle: 'none', padding: 0, margin: 0 }}>
          {steps.map((step, i) => {
            const state = i < at ? 'done' : i === at ? 'current' : 'todo';
            return (
              <li
                key={step}
                aria-current={state === 'current' ? 'step' : undefined}
                style={{
                  padding: '2px 10px',
                  borderRadius: 12,
                  fontSize: 13,
                  border: '1px solid var(--mantine-color-gray-4)',
                  background: state === 'current' ? 'var(--mantine-color-indigo-8)' : state === 'done' ? 'var(--mantine-color-indigo-0)' : 'transparent',
                  color: state === 'current' ? 'white' : state === 'done' ? 'var(--mantine-color-indigo-9)' : 'var(--mantine-color-gray-7)',
                  fontWeight: state === 'current' ? 600 : 400,
                }}
              >
                {state === 'done' && <span className="visually-hidden">Done: </span>}
                {STATUS_LABELS[step]}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
