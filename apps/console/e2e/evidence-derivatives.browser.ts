import { expect, type Locator, test } from '@playwright/test';
import { dispute, escalate, evidenceAs, person, uploadDirect, waitUntil } from './support/api';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { gpsPhoto, inspectionReport, playableVideo, resizedCopy, unreadableVideo } from './support/media';
import { checkScreen } from './support/screens';
import { signInWithToken, signOut } from './support/sign-in';

/** A picture's size as the browser decoded it, once it has. */
async function decodedSize(img: Locator): Promise<{ width: number; height: number }> {
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  return img.evaluate((i: HTMLImageElement) => ({ width: i.naturalWidth, height: i.naturalHeight }));
}

// A viewer in Shanghai: times in their zone, the UTC time on hover.
test.use({ timezoneId: 'Asia/Shanghai' });

test("a buyer's phone photo shows its thumbnail; the supplier sees the copy without metadata; a specialist sees its metadata and a resized copy in another buyer's case", async ({ page }) => {
  test.setTimeout(180_000);
  const a = await dispute();
  const b = await dispute();
  const photo = await gpsPhoto('warehouse-floor.jpg', 21);
  const caseA = `/console/sign-in?next=${encodeURIComponent(`/cases/${a.caseId}`)}`;

  // The buyer adds it through the console: the tile shows the 320 px thumbnail, not the photo.
  await signInWithToken(page, a.buyer, caseA);
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByLabel('Evidence files').setInputFiles(photo.path);
  const buyerTile = page.getByRole('region', { name: 'Buyer evidence' }).getByRole('button', { name: 'warehouse-floor.jpg' });
  await expect(buyerTile).toHaveAccessibleDescription(/Available/, { timeout: 30_000 });
  expect(await decodedSize(buyerTile.locator('img'))).toEqual({ width: 240, height: 320 });
  await checkScreen(page, 'buyer-evidence-thumbnail');
  // Its uploader is told what the photo carried, and that the others never see it.
  await buyerTile.click();
  const ownViewer = page.getByRole('dialog', { name: 'warehouse-floor.jpg' });
  await expect(ownViewer).toContainText('had a location');
  await expect(ownViewer).toContainText('The location is removed from the copies everyone else sees.');
  await expect(ownViewer.getByRole('link', { name: 'Open original' })).toBeVisible();
  await page.keyboard.press('Escape');
  await signOut(page);

  // Meanwhile: a video, a PDF, a video nobody can read (no view copy), and another buyer's resized copy of the photo.
  const clip = await uploadDirect(a.buyer, a.caseId, await playableVideo('forklift.mp4'), 'video/mp4');
  const report = await uploadDirect(a.buyer, a.caseId, await inspectionReport('inspection.pdf'), 'application/pdf');
  const broken = await uploadDirect(a.buyer, a.caseId, unreadableVideo('shaky.mp4', 256 * 1024), 'video/mp4');
  const copy = await uploadDirect(b.buyer, b.caseId, await resizedCopy('my-goods.jpg', photo.bytes), 'image/jpeg');

  // The supplier gets the copy without metadata, upright and whole, and no way to the original.
  await signInWithToken(page, a.supplier, caseA);
  await page.getByRole('region', { name: 'Buyer evidence' }).getByRole('button', { name: 'warehouse-floor.jpg' }).click();
  const viewer = page.getByRole('dialog', { name: 'warehouse-floor.jpg' });
  expect(await decodedSize(viewer.getByRole('img', { name: 'warehouse-floor.jpg' }))).toEqual({ width: 1200, height: 1600 });
  await expect(viewer.getByRole('link', { name: /original/i })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: /original/i })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Download' })).toBeVisible();
  await expect(viewer).not.toContainText('location');
  await checkScreen(page, 'evidence-viewer-other-party');
  // Saved under its name, read from storage by the console's own origin: the copy, no EXIF, no GPS.
  const saving = page.waitForEvent('download');
  await viewer.getByRole('button', { name: 'Download' }).click();
  const saved = await saving;
  expect(saved.suggestedFilename()).toBe('warehouse-floor.jpg');
  const savedMeta = await sharp(readFileSync(await saved.path())).metadata();
  expect({ width: savedMeta.width, height: savedMeta.height, exif: savedMeta.exif }).toEqual({ width: 1200, height: 1600, exif: undefined });
  await page.keyboard.press('Escape');

  // The video plays from its view copy with its poster; the PDF shows page one and opens in the browser.
  const derived = (id: string) => async () => Object.values((await evidenceAs(a.buyer, id)).derivatives).every((status) => status === 'ready');
  await waitUntil('the video and the PDF derivatives', async () => (await derived(clip.id)()) && (await derived(report.id)()));
  const buyerEvidence = page.getByRole('region', { name: 'Buyer evidence' });
  expect((await decodedSize(buyerEvidence.getByRole('button', { name: 'forklift.mp4' }).locator('img'))).width).toBeGreaterThan(0);
  await buyerEvidence.getByRole('button', { name: 'forklift.mp4' }).click();
  const player = page.getByRole('dialog', { name: 'forklift.mp4' }).locator('video');
  await expect(player).toHaveAttribute('poster', /.+/);
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  expect(await player.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([640, 360]);
  await checkScreen(page, 'evidence-video-player');
  await page.keyboard.press('Escape');
  await buyerEvidence.getByRole('button', { name: 'inspection.pdf' }).click();
  const pdf = page.getByRole('dialog', { name: 'inspection.pdf' });
  expect((await decodedSize(pdf.getByRole('img', { name: 'Page 1 of inspection.pdf' }))).width).toBeGreaterThan(0);
  await expect(pdf.getByRole('link', { name: 'Open the PDF (2 pages)' })).toHaveAttribute('target', '_blank');
  await checkScreen(page, 'evidence-pdf-preview');
  await page.keyboard.press('Escape');
  await waitUntil('the video to be tried', async () => (await evidenceAs(a.buyer, broken.id)).derivatives.view === 'failed');
  await page.getByRole('region', { name: 'Buyer evidence' }).getByRole('button', { name: 'shaky.mp4' }).click();
  await expect(page.getByRole('dialog', { name: 'shaky.mp4' })).toContainText('The copy without its metadata could not be made (the video could not be read)');
  await page.keyboard.press('Escape');
  await signOut(page);

  // Staff: the metadata summary, and the recycled photo flagged both ways, linked where they may look.
  await escalate(a);
  await escalate(b);
  const specialist = person('specialist');
  await waitUntil('the copy to be matched', async () => ((await evidenceAs(specialist, copy.id)).similarInCases ?? []).length > 0, 60_000);
  await signInWithToken(page, specialist, caseA);
  const staffTile = page.getByRole('region', { name: 'Buyer evidence' }).getByRole('button', { name: 'warehouse-floor.jpg' });
  await expect(staffTile).toHaveAccessibleDescription(/Similar to 1 other case/);
  await expect(staffTile).toHaveAccessibleDescription(/Apple iPhone 15 Pro · had a location/);
  await expect(staffTile).toHaveAccessibleDescription(/Taken .*2026/);
  await checkScreen(page, 'specialist-evidence-signals');
  await staffTile.click();
  const staffViewer = page.getByRole('dialog', { name: 'warehouse-floor.jpg' });
  // Taken 09:26:53 as the phone wrote it (no zone: UTC), 17:26 in Shanghai.
  await expect(staffViewer.locator('time').filter({ hasText: 'Mar 14, 2026, 5:26 PM' })).toHaveAttribute('title', '2026-03-14 09:26 UTC');
  await expect(staffViewer.getByRole('link', { name: 'Open original' })).toBeVisible();
  await expect(staffViewer.getByRole('button', { name: 'Download original' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('region', { name: 'Buyer evidence' }).getByRole('link', { name: `case ${b.caseId.slice(0, 8)}` }).click();
  await expect(page).toHaveURL(new RegExp(`/console/cases/${b.caseId}$`));
  const copyTile = page.getByRole('region', { name: 'Buyer evidence' }).getByRole('button', { name: 'my-goods.jpg' });
  await expect(copyTile).toHaveAccessibleDescription(new RegExp(`Similar to 1 other case.*case ${a.caseId.slice(0, 8)}`));
});
