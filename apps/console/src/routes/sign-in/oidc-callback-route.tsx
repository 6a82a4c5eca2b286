import { Container } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryState } from '../../components/loading';
import { acceptToken } from '../../features/auth/accept-token';
import { oidcManager } from '../../features/auth/oidc';
import { homeOf } from '../../lib/session';

/** Where the identity provider sends the browser back: exchange the code, keep the access token, go on. */
export function OidcCallbackRoute() {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const manager = oidcManager();
    if (!manager) return setError('This console does not sign in through an identity provider.');
    manager
      .signinRedirectCallback()
      .then(async (user) => {
        const result = await acceptToken(user.access_token);
        if ('error' in result) return setError(result.error);
        const next = (user.state as { next?: string } | undefined)?.next;
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(result.session.role), { replace: true });
      })
      .catch((e: Error) => setError(e.message));
  }, [navigate]);
  return (
    <main id="main">
      <Container size={560} py="xl">
        {error ? (
          <ProblemAlert problem={{ type: 'about:blank', title: 'Sign-in failed', status: 0, code: 'unauthenticated', detail: error }} />
        ) : (
          <QueryState label="Signing in" />
        )}
      </Container>
    </main>
  );
}
