import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker, launch, openChat, waitFor, type Harness } from './harness';
import type { Page } from 'playwright-core';
import { openPage, seedExport, writeTemp } from './ui-helpers';

/** The worker's `chrome` (the test process has no extension typings in scope). */
declare const chrome: { action: { getBadgeText(d: { tabId?: number }): Promise<string> } };

/**
 * The popup's capture status once it has left its loading state. The popup asks for the
 * tab's health only after its first paint, so the text read right after a reload can still
 * be the loading placeholder (a no-break space); reading it then made this test flaky in CI.
 */
async function settledStatus(popup: Page): Promise<string | null> {
  const status = popup.getByTestId('capture-status');
  await popup.waitForFunction(
    () => {
      const text = document.querySelector('[data-testid="capture-status"]')?.textContent;
      return !!text && text.trim() !== '';
    },
    undefined,
    { timeout: 5_000 },
  );
  return status.textContent();
}

/** The global toolbar badge text (no tabId). */
async function globalBadge(h: Harness): Promise<string> {
  const worker = await currentWorker(h);
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

describe('capture status in the popup, and the toolbar badge (issue #6)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('tells the user whether capture works on the chat tab in front, and what to do', async () => {
    const chat = await openChat(h, 'claude');
    const popup = await openPage(h, 'popup');
    await chat.bringToFront();
    // The popup reads the active tab of its window when it opens.
    await expect
      .poll(
        async () => {
          await popup.reload();
          return settledStatus(popup);
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(/^Counting on Claude: working\. Page reader: working\. Traffic reader: working\./);
    // The page changes under the adapter (every attribute it reads gone, text still shown):
    // the popup says the page reader is not working, that the traffic reader still counts,
    // and what to do.
    await chat.evaluate(() => {
      for (const el of document.querySelectorAll('main *, #main-content *'))
        for (const a of Array.from(el.attributes)) el.removeAttribute(a.name);
    });
    await expect
      .poll(
        async () => {
          await popup.reload();
          return settledStatus(popup);
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(
        /^Counting on Claude only in part: .*Reload the tab; if it persists.* Page reader: not working\. Traffic reader: working\./,
      );
    await popup.bringToFront();
    await popup.reload();
    await expect
      .poll(() => popup.getByTestId('capture-status').textContent())
      .toBe('This tab is not a ChatGPT, Claude, Le Chat or Gemini page.');
  });

  it("shows today's grams on the toolbar badge, follows the settings, and can be switched off", async () => {
    expect(await globalBadge(h)).toBe('');
    const options = await openPage(h, 'options');
    await options
      .getByLabel('Import JSON')
      .setInputFiles(writeTemp('badge.json', seedExport(30, 10)));
    await waitFor(async () => /^\d/.test(await globalBadge(h)), 10_000, 'badge with grams');
    const usa = Number.parseFloat(await globalBadge(h));
    await options
      .getByRole('combobox', { name: 'Region for OpenAI (ChatGPT)' })
      .selectOption('SWE');
    await options
      .getByRole('combobox', { name: 'Region for Anthropic (Claude)' })
      .selectOption('SWE');
    await waitFor(
      async () => Number.parseFloat(await globalBadge(h)) < usa,
      10_000,
      'badge lower on a cleaner grid',
    );
    await options
      .getByRole('checkbox', { name: 'Show today’s grams on the toolbar icon' })
      .uncheck();
    await waitFor(async () => (await globalBadge(h)) === '', 10_000, 'badge off');
    // Settings from the popup reuse an open options tab: close it for the next test.
    await options.close();
  });

  it('opens the report and the settings from the popup', async () => {
    for (const [link, page] of [
      ['Monthly report', 'report.html'],
      ['Settings', 'options.html'],
    ] as const) {
      const popup = await openPage(h, 'popup');
      const [opened] = await Promise.all([
        h.context.waitForEvent('page', { predicate: (p) => p.url().endsWith(page) }),
        popup.getByRole('link', { name: link }).click(),
      ]);
      await opened.waitForLoadState();
      expect(new URL(opened.url()).pathname).toBe(`/${page}`);
    }
  });
});
