import { expect, test } from '@playwright/test';
import { api, type Case, dispute, escalate, person, uploadDirect, waitUntil } from './support/api';
import { photo } from './support/media';
import { checkScreen } from './support/screens';
import { signInWithToken, signOut } from './support/sign-in';

test('a specialist asks the supplier for evidence; the supplier is told, sees it with its countdown and adds a photo', async ({ page }) => {
  const c = await dispute();
  await uploadDirect(c.buyer, c.caseId, photo('buyer-crushed.png', 400, 300, [200, 120, 90]), 'image/png');
  await escalate(c);
  const specialist = person('specialist');
  await api(specialist, 'POST', `/v1/cases/${c.caseId}/assignment`, {});
  // The stack's evidence window is 5 seconds: once it has closed, only a request lets the supplier add more.
  await waitUntil('the evidence window to close', async () => !(await api<Case>(specialist, 'GET', `/v1/cases/${c.caseId}`)).deadlines.some((d) => d.kind === 'evidence'));

  await signInWithToken(page, c.supplier, `/console/sign-in?next=${encodeURIComponent(`/cases/${c.caseId}`)}`);
  const evidence = page.getByRole('region', { name: 'Evidence', exact: true });
  await expect(evidence).toContainText('Your evidence window is closed');
  await expect(evidence.getByRole('button', { name: 'Add evidence' })).toHaveCount(0);
  await signOut(page);

  await signInWithToken(page, specialist, `/console/sign-in?next=${encodeURIComponent(`/cases/${c.caseId}`)}`);
  await expect(page.getByRole('region', { name: 'Facts' })).toContainText(/Evidence window:\s*5 seconds/);
  await page.getByRole('button', { name: 'Request evidence' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request evidence' });
  // Nobody chosen: said under the choice, nothing sent.
  await dialog.getByRole('textbox', { name: 'Note' }).fill('Photos of the pallets as they left your warehouse, with the packing visible.');
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog).toContainText('Choose whom to ask');
  await dialog.getByRole('radio', { name: 'Supplier' }).check();
  await checkScreen(page, 'request-evidence-dialog');
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Facts' })).toContainText('Send the evidence the specialist asked for (supplier)');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('From the supplier');
  await signOut(page);
  // The supplier is told at once: by the reminder sweep (each second in this stack), so within a moment.
  await waitUntil('the supplier to be told of the request', async () =>
    (await api<{ data: Array<{ caseId: string; kind: string }> }>(c.supplier, 'GET', '/v1/notifications?unread=true')).data.some((n) => n.caseId === c.caseId && n.kind === 'evidence_request'),
  );

  await signInWithToken(page, c.supplier, `/console/sign-in?next=${encodeURIComponent(`/cases/${c.caseId}`)}`);
  const mustDo = page.getByRole('region', { name: 'What you must do' });
  const request = mustDo.getByRole('listitem').filter({ hasText: 'asked you for more evidence' });
  await expect(request).toContainText('Photos of the pallets as they left your warehouse');
  await expect(request.locator('[data-tone]')).toContainText(/due in 1 d 23 h|due in 2 d 0 h/);
  // Told at once, in the header too.
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toHaveAccessibleDescription(/[1-9] unread/, { timeout: 20_000 });
  await checkScreen(page, 'supplier-evidence-requested');

  await evidence.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByLabel('Evidence files').setInputFiles(photo('pallets-leaving.png', 480, 360, [90, 150, 200]));
  await expect(page.getByRole('region', { name: 'Supplier evidence' }).getByRole('button', { name: 'pallets-leaving.png' })).toHaveAccessibleDescription(/Available/, { timeout: 30_000 });
});
