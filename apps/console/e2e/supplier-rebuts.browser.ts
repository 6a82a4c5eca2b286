import { expect, test } from '@playwright/test';
import { dispute } from './support/api';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';

test('a supplier sees the claim waiting with its countdown and rejects it with a rebuttal', async ({ page }) => {
  const c = await dispute();
  await signInWithToken(page, c.supplier);
  await expect(page.getByRole('heading', { name: 'Disputes' })).toBeVisible();
  const waiting = page.getByRole('article').filter({ hasText: c.caseId.slice(0, 8) });
  await expect(waiting).toContainText('$400.00');
  await expect(waiting).toContainText(/due in 2 d 23 h/);
  await expect(page.getByRole('region', { name: 'Your responsiveness' })).toContainText('Disputes, 30 days');
  await checkScreen(page, 'supplier-disputes-waiting');

  await waiting.getByRole('link').click();
  const mustDo = page.getByRole('region', { name: 'What you must do' });
  await expect(mustDo).toContainText('Answer the claim');
  await expect(mustDo.getByRole('listitem').filter({ hasText: 'Answer the claim' }).locator('[data-tone="ok"]')).toBeVisible();
  await mustDo.getByRole('button', { name: 'Reject with rebuttal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reject with rebuttal' });
  // Too short: the API's message under the field, the field marked invalid.
  await dialog.getByRole('textbox', { name: 'Statement' }).fill('No.');
  await dialog.getByRole('button', { name: 'Submit rebuttal' }).click();
  const statement = dialog.getByRole('textbox', { name: 'Statement' });
  await expect(statement).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await statement.getAttribute('aria-describedby'))!.split(' ');
  await expect(page.locator(describedBy.map((id) => `[id="${id}"]`).join(','))).toContainText([/at least 10|longer than|10 characters/]);
  await statement.fill('The boxes left our warehouse intact: the carrier signed for twenty undamaged boxes, see the attached receipt.');
  await checkScreen(page, 'rebuttal-dialog');
  await dialog.getByRole('button', { name: 'Submit rebuttal' }).click();
  await expect(dialog).toBeHidden();
  // Focus goes back to what opened the dialog... which is gone now that a rebuttal exists; the card shows it.
  await expect(page.getByRole('article').filter({ hasText: "Supplier's rebuttal" })).toContainText('carrier signed');
  await expect(page.getByTestId('case-status')).toHaveText('open');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Claim rejected with a rebuttal');
  await checkScreen(page, 'supplier-case-rebutted');
});
