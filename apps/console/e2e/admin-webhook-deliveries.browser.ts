import { expect, test } from '@playwright/test';
import { api, dispute, person } from './support/api';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';
import { expectedSignature, signatureOf, startReceiver } from './support/webhook-receiver';

/** A signing secret as the API makes them: 32 random bytes in hex. */
const SECRET = /^[0-9a-f]{64}$/;

test('an admin follows a webhook to a real receiver: delivered, sent again, its secret rotated', async ({ page }) => {
  const receiver = await startReceiver();
  try {
    await signInWithToken(page, person('admin'));
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const adding = page.getByRole('dialog', { name: 'Add webhook' });
    await adding.getByRole('textbox', { name: 'URL' }).fill(receiver.url);
    await adding.getByRole('button', { name: 'Create' }).click();
    const created = page.getByRole('dialog', { name: 'Webhook added' });
    const firstSecret = (await created.getByText(SECRET).textContent())!;
    await created.getByRole('button', { name: 'Done' }).click();
    await checkScreen(page, 'admin-webhooks');

    // Something happens: a buyer opens a dispute; the receiver gets it, signed with the secret shown.
    const c = await dispute();
    const opened = await receiver.waitFor('the dispute opened', (r) => r.event.type === 'case.opened' && r.event.caseId === c.caseId);
    const eventId = String(opened.headers['x-event-id']);
    expect(eventId).toBe(opened.event.id);
    const signed = signatureOf(opened);
    expect(signed.v1).toEqual([expectedSignature(firstSecret, signed.t, opened.body)]);

    const hook = page.getByRole('region', { name: 'Webhooks' }).getByRole('row').filter({ hasText: receiver.url });
    await hook.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('dialog', { name: 'Deliveries' });
    const delivery = log.getByRole('row').filter({ hasText: eventId.slice(0, 8) });
    const [status, attempts] = [delivery.getByRole('cell').nth(1), delivery.getByRole('cell').nth(2)];
    await expect(delivery).toContainText('Dispute opened');
    await expect(status).toHaveText(/^Delivered/);
    await expect(attempts).toHaveText('1');
    await expect(delivery).toContainText('HTTP 200');
    await checkScreen(page, 'webhook-deliveries');

    // The receiver fails now; Redeliver sends the same event (same X-Event-Id) again, and it is retried by itself.
    receiver.answer(500);
    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    await receiver.waitForTimes(eventId, 2);
    await expect(delivery.getByRole('status')).toHaveText('Sent again: waiting to be sent');
    await expect(delivery).toContainText('HTTP 500');
    await expect(status).toContainText('Next attempt');
    receiver.answer(200);
    await expect(delivery.getByRole('status')).toHaveText('Sent again: delivered');
    const sent = receiver.deliveriesOf(eventId);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    await expect(attempts).toHaveText(String(sent.length));
    await expect(delivery).toContainText('HTTP 200');
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    await page.keyboard.press('Escape');
    await expect(log).toBeHidden();

    // Rotating: confirmed in a dialog that says what the receiver gets meanwhile, then the new secret, once.
    await hook.getByRole('button', { name: 'Rotate secret' }).click();
    const confirm = page.getByRole('dialog', { name: 'Rotate the signing secret?' });
    await expect(confirm).toContainText('For the next 24 hours every delivery carries two signatures');
    await checkScreen(page, 'webhook-rotate-confirm');
    await confirm.getByRole('button', { name: 'Replace the secret' }).click();
    const shown = page.getByRole('dialog', { name: 'New signing secret' });
    await expect(shown).toContainText('shown only this once');
    await expect(shown).toContainText('signed with the previous secret too');
    const newSecret = (await shown.getByText(SECRET).textContent())!;
    expect(newSecret).not.toBe(firstSecret);
    await checkScreen(page, 'webhook-rotated-secret');
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toBeHidden();
    await expect(page.getByText(newSecret)).toHaveCount(0);

    // The next delivery carries both signatures: the old secret's, then the new one's.
    await api(c.buyer, 'POST', `/v1/cases/${c.caseId}/messages`, { body: 'Photos of the crushed boxes follow.' });
    const message = await receiver.waitFor('the message posted', (r) => r.event.type === 'case.message_posted' && r.event.caseId === c.caseId);
    const both = signatureOf(message);
    expect(both.v1).toEqual([expectedSignature(firstSecret, both.t, message.body), expectedSignature(newSecret, both.t, message.body)]);
  } finally {
    await receiver.close();
  }
});
