import { Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { caseApi, unwrap } from '../../lib/api';
import { sessionOf, type Session, signIn } from '../../lib/session';
import { QueryState } from '../../components/loading';

/** The people of a development machine (`npm start`): one click signs in as each. Never in production. */
export function DevelopmentIdentities({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const identities = useQuery({
    queryKey: ['development-identities'],
    queryFn: async () => unwrap(await caseApi.GET('/console/development-identities')).data,
    staleTime: 60_000,
  });
  if (!identities.data) return <QueryState error={identities.error} label="Loading development identities" />;

  const pick = (token: string) => {
    const session = sessionOf(token);
    if (!session) return;
    signIn(session);
    onSignedIn(session);
  };

  return (
    <Stack gap="xs">
      <Text size="sm">This is a development machine: sign in as one of its people.</Text>
      <Table verticalSpacing={6} highlightOnHover>
        <Table.Tbody>
          {identities.data.map((identity) => (
            <Table.Tr key={identity.userId}>
              <Table.Td w={140}>
                <Button variant="light" size="compact-md" fullWidth onClick={() => pick(identity.token)} aria-describedby={`identity-${identity.userId}`}>
                  {identity.role}
                </Button>
              </Table.Td>
              <Table.Td id={`identity-${identity.userId}`}>
                <Text size="sm">{identity.label}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {identity.userId}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
