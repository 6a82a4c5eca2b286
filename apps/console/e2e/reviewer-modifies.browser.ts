import { expect, test } from '@playwright/test';
import { api, dispute, escalate, person, uploadDirect } from './support/api';
import { photo } from './support/media';
import { checkScreen } from './support/screens';
import { signInWithToken, signOut } from './support/sign-in';

test('a reviewer takes an appeal and modifies the refund; the specialist who decided it may not', async ({ page }) => {
  const c = await dispute();
  await uploadDirect(c.buyer, c.caseId, photo('before-decision.png'), 'image/png');
  await escalate(c);
  const specialist = person('specialist');
  await api(specialist, 'POST', `/v1/cases/${c.caseId}/assignment`, {});
  await api(specialist, 'POST', `/v1/cases/${c.caseId}/decision`, {
    outcome: 'refund_partial',
    refund: { amount: 15_000, currency: 'USD' },
    rationale: 'Only three boxes are shown damaged in the photos provided.',
  });
  await api(c.buyer, 'POST', `/v1/cases/${c.caseId}/appeals`, { reason: 'The photos of the other nine boxes were added after the decision.' });
  await uploadDirect(c.buyer, c.caseId, photo('after-decision.png', 480, 360, [150, 90, 60]), 'image/png');

  // The same person as reviewer: a clear refusal, not a silent one.
  await signInWithToken(page, person('reviewer', specialist.id));
  await page.goto(`/console/cases/${c.caseId}`);
  await page.getByRole('region', { name: 'What you must do' }).getByRole('button', { name: 'Take' }).click();
  await expect(page.getByRole('alert')).toContainText('You decided this case as its specialist');
  await signOut(page);

  await signInWithToken(page, person('reviewer'));
  await expect(page.getByRole('heading', { name: 'Appeal queue' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: c.caseId.slice(0, 8) });
  await expect(row).toContainText(c.externalRef);
  await checkScreen(page, 'reviewer-queue');
  await row.getByRole('button', { name: 'Take' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/cases/${c.caseId}$`));
  await expect(page.getByRole('article').filter({ hasText: 'Appeal by the buyer' })).toContainText('added after the decision');
  const buyerEvidence = page.getByRole('region', { name: 'Buyer evidence' });
  await expect(buyerEvidence.getByRole('button', { name: 'after-decision.png' })).toHaveAccessibleDescription(/New since the decision/);
  await expect(buyerEvidence.getByRole('button', { name: 'before-decision.png' })).not.toHaveAccessibleDescription(/New since the decision/);
  await checkScreen(page, 'reviewer-workspace');

  await page.getByRole('radio', { name: 'Modify' }).check();
  await page.getByRole('textbox', { name: 'Refund amount' }).fill('350.00');
  await page.getByRole('textbox', { name: 'Rationale' }).fill('The later photos show nine more crushed boxes; the refund covers eleven of twelve.');
  await page.getByRole('button', { name: 'Record ruling' }).click();
  const confirm = page.getByRole('dialog', { name: 'Record this ruling?' });
  await expect(confirm).toContainText('Modify the decision');
  await expect(confirm).toContainText('$350.00');
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('resolved');
  await expect(page.getByRole('region', { name: 'Refund' })).toContainText('$350.00', { timeout: 20_000 });
});
