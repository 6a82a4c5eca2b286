import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleTestSettings } from '../../../../libs/config/src/console-test-settings';

const RESULTS_DIR = consoleTestSettings().resultsDir ?? join(__dirname, '../../../../test-results/console');
const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** A desktop and a phone (buyers file from the warehouse floor). */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/**
 * Every screen at both sizes: no serious or critical accessibility violation (axe), nothing wider than the
 * window, and a full-page screenshot of each kept in test-results/console/screenshots.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`), `${name} at ${viewport.width}×${viewport.height}`).toEqual([]);
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width + 1) return [];
      // The outermost elements reaching past the window, to say what to fix.
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 1))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`);
    });
    expect(wide, `${name} at ${viewport.width}×${viewport.height} is wider than the window`).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
