import { expect, test } from '@playwright/test';
import { api, dispute } from './support/api';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';

test('a buyer escalates once it is allowed: the button says from when, then the case goes to a specialist', async ({ page }) => {
  const c = await dispute();
  await api(c.supplier, 'POST', `/v1/cases/${c.caseId}/rebuttal`, { statement: 'The goods left our warehouse in perfect condition.' });
  await signInWithToken(page, c.buyer, `/console/sign-in?next=${encodeURIComponent(`/cases/${c.caseId}`)}`);
  await expect(page).toHaveURL(new RegExp(`/console/cases/${c.caseId}$`));
  const mustDo = page.getByRole('region', { name: 'What you must do' });
  await expect(mustDo).toContainText('The supplier rejected the claim');
  const escalate = mustDo.getByRole('button', { name: 'Escalate' });
  // The stack allows escalation 3 s after opening: first disabled, saying from when; then enabled by itself.
  await expect(escalate).toBeEnabled({ timeout: 10_000 });
  await escalate.click();
  const dialog = page.getByRole('dialog', { name: 'Escalate to a trade specialist' });
  await expect(dialog.getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('The supplier denies the damage the photos show.');
  await checkScreen(page, 'escalate-dialog');
  await dialog.getByRole('button', { name: 'Confirm escalation' }).click();
  await expect(dialog).toBeHidden();
  await expect(escalate).toBeHidden();
  await expect(page.getByTestId('case-status')).toHaveText('escalated');
  await expect(mustDo).toContainText('Waiting for a trade specialist');
  await checkScreen(page, 'buyer-case-escalated');
});

test('the Escalate button is disabled until escalation is allowed, saying from when', async ({ page }) => {
  const c = await dispute();
  await signInWithToken(page, c.buyer, `/console/sign-in?next=${encodeURIComponent(`/cases/${c.caseId}`)}`);
  const escalate = page.getByRole('region', { name: 'What you must do' }).getByRole('button', { name: 'Escalate' });
  await expect(escalate).toBeDisabled();
  await expect(escalate).toHaveAccessibleDescription(/Possible from/);
});
