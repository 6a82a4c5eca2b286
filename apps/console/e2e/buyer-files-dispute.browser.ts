import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_IDENTITIES } from '../../../libs/auth/src/development-identities';
import { recordOrder, deliveredOrder, signedToken } from '../../../scripts/marketplace';
import { stack } from './support/api';
import { largeVideo, MIB, photo } from './support/media';
import { checkScreen } from './support/screens';
import { signInAs, signOut } from './support/sign-in';
import { STACK_JWT_SECRET } from './support/stack-env';

const idOf = (role: string) => DEVELOPMENT_IDENTITIES.find((i) => i.role === role)!.userId;

test('a buyer files a dispute with a photo and a 40 MiB video, the supplier offers, the buyer accepts and is refunded', async ({ page }) => {
  const externalRef = `PO-${randomUUID().slice(0, 6).toUpperCase()}`;
  await recordOrder({ url: stack.consoleUrl, token: signedToken(STACK_JWT_SECRET, 'platform', randomUUID()) }, deliveredOrder(idOf('buyer'), idOf('supplier'), { externalRef }));

  // The newcomer's way in: the console's address, then "buyer" on the sign-in page.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Arbiter' })).toBeVisible();
  await checkScreen(page, 'sign-in');
  await signInAs(page, 'buyer');
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
  await checkScreen(page, 'buyer-orders');

  await page.getByRole('link', { name: new RegExp(externalRef) }).click();
  await expect(page.getByRole('heading', { name: `Order ${externalRef}` })).toBeVisible();
  await checkScreen(page, 'buyer-order');
  await page.getByRole('button', { name: 'Open dispute' }).click();

  const reason = page.getByRole('combobox', { name: 'Reason' });
  await expect(reason.getByRole('option')).toHaveText(['Quality not as agreed', 'Damaged', 'Quantity short', 'Wrong item']);
  await reason.selectOption({ label: 'Damaged' });
  // A claim above the order's amount is refused in words, under the field, never lowered.
  await page.getByRole('textbox', { name: 'Claim amount' }).fill('1300');
  await page.getByRole('textbox', { name: 'Description' }).fill('Twelve of the twenty boxes arrived crushed; the bolts are bent.');
  await page.getByLabel('Evidence files').setInputFiles([photo('crushed-box.png'), await largeVideo('unboxing.mp4', 40 * MIB)]);
  await checkScreen(page, 'dispute-form');
  await page.getByRole('button', { name: 'Submit dispute' }).click();
  const claim = page.getByRole('textbox', { name: 'Claim amount' });
  await expect(claim).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/exceeds the order amount|above the order amount|at most/i).first()).toBeVisible();
  await claim.fill('400.00');
  await page.getByRole('button', { name: 'Submit dispute' }).click();

  // The case page opens and uploads the files: prepared (hashed), sent, verified.
  await expect(page).toHaveURL(/\/console\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('case-status')).toHaveText('open');
  const evidence = page.getByRole('region', { name: 'Evidence', exact: true });
  for (const name of ['crushed-box.png', 'unboxing.mp4']) {
    await expect(evidence.getByRole('button', { name })).toHaveAccessibleDescription(/Available/, { timeout: 60_000 });
  }
  // The phone's video is a real one: the workers make its poster, and the gallery shows it.
  await expect(evidence.getByRole('button', { name: 'unboxing.mp4' }).locator('img')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'What you must do' })).toContainText('Waiting for the supplier');
  await checkScreen(page, 'buyer-case-open');
  const caseUrl = page.url();

  await signOut(page);
  await signInAs(page, 'supplier');
  await expect(page.getByRole('heading', { name: 'Disputes' })).toBeVisible();
  await checkScreen(page, 'supplier-disputes');
  await page.goto(caseUrl);
  const mustDo = page.getByRole('region', { name: 'What you must do' });
  await expect(mustDo).toContainText('Answer the claim');
  await checkScreen(page, 'supplier-case-open');
  await mustDo.getByRole('button', { name: 'Make offer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make offer' });
  await expect(dialog.getByRole('textbox', { name: 'Offer amount' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Offer amount' }).fill('250');
  await dialog.getByRole('textbox', { name: 'Note' }).fill('Half the damaged lot: the rest was packed as agreed.');
  await checkScreen(page, 'offer-dialog');
  await dialog.getByRole('button', { name: 'Send offer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('case-status')).toHaveText('negotiating');

  await signOut(page);
  await signInAs(page, 'buyer');
  await page.goto(caseUrl);
  await expect(page.getByText('$250.00').first()).toBeVisible();
  await page.getByRole('button', { name: 'Accept offer' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('resolved');
  // The case is closed to evidence now, and the uploads made when filing are done: nothing offers to add more.
  await expect(page.getByRole('region', { name: 'Evidence', exact: true }).getByRole('button', { name: 'Add evidence' })).toHaveCount(0);
  const refund = page.getByRole('region', { name: 'Refund' });
  await expect(refund).toContainText('$250.00');
  await expect(refund.getByRole('listitem').filter({ hasText: 'Arrived' })).toHaveAttribute('aria-current', 'step', { timeout: 30_000 });
  await checkScreen(page, 'buyer-case-refunded');
});
