import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openChat, readStore, screenshot, waitFor, type Harness } from './harness';

describe('walking skeleton: saved ChatGPT page → IndexedDB → popup', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records one interaction for a streamed response and shows it in the popup', async () => {
    const chat = await openChat(h, 'chatgpt', '?stream=1');
    await waitFor(async () => (await readStore(h, 'interactions')).length >= 1, 15_000, 'a row');
    // Give any late duplicate a chance to land before counting.
    await chat.waitForTimeout(1500);
    const rows = await readStore(h, 'interactions');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      site: 'chatgpt',
      conversationId: '6870a3f2-1b4c-8004-9d3e-2f1c5a7b9e10',
    });
    expect(rows[0]!.inputTokens).toBeGreaterThan(5);
    expect(rows[0]!.outputTokens).toBeGreaterThan(20);

    // No message text in storage: phrases from the fixture's prompt and streamed reply.
    const everything = JSON.stringify([rows, await readStore(h, 'prompts')]);
    for (const phrase of [
      'sort the evens',
      'descending order',
      'reverse=True',
      'returns a new list',
    ]) {
      expect(everything).not.toContain(phrase);
    }

    // The popup (issue #6 owns its details, tests/e2e/ui-pages.test.ts) leaves its empty state.
    const popup = await h.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await popup.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await popup.getByTestId('empty-state').count()).toBe(0);
    // Today's column of the totals table shows the one prompt and the one response.
    const todayCell = (row: RegExp) =>
      popup.getByRole('row', { name: row }).getByRole('cell').first().textContent();
    await expect.poll(() => todayCell(/^Responses/)).toBe('1');
    expect(await todayCell(/^Prompts/)).toBe('1');
    // The per-response badge is opt-in: off by default, nothing is added to the chat page.
    expect(await chat.locator('tokenprint-badge').count()).toBe(0);
    await screenshot(popup, 'skeleton-popup');
  });
});
