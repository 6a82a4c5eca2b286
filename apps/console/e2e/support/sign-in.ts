import { expect, type Page } from '@playwright/test';
import type { Person } from './api';

/** Signs in with a pasted token, as anyone can (the token is never put in a URL). */
export async function signInWithToken(page: Page, who: Person, path = '/console/sign-in'): Promise<void> {
  await page.goto(path);
  await page.getByRole('textbox', { name: 'Access token' }).fill(who.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  expect(page.url()).not.toContain(who.token);
}

/** Picks one of the development identities on the sign-in page, as a newcomer does under npm start. */
export async function signInAs(page: Page, role: string): Promise<void> {
  await page.goto('/console/sign-in');
  await page.getByRole('button', { name: role, exact: true }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/sign-in/);
}
