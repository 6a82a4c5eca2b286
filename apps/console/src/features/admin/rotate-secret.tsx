import type { CaseApi } from '@app/api-client';
import { Button, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DateTime } from '../../components/date-time';
import { ProblemAlert } from '../../components/problem-alert';
import { caseApi, unwrap } from '../../lib/api';
import { problemOf } from '../../lib/problem';
import { useAction } from '../../lib/use-action';
import { SecretOnce } from './secret-once';

type Webhook = CaseApi.Webhook;
type Rotated = CaseApi.RotatedWebhookSecret;

/**
 * "Rotate secret": confirmed first (what the receiver will get for the next 24 hours), then the new secret, shown
 * once as on create.
 */
export function RotateSecret({ hook }: { hook: Webhook }) {
  const [confirming, { open, close }] = useDisclosure(false);
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const rotate = useAction(
    async (_: null, key: string) => unwrap(await caseApi.POST('/v1/webhooks/{id}/rotate-secret', { params: { path: { id: hook.id }, header: { 'Idempotency-Key': key } }, body: {} })),
    (answer) => {
      close();
      setRotated(answer);
    },
  );
  const start = () => {
    rotate.reset();
    open();
  };
  return (
    <>
      <Button size="xs" variant="default" onClick={start}>
        Rotate secret
      </Button>
      <ConfirmDialog opened={confirming} onClose={close} title="Rotate the signing secret?" confirmLabel="Replace the secret" loading={rotate.isPending} onConfirm={() => rotate.mutate(null)}>
        <Text size="sm">
          A new secret replaces the current one for {hook.url}. For the next 24 hours every delivery carries two signatures, one made with the current secret and one with the new
          (X-Signature: t=…,v1=&lt;current&gt;,v1=&lt;new&gt;), so the receiver keeps verifying while it switches. After that, only the new secret signs.
        </Text>
        <ProblemAlert problem={rotate.error ? problemOf(rotate.error) : null} title="The secret was not rotated" />
      </ConfirmDialog>
      <Modal opened={!!rotated} onClose={() => setRotated(null)} title="New signing secret" centered size="lg">
        {rotated && (
          <SecretOnce secret={rotated.secret} onDone={() => setRotated(null)}>
            Until <DateTime iso={rotated.previousSecretExpiresAt} />, deliveries are signed with the previous secret too.
          </SecretOnce>
        )}
      </Modal>
    </>
  );
}
