// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, estimate } from '../../../lib/model/carbon';
import { responseGrams } from '../../../lib/worker/badge';
import { TokenprintDB } from '../../../lib/db/schema';
import { addInteractions } from '../../../lib/db/write';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/worker/settings';
import {
  RESPONSE_BADGE_TAG,
  responseBadgeText,
  showResponseBadge,
} from '../../../lib/content/ResponseBadge';

const g = { min: 0.14, central: 0.28, max: 0.54 };

describe('per-response badge on the chat page', () => {
  it('puts one pill right after the response, and updates it in place', () => {
    document.body.innerHTML = '<article id="a">reply</article><p id="next"></p>';
    const anchor = document.getElementById('a')!;
    const host = showResponseBadge(anchor, g, 'en');
    expect(anchor.nextElementSibling).toBe(host);
    expect(host.tagName.toLowerCase()).toBe(RESPONSE_BADGE_TAG);
    expect(host.shadowRoot!.textContent).toContain('≈0.28 g CO₂e');
    expect(host.shadowRoot!.querySelector('span')!.title).toBe(
      'Tokenprint: 0.14–0.54 g CO₂e for this response',
    );
    showResponseBadge(anchor, { min: 1, central: 2, max: 3 }, 'en');
    expect(document.querySelectorAll(RESPONSE_BADGE_TAG)).toHaveLength(1);
    expect(host.shadowRoot!.textContent).toContain('≈2 g CO₂e');
  });

  it('formats with the locale', () => {
    expect(responseBadgeText(g, 'fr')).toBe('≈0,28 g CO₂e');
  });
});

describe('responseGrams (what the background adds to the capture ack)', () => {
  it('is null while the setting is off (the default), the estimate once it is on', async () => {
    const database = new TokenprintDB('response-grams');
    const row = {
      id: 'claude:k1',
      at: Date.now(),
      site: 'claude' as const,
      conversationId: 'c',
      model: 'claude-sonnet-4-5',
      inputTokens: 120,
      outputTokens: 640,
    };
    await addInteractions(database, [row]);
    expect(await responseGrams(database, row.id)).toBeNull();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, responseBadge: true });
    const want = estimate(
      { count: 1, inputTokens: 120, inputTokensSq: 120 * 120, outputTokens: 640 },
      row.model,
      row.site,
      DEFAULT_ASSUMPTIONS,
    ).gco2e;
    expect(await responseGrams(database, row.id)).toEqual(want);
    expect(await responseGrams(database, 'claude:missing')).toBeNull();
  });
});
