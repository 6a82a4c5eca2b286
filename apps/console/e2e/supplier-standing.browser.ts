import { expect, test } from '@playwright/test';
import { api, dispute, type Person, person } from './support/api';
import { figure } from './support/figures';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';

/** `count` orders of 1,250.00 USD, delivered and their receipt confirmed by the buyer: completed. */
async function completedOrders(supplier: Person, buyer: Person, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async () => {
      const { orderId } = await dispute({ open: false, buyer, supplier });
      await api(buyer, 'POST', `/v1/orders/${orderId}/receipt`, {});
    }),
  );
}

test('a supplier sees its Trade Assurance standing from its own orders and disputes: not eligible, and why', async ({ page }) => {
  const [supplier, buyer] = [person('supplier'), person('buyer')];
  await completedOrders(supplier, buyer, 3);
  // A fourth order disputed, and answered at once with an offer (in time).
  const c = await dispute({ buyer, supplier });
  await api(supplier, 'POST', `/v1/cases/${c.caseId}/offers`, { amount: { amount: 20_000, currency: 'USD' }, note: 'Half, for the crushed boxes.' });

  await signInWithToken(page, supplier);
  const standing = page.getByRole('region', { name: 'Trade Assurance standing' });
  await expect(standing).toContainText('Not eligible');
  const why = standing.getByRole('list', { name: 'Why you are not eligible' }).getByRole('listitem');
  await expect(why).toHaveText([
    'Too few completed orders: 3 orders were completed in the period, and at least 10 are needed.',
    'Too many disputes: 33.3 % of completed orders were disputed (1 dispute), and at most 5 % is allowed.',
  ]);
  await expect(figure(standing, 'Completed orders')).toHaveText('3');
  await expect(figure(standing, 'Completed value')).toHaveText('$3,750.00');
  await expect(figure(standing, 'Disputes')).toHaveText('1');
  await expect(figure(standing, 'Dispute rate')).toHaveText('33.3 %');
  await expect(figure(standing, 'Lost rate')).toHaveText('0 %');
  await expect(figure(standing, 'Response rate')).toHaveText('100 %');

  const storefront = standing.getByRole('region', { name: 'What buyers see on your storefront' });
  await expect(storefront).toContainText('No Trade Assurance badge');
  await expect(figure(storefront, 'Transactions, 12 months')).toHaveText('3');
  await expect(figure(storefront, 'Value, 12 months')).toHaveText('$3,750.00');
  await expect(figure(storefront, 'Response rate, 12 months')).toHaveText('100 %');
  await expect(figure(storefront, 'Median first response, 12 months')).toHaveText('under a minute');

  // The responsiveness card keeps to what the storefront does not show: the last 30 days.
  const responsiveness = page.getByRole('region', { name: 'Your responsiveness' });
  await expect(figure(responsiveness, 'Disputes, 30 days')).toHaveText('1');
  await expect(figure(responsiveness, 'Answered in time, 30 days')).toHaveText('100 %');
  await expect(responsiveness).not.toContainText('Response rate, 12 months');
  await checkScreen(page, 'supplier-standing');
});

test('a supplier with ten completed orders and no dispute is eligible, and its storefront shows the badge', async ({ page }) => {
  const supplier = person('supplier');
  await completedOrders(supplier, person('buyer'), 10);
  await signInWithToken(page, supplier);
  const standing = page.getByRole('region', { name: 'Trade Assurance standing' });
  await expect(standing).toContainText('Eligible');
  await expect(standing).toContainText('You meet every Trade Assurance rule');
  await expect(figure(standing, 'Completed orders')).toHaveText('10');
  await expect(figure(standing, 'Completed value')).toHaveText('$12,500.00');
  await expect(figure(standing, 'Dispute rate')).toHaveText('0 %');
  await expect(standing.getByRole('region', { name: 'What buyers see on your storefront' })).toContainText('The Trade Assurance badge');
  await expect(figure(standing, 'Median first response, 12 months')).toHaveText('none yet');
  await checkScreen(page, 'supplier-standing-eligible');
});
