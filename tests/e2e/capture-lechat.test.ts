import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convPath, defineCaptureSuite, OTHER_SITE, expectCounts } from './capture-helpers';
import { launch, openChat, type Harness } from './harness';

defineCaptureSuite('lechat', () => launch({ [OTHER_SITE]: 'chatgpt-2025-article.html' }));

describe('Le Chat specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('?clone=1 (rows drawn twice, one zero-size) counts the streamed exchange once', async () => {
    const { path, id } = convPath('lechat', 900);
    const page = await openChat(h, 'lechat', '?clone=1&stream=1&startDelay=700&duration=600', path);
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    // The streamed rows get their zero-size copies too (same ids), after completion.
    await page.evaluate(() => {
      const box = document.querySelector('[aria-hidden="true"]')!;
      const rows = document.querySelectorAll('[data-fixture-role="message-list"] > div');
      for (const r of Array.from(rows).slice(-2)) box.append(r.cloneNode(true));
    });
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    await page.close();
  });

  it('/work/<uuid> URLs are conversations too', async () => {
    const id = '24cad125-0a1b-4c2d-8e3f-4a5b6c7d8e9f';
    const page = await openChat(
      h,
      'lechat',
      '?stream=1&startDelay=700&duration=600',
      `/work/${id}`,
    );
    const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
    expect(r.interactions[0]!.conversationId).toBe(id);
    await page.close();
  });
});
