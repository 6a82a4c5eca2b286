import { expect, test } from '@playwright/test';
import { api, dispute, waitUntil } from './support/api';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';

test('a supplier is reminded of the claim to answer: the bell counts it, the list leads to the case, opening it marks it read', async ({ page }) => {
  // The stack reminds 15 s after a 3-day deadline is set: the supplier's response to this claim.
  const c = await dispute();
  // The console asks for notifications each minute: the page's clock is ours to move on.
  await page.clock.install();
  await signInWithToken(page, c.supplier);
  const bell = page.getByRole('button', { name: 'Notifications', exact: true });
  await expect(bell).toHaveAccessibleDescription('None unread');

  await waitUntil('the reminder of the supplier response', async () => (await api<{ unreadCount: number }>(c.supplier, 'GET', '/v1/notifications?unread=true')).unreadCount > 0);
  await page.clock.fastForward('01:00');
  await expect(bell).toHaveAccessibleDescription('1 unread');

  await bell.click();
  const list = page.getByRole('dialog', { name: 'Notifications' });
  const reminder = list.getByRole('link', { name: /Respond to the buyer's dispute/ });
  await expect(reminder).toContainText(c.externalRef);
  await expect(reminder).toContainText('Without a response by then, the buyer is refunded the full claim');
  await expect(list.getByRole('listitem')).toContainText([/Unread/]);
  await checkScreen(page, 'notifications');

  await reminder.click();
  await expect(page).toHaveURL(new RegExp(`/console/cases/${c.caseId}$`));
  await expect(list).toBeHidden();
  await expect(bell).toHaveAccessibleDescription('None unread');
  await expect(page.getByRole('region', { name: 'What you must do' })).toContainText('Answer the claim');

  await bell.click();
  await expect(list.getByRole('listitem').filter({ hasText: c.externalRef })).toContainText('Read');
  await list.getByText(/^Unread \(\d+\)$/).click();
  await expect(list.getByRole('radio', { name: /Unread/ })).toBeChecked();
  await expect(list).toContainText('No unread notifications.');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(bell).toBeFocused();
});
