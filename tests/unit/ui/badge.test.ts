import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { withRegion } from '../../../lib/model/carbon';
import { badgeText, refreshBadge } from '../../../lib/worker/badge';
import { TokenprintDB } from '../../../lib/db/schema';
import { addInteractions } from '../../../lib/db/write';
import { settingsItem, DEFAULT_SETTINGS } from '../../../lib/worker/settings';

describe('toolbar badge text (about four characters)', () => {
  it.each([
    [0, 0, ''],
    [0.04, 1, '0'],
    [0.35, 3, '0.3'],
    [0.96, 3, '1'],
    [4.25, 9, '4.3'],
    [9.96, 9, '10'],
    [123.4, 9, '123'],
    [999.4, 9, '999'],
    [999.6, 9, '1.0k'],
    [12_345, 9, '12k'],
    [250_000, 9, '99k+'],
    [Number.NaN, 3, ''],
  ])('%d g over %d responses → %j', (g, n, text) => {
    expect(badgeText(g, n)).toBe(text);
  });
});

describe('refreshBadge', () => {
  const NOW = new Date(2026, 10, 23, 12).getTime();
  it("shows today's grams, follows the assumptions, and is blank when switched off", async () => {
    const database = new TokenprintDB('badge-test');
    await addInteractions(database, [
      {
        id: 'chatgpt:1',
        at: NOW,
        site: 'chatgpt',
        conversationId: null,
        model: 'gpt-4o',
        inputTokens: 2000,
        outputTokens: 30_000,
      },
      {
        id: 'chatgpt:2',
        at: NOW - 86_400_000 * 3,
        site: 'chatgpt',
        conversationId: null,
        model: 'gpt-4o',
        inputTokens: 9,
        outputTokens: 900_000,
      },
    ]);
    const usa = await refreshBadge(database, NOW);
    expect(usa).toMatch(/^\d/);
    expect(await fakeBrowser.action.getBadgeText({})).toBe(usa);
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      assumptions: withRegion(DEFAULT_SETTINGS.assumptions, 'openai', 'SWE'),
    });
    const swe = await refreshBadge(database, NOW);
    expect(Number(swe)).toBeLessThan(Number(usa));
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, toolbarBadge: false });
    expect(await refreshBadge(database, NOW)).toBe('');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});
