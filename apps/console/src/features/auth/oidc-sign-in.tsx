import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { consoleConfig } from '../../lib/config';
import { signInWithProvider } from './oidc';

/** Production sign-in: through the organisation's identity provider. */
export function OidcSignIn({ next }: { next: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const host = new URL(consoleConfig().oidc!.authority).host;
  return (
    <Stack gap="xs">
      <Button
        loading={busy}
        onClick={() => {
          setBusy(true);
          signInWithProvider(next).catch((e: Error) => {
            setBusy(false);
            setError(`The identity provider could not be reached: ${e.message}`);
          });
        }}
      >
        Sign in with {host}
      </Button>
      {error && (
        <Text role="alert" c="red.9" size="sm">
          {error}
        </Text>
      )}
    </Stack>
  );
}
