import { expect, test } from '@playwright/test';
import { Client } from 'pg';
import { api, dispute, person, stack, waitUntil } from './support/api';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';

test('an admin sends a failed refund again, and it goes through', async ({ page }) => {
  const c = await dispute({ claim: 12_345 });
  await api(c.supplier, 'POST', `/v1/cases/${c.caseId}/offers/accept`, { amount: { amount: 12_345, currency: 'USD' } });
  await waitUntil('the refund to succeed', async () => (await api<{ status: string }>(c.buyer, 'GET', `/v1/cases/${c.caseId}/refund`)).status === 'succeeded');
  // The gateway's retry budget takes minutes to run out; the state it leaves is set here directly: failed with
  // an unknown outcome (no definite answer came back) and the gateway's reason. The sandbox still holds the
  // refund under its key, as a real gateway would: sending again asks it first and pays nothing twice. What the
  // admin does about it goes through the console and the real workers.
  const db = new Client({ connectionString: stack.env.DATABASE_URL });
  await db.connect();
  await db.query(`UPDATE refunds SET status = 'failed', failure_kind = 'unknown', failure_reason = 'gateway_unavailable: card issuer timed out', succeeded_at = NULL, gateway_reference = NULL, sent_at = NULL WHERE case_id = $1`, [c.caseId]);
  await db.end();

  await signInWithToken(page, person('admin'));
  await expect(page.getByRole('heading', { name: 'Operations' })).toBeVisible();
  const row = page.getByRole('region', { name: 'Failed refunds' }).getByRole('row').filter({ hasText: c.caseId.slice(0, 8) });
  await expect(row).toContainText('$123.45');
  await expect(row).toContainText('card issuer timed out');
  await checkScreen(page, 'admin-operations');
  await row.getByRole('button', { name: 'Send again' }).click();
  await expect(row.getByRole('status')).toHaveText('Sent again: pending');
  await waitUntil('the refund sent again to succeed', async () => (await api<{ status: string }>(c.buyer, 'GET', `/v1/cases/${c.caseId}/refund`)).status === 'succeeded');
  // No longer failed, but the row the admin acted on stays with its outcome until the page is left.
  await expect(page.getByRole('region', { name: 'Failed refunds' }).getByRole('row').filter({ hasText: c.caseId.slice(0, 8) }).getByRole('status')).toHaveText('Sent again: pending');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Failed refunds' })).not.toContainText(c.caseId.slice(0, 8));
});

test('an admin adds a webhook and sees its secret once', async ({ page }) => {
  await signInWithToken(page, person('admin'));
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add webhook' });
  await dialog.getByRole('textbox', { name: 'URL' }).fill('not a url');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('textbox', { name: 'URL' })).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'URL' }).fill('https://erp.example.com/arbiter-hooks');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const created = page.getByRole('dialog', { name: 'Webhook added' });
  await expect(created).toContainText('shown only this once');
  await checkScreen(page, 'webhook-secret');
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'Webhooks' })).toContainText('https://erp.example.com/arbiter-hooks');
});
