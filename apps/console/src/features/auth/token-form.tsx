import { Button, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Session } from '../../lib/session';
import { acceptToken } from './accept-token';

/** Sign-in with a pasted bearer token: works everywhere, whatever issued the token. */
export function TokenForm({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await acceptToken(token);
    setBusy(false);
    if ('error' in result) setError(result.error);
    else onSignedIn(result.session);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          label="Access token"
          description="A bearer token from your organisation or from npm run token"
          value={token}
          onChange={(event) => {
            setToken(event.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          autosize
          minRows={2}
          maxRows={6}
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 12 } }}
        />
        <Button type="submit" loading={busy} disabled={!token.trim()} style={{ alignSelf: 'flex-start' }}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
