// Callbacks given to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../../src/config/configuration';
import { ensureChromium } from '../../../scripts/provision/chromium';

/** Screenshots of every page the browser tests visit (git-ignored, kept by CI as artefacts). */
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'test-artifacts', 'web');

/** The two screens every page must work on. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 768 },
} as const;

/** A real Chromium (Debian's, installed when missing and running as root), headless. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
      '--font-render-hinting=none',
    ],
  });
}

export interface PageReport {
  violations: string[];
  screenshots: string[];
}

/**
 * axe (WCAG 2.0–2.2 A and AA rules) on the page as it is, then a full-page screenshot at each
 * size. Returns the serious and critical violations, one readable line each.
 */
export async function checkPage(page: Page, name: string): Promise<PageReport> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const screenshots: string[] = [];
  const violations: string[] = [];
  // Settled: no request under way, no transition half done (axe would read the colours of a
  // button still fading from disabled to enabled).
  await page.waitForLoadState('networkidle');
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => document.fonts.ready);
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    for (const v of result.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      violations.push(
        `${name} (${size}): ${v.id} [${v.impact}] ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
      );
    }
    const path = join(ARTIFACTS_DIR, `${name}-${size}.png`);
    await page.screenshot({ path, fullPage: true });
    screenshots.push(path);
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  return { violations, screenshots };
}
