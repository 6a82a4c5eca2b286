import { expect, test } from '@playwright/test';
import { dispute, person } from './support/api';
import { signInWithToken } from './support/sign-in';

test('the token survives a reload, never shows in a URL, and an expired one leads back to sign-in keeping the page', async ({ page }) => {
  const c = await dispute();
  const shortLived = person('buyer', c.buyer.id, 8);
  await signInWithToken(page, shortLived);
  await page.goto(`/console/cases/${c.caseId}`);
  await expect(page.getByTestId('case-status')).toHaveText('open');
  await page.reload();
  await expect(page.getByTestId('case-status')).toHaveText('open');

  await expect(page).toHaveURL(new RegExp(`/console/sign-in\\?next=${encodeURIComponent(`/cases/${c.caseId}`)}`), { timeout: 15_000 });
  await expect(page.getByRole('alert')).toContainText('Your session has ended');
  expect(page.url()).not.toContain(shortLived.token);
  await page.getByRole('textbox', { name: 'Access token' }).fill(c.buyer.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/cases/${c.caseId}$`));
  await expect(page.getByTestId('case-status')).toHaveText('open');
});

test('a pasted text that is not a token is refused under the field', async ({ page }) => {
  await page.goto('/console/sign-in');
  const field = page.getByRole('textbox', { name: 'Access token' });
  await field.fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This is not an access token')).toBeVisible();
});
