import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { dispute } from './support/api';
import { file, largeVideo, MIB } from './support/media';
import { checkScreen } from './support/screens';
import { signInWithToken } from './support/sign-in';

test('every refusal of an upload is shown in words, next to its file', async ({ page }) => {
  const c = await dispute();
  await signInWithToken(page, c.buyer, `/console/sign-in?next=${encodeURIComponent(`/cases/${c.caseId}`)}`);
  await page.getByRole('button', { name: 'Add evidence' }).click();
  const tooLarge = file('huge-photo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(26 * MIB)]));
  const archive = file('photos.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2048)]));
  await page.getByLabel('Evidence files').setInputFiles([tooLarge, archive]);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  await expect(uploads.getByRole('listitem').filter({ hasText: 'huge-photo.png' }).getByRole('alert')).toContainText('Too large');
  await expect(uploads.getByRole('listitem').filter({ hasText: 'photos.zip' }).getByRole('alert')).toContainText('Not a type of file accepted as evidence');
  await checkScreen(page, 'upload-refusals');
});

test('an upload interrupted by a reload resumes and completes', async ({ page }) => {
  const c = await dispute();
  await signInWithToken(page, c.buyer, `/console/sign-in?next=${encodeURIComponent(`/cases/${c.caseId}`)}`);
  // Storage slowed down, so the reload comes while parts are still on their way.
  let partsStored = 0;
  await page.route(
    (url) => url.searchParams.has('partNumber'),
    async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
      partsStored++;
    },
  );
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByLabel('Evidence files').setInputFiles(await largeVideo('forklift.mp4', 40 * MIB));
  await expect(page.getByRole('progressbar', { name: 'Uploading forklift.mp4' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => partsStored, { timeout: 30_000 }).toBeGreaterThan(0);
  await page.reload();
  await page.unroute((url) => url.searchParams.has('partNumber'));
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await expect(page.getByRole('region', { name: 'Evidence', exact: true }).getByRole('button', { name: 'forklift.mp4' })).toHaveAccessibleDescription(/Available/, { timeout: 60_000 });
});
