import { afterAll, beforeAll, describe, it } from 'vitest';
import { convPath, defineCaptureSuite, expectCounts, OTHER_SITE } from './capture-helpers';
import { launch, openChat, type Harness } from './harness';

defineCaptureSuite('claude', () => launch({ [OTHER_SITE]: 'chatgpt-2025-article.html' }));

describe('Claude keys (no message id in the DOM)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the same exchange streamed again after a reload (same position, same text) is not recounted', async () => {
    const { path, id } = convPath('claude', 950);
    // DOM-only: the keys under test are the DOM's (position + text); the traffic gives every
    // stream the provider's own new message ids, and a reload never replays a stream.
    const page = await openChat(
      h,
      'claude',
      '?stream=1&traffic=0&startDelay=700&duration=600',
      path,
    );
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    // A fresh content script sees it stream as new; the background remembers the keys.
    const again = page.waitForEvent('console', {
      predicate: (m) => m.text() === 'fixture:stream-complete',
    });
    await page.reload();
    await again;
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    await page.close();
  });
});
