import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openChat, readStore, waitFor, type Harness } from './harness';

describe('opt-in per-response badge on the chat page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the completed response’s grams after it once the user switches it on', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const toggle = options.getByRole('checkbox', { name: /badge with each response/i });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await expect.poll(() => toggle.isChecked()).toBe(true);

    const chat = await openChat(h, 'chatgpt', '?stream=1&startDelay=700&duration=600');
    await waitFor(async () => (await readStore(h, 'interactions')).length === 1, 15_000, 'a row');
    const badge = chat.locator('tokenprint-badge');
    await badge.waitFor({ timeout: 10_000 });
    // One badge, after the streamed (third) assistant turn only: history gets none.
    expect(await badge.count()).toBe(1);
    const text = await badge.evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toMatch(/≈\s?[\d.,]+\s?g CO₂e/);
    const after = await badge.evaluate(
      (el) => el.previousElementSibling?.getAttribute('data-turn') ?? null,
    );
    expect(after).toBe('assistant');
  });
});
