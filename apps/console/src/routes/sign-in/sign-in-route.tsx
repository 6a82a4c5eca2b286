import { Alert, Container, Divider, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { DevelopmentIdentities } from '../../features/auth/development-identities';
import { OidcSignIn } from '../../features/auth/oidc-sign-in';
import { TokenForm } from '../../features/auth/token-form';
import { consoleConfig } from '../../lib/config';
import { homeOf, type Session, sessionEndReason } from '../../lib/session';

/** `/console/sign-in`: the identity provider (production), development identities (npm start), or a pasted token. */
export function SignInRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const config = consoleConfig();
  const expired = sessionEndReason() === 'expired';
  useEffect(() => {
    document.title = 'Sign in · Arbiter';
  }, []);
  const done = (session: Session) => navigate(next ?? homeOf(session.role), { replace: true });

  return (
    <main id="main">
      <Container size={560} py="xl" px="xs">
        <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
          <Stack>
            <Title order={1} size="h2">
              Sign in to Arbiter
            </Title>
            {expired && (
              <Alert color="orange" variant="light" title="Your session has ended">
                Sign in again to go on where you were.
              </Alert>
            )}
            {config.oidc && <OidcSignIn next={next ?? '/'} />}
            {config.developmentIdentities && <DevelopmentIdentities onSignedIn={done} />}
            {(config.oidc || config.developmentIdentities) && <Divider label="or paste an access token" labelPosition="center" />}
            <TokenForm onSignedIn={done} />
          </Stack>
        </Paper>
      </Container>
    </main>
  );
}

/** Only a path of this console: never another site (an open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : null;
}
