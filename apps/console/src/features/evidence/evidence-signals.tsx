import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import { caseApi, unwrap } from '../../lib/api';
import { shortId } from '../../lib/labels';
import { keys } from '../../lib/query-keys';
import type { Evidence } from './use-evidence';

const cases = (n: number) => `${n} other ${n === 1 ? 'case' : 'cases'}`;

/**
 * The fraud signals staff see: the same file in another buyer's case (`alsoSeenInCases`), and a similar picture or
 * video frame (`similarInCases`), each naming the cases, as links where the viewer may open them.
 */
export function FraudSignals({ item }: { item: Evidence }) {
  const same = item.alsoSeenInCases ?? [];
  const similar = (item.similarInCases ?? []).filter((id) => !same.includes(id));
  if (!same.length && !similar.length) return null;
  return (
    <>
      {same.length > 0 && <Signal label={`Same file in ${cases(same.length)}`} variant="filled" ids={same} title="The same bytes are in another buyer's case" />}
      {similar.length > 0 && <Signal label={`Similar to ${cases(similar.length)}`} variant="light" ids={similar} title="A picture or video frame like this one is in another buyer's case" />}
    </>
  );
}

/** A signal's badge: the same bytes in red, a likeness in a lighter warning colour. */
function Signal({ label, variant, ids, title }: { label: string; variant: 'filled' | 'light'; ids: string[]; title: string }) {
  return (
    <Group gap={4} wrap="wrap">
      <Badge size="sm" variant={variant} color={variant === 'filled' ? 'red.9' : 'orange'} title={title}>
        {label}
      </Badge>
      <CaseRefs ids={ids} />
    </Group>
  );
}

/** Case ids as links to the cases the viewer may open (asked once each), as plain ids for the others. */
function CaseRefs({ ids }: { ids: string[] }) {
  const visible = useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.case(id),
      queryFn: async () => unwrap(await caseApi.GET('/v1/cases/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
  return (
    <Text size="xs" span>
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 && ', '}
          {visible[i].data ? (
            <Anchor component={Link} to={`/cases/${id}`} size="xs" ff="monospace">
              case {shortId(id)}
            </Anchor>
          ) : (
            <span style={{ fontFamily: 'monospace' }} title={visible[i].isError ? 'Not a case you may open' : undefined}>
              case {shortId(id)}
            </span>
          )}
        </Fragment>
      ))}
    </Text>
  );
}

/**
 * What the original's metadata said (its uploader and staff only): when it was taken, with what, whether it had a
 * location. `compact` (a gallery tile) leaves out a file that said nothing.
 */
export function MetadataSummary({ item, compact = false }: { item: Evidence; compact?: boolean }) {
  const metadata = item.metadata;
  if (metadata === undefined || (compact && !metadata)) return null;
  if (metadata === null) return <Text size="xs" c="dimmed">Not read yet.</Text>;
  const { capturedAt, device, hadLocation } = metadata;
  if (!capturedAt && !device && !hadLocation) return compact ? null : <Text size="xs">The file names no capture time, device or location.</Text>;
  return (
    <Text size="xs" component="p" m={0}>
      {capturedAt ? (
        <>
          Taken <DateTime iso={capturedAt} />
        </>
      ) : (
        'No capture time'
      )}
      {' · '}
      {device ?? 'no device named'}
      {' · '}
      {hadLocation ? <strong>had a location</strong> : 'no location'}
    </Text>
  );
}
