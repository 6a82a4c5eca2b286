import { expect, test } from '@playwright/test';
import { dispute, drainSpecialistQueue, escalate, person, uploadDirect } from './support/api';
import { photo } from './support/media';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';

test('a specialist takes the next case, sees both sides\' evidence and records a partial refund', async ({ page }) => {
  const c = await dispute();
  await uploadDirect(c.buyer, c.caseId, photo('buyer-dent.png', 400, 300, [200, 120, 90]), 'image/png');
  await uploadDirect(c.supplier, c.caseId, photo('supplier-packing.png', 400, 300, [90, 150, 200]), 'image/png');
  await drainSpecialistQueue();
  await escalate(c);

  await signInWithToken(page, person('specialist'));
  await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: c.caseId.slice(0, 8) })).toContainText(c.externalRef);
  await checkScreen(page, 'specialist-queue');
  await page.getByRole('button', { name: 'Take next case' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/cases/${c.caseId}$`));
  await expect(page.getByTestId('case-status')).toHaveText('under_review');
  // The case's policy in words, not ISO 8601.
  const facts = page.getByRole('region', { name: 'Facts' });
  await expect(facts).toContainText(/Supplier response:\s*3 days/);
  await expect(facts).toContainText(/Reminders:\s*71 hours 59 minutes 45 seconds, 24 hours and 2 hours before each deadline/);
  await expect(facts).toContainText(/Refund arrives \(Credit card\):\s*within 10 days of being sent/);
  await expect(facts).not.toContainText('P3D');

  await expect(page.getByRole('region', { name: 'Buyer evidence' }).getByRole('button', { name: 'buyer-dent.png' })).toHaveAccessibleDescription(/Available/);
  await expect(page.getByRole('region', { name: 'Supplier evidence' }).getByRole('button', { name: 'supplier-packing.png' })).toHaveAccessibleDescription(/Available/);
  await checkScreen(page, 'specialist-workspace');

  // The viewer: a real dialog, focus inside, and back on the item once it closes.
  const item = page.getByRole('button', { name: 'buyer-dent.png' });
  await item.click();
  const viewer = page.getByRole('dialog', { name: 'buyer-dent.png' });
  await expect(viewer.getByRole('img', { name: 'buyer-dent.png' })).toBeVisible();
  await checkScreen(page, 'evidence-viewer');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(item).toBeFocused();

  await page.getByRole('radio', { name: 'Partial refund' }).check();
  await page.getByRole('textbox', { name: 'Refund amount' }).fill('300');
  await page.getByRole('textbox', { name: 'Rationale' }).fill('The photos show crushed corners on part of the lot; the packing was thin for the weight.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  const confirm = page.getByRole('dialog', { name: 'Record this decision?' });
  await expect(confirm).toContainText('Partial refund');
  await expect(confirm).toContainText('$300.00');
  await checkScreen(page, 'decision-confirm');
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('decided');
  await expect(page.getByRole('article').filter({ hasText: 'Decision' }).first()).toContainText('$300.00');
});

test('taking a case someone just took says so and refreshes the queue; an empty queue says it is empty', async ({ page }) => {
  await drainSpecialistQueue();
  const c = await dispute();
  await escalate(c);
  await signInWithToken(page, person('specialist'));
  const row = page.getByRole('row').filter({ hasText: c.caseId.slice(0, 8) });
  await expect(row).toBeVisible();
  await drainSpecialistQueue();
  await row.getByRole('button', { name: 'Take' }).click();
  await expect(page.getByRole('alert')).toContainText('Someone just took it');
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: 'Take next case' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The queue is empty' })).toBeVisible();
});
