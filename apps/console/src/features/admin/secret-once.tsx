import { Alert, Button, Code, CopyButton, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A webhook's signing secret, as the API shows it: in this one answer only (on create, and on rotation). Said so,
 * shown whole, with a copy button; `children` says what else the receiver must know (the overlap after a rotation).
 */
export function SecretOnce({ secret, onDone, children }: { secret: string; onDone(): void; children?: ReactNode }) {
  return (
    <Stack>
      <Alert color="orange" variant="light" title="Store the signing secret now">
        It is shown only this once. Deliveries carry {'X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with this secret>'}.
        {children && <div style={{ marginTop: 6 }}>{children}</div>}
      </Alert>
      <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {secret}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
