import type { Locator } from '@playwright/test';

/** The value of a figure (a term and its definition in a description list) named by its label. */
export function figure(scope: Locator, label: string): Locator {
  return scope.getByRole('term').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).locator('xpath=following-sibling::dd[1]');
}
