import type { Page } from '@playwright/test';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

/**
 * Saves the page at 320 and 480 px wide, light and dark (`screenshots/<view>-<width>-<scheme>.png`), then puts
 * it back at 400 px in the light scheme for the rest of the test.
 */
export async function shootWidths(page: Page, view: string): Promise<void> {
  for (const width of [320, 480]) {
    await page.setViewportSize({ width, height: 760 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({
        path: new URL(`${view}-${width}-${colorScheme}.png`, SCREENSHOTS).pathname,
        fullPage: true,
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 400, height: 760 });
}
