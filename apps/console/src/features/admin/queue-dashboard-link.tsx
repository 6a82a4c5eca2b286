import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { caseApi, unwrap } from '../../lib/api';
import { problemOf } from '../../lib/problem';

/** The queue dashboard (bull-board): a one-time login URL, opened in a new tab; no token goes into it. */
export function QueueDashboardLink() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    setError(undefined);
    // Opened before the request, so the browser does not block it as a pop-up.
    const tab = window.open('about:blank', '_blank');
    try {
      const { url } = unwrap(await caseApi.POST('/v1/admin/queue-dashboard/sessions', { body: {} }));
      if (tab) tab.location.href = url;
      else window.location.href = url;
    } catch (e) {
      tab?.close();
      setError(problemOf(e).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Button variant="default" onClick={open} loading={busy}>
        Open the queue dashboard
      </Button>
      {error && (
        <Text role="alert" size="sm" c="red.9" mt={4}>
          {error}
        </Text>
      )}
    </div>
  );
}
