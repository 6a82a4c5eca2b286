import { expect, type Page, test } from '@playwright/test';
import { api, dispute, type Dispute, uploadDirect } from './support/api';
import { photo } from './support/media';
import { signInWithToken } from './support/sign-in';

// CONSOLE.md's quality bar: a case with 50 evidence items and 200 timeline events shows in under a second.
// Measured in the browser from the start of the page load to the console's `case-page-shown` mark (the case,
// its evidence, messages and timeline drawn). The timing is a benchmark (npm run bench:console, tag @bench),
// not part of npm run test:console: on a shared 2-core machine another process's load doubles it.
const BUDGET_MS = 1000;

test.describe.configure({ mode: 'serial' });

let c: Dispute;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  c = await dispute();
  const picture = photo('shelf.png', 320, 240);
  for (let i = 0; i < 50; i++) await uploadDirect(i % 2 ? c.supplier : c.buyer, c.caseId, picture, 'image/png');
  // 1 opening + 50 evidence events + 149 messages = 200 events.
  for (let i = 0; i < 149; i++) await api(i % 2 ? c.supplier : c.buyer, 'POST', `/v1/cases/${c.caseId}/messages`, { body: `Message ${i + 1} about the damaged boxes.` });
});

/** Loads the case page afresh; the milliseconds from navigation to `case-page-shown`. */
async function load(page: Page): Promise<number> {
  await page.goto(`/console/cases/${c.caseId}`);
  await page.waitForFunction(() => performance.getEntriesByName('case-page-shown').length > 0, undefined, { timeout: 15_000 });
  return page.evaluate(() => performance.getEntriesByName('case-page-shown')[0].startTime);
}

test('a case with 50 evidence items and 200 timeline events shows them all, thumbnails loaded lazily', async ({ page }) => {
  await signInWithToken(page, c.buyer);
  const links: string[] = [];
  page.on('request', (request) => /\/v1\/evidence\/[^/]+\/links$/.test(new URL(request.url()).pathname) && links.push(request.url()));
  await load(page);
  await expect(page.getByRole('region', { name: 'Evidence', exact: true }).getByRole('button', { name: 'shelf.png' })).toHaveCount(50);
  await expect(page.getByRole('region', { name: 'Timeline' }).locator('.mantine-Timeline-item')).toHaveCount(200);
  await expect(page.getByRole('region', { name: 'Messages' }).getByRole('listitem')).toHaveCount(149);
  // Only the thumbnails in view (and just below it) are asked for, not fifty.
  await expect.poll(() => links.length).toBeGreaterThan(0);
  expect(links.length).toBeLessThan(50);
});

test('@bench the case page with 50 items and 200 events shows in under a second', async ({ page }) => {
  await signInWithToken(page, c.buyer);
  await load(page); // the first load fills the browser's cache of the console's files, as any later visit has it
  const timings: number[] = [];
  for (let run = 0; run < 5; run++) timings.push(await load(page));
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[2];
  console.log(`bench:console case page, 50 evidence items and 200 events: median ${Math.round(median)} ms, best ${Math.round(sorted[0])} ms, worst ${Math.round(sorted[4])} ms (budget ${BUDGET_MS} ms)`);
  expect(median).toBeLessThan(BUDGET_MS);
});
