import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convPath, defineCaptureSuite, OTHER_SITE, expectCounts } from './capture-helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extensionDir, launch, openChat, PAGES, type Harness } from './harness';

defineCaptureSuite('chatgpt', () => launch({ [OTHER_SITE]: 'chatgpt-2025-article.html' }));

describe('content scripts stay small', () => {
  it.each(['chatgpt', 'claude', 'lechat'])(
    '%s.js: ≤ 15 KB gzipped, no tokenizer or carbon code',
    (s) => {
      const code = readFileSync(join(extensionDir(), 'content-scripts', `${s}.js`));
      expect(gzipSync(code).length).toBeLessThan(15 * 1024);
      expect(code.toString()).not.toMatch(/EcoLogits|o200k|Tiktoken|liveQuery/);
    },
  );
  // V8 compiles the whole script at once with this hint (wxt.config.ts
  // contentScriptCompileHints); it only counts as a line of its own, and minification drops it.
  it.each(['chatgpt', 'claude', 'lechat'])('%s.js opens with the compile hint', (s) => {
    const [first, second] = readFileSync(
      join(extensionDir(), 'content-scripts', `${s}.js`),
      'utf8',
    ).split('\n', 2);
    expect(first).toBe('//# allFunctionsCalledOnLoad');
    expect(second).toMatch(new RegExp(`^var ${s}=\\(function\\(\\)`));
  });
});

describe('delivery while the MV3 worker is stopped', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a temporary chat (no id in the URL) is still counted, under a null conversation', async () => {
    const page = await openChat(
      h,
      'chatgpt',
      '?temporary-chat=true&stream=1&startDelay=700&duration=600',
      '/',
    );
    const rows = await expectCounts(h, '', { interactions: 1, captured: 2 });
    expect(rows.interactions[0]!.conversationId).toBeNull();
    await page.close();
  });

  it('a worker killed before the prompt and again mid-stream loses and doubles nothing', async () => {
    const { path, id } = convPath('chatgpt', 990);
    const page = await h.context.newPage();
    const cdp = await h.context.newCDPSession(page);
    const killWorker = async () => {
      const { targetInfos } = await cdp.send('Target.getTargets');
      for (const t of targetInfos)
        if (t.type === 'service_worker' && t.url.includes(h.extensionId))
          await cdp.send('Target.closeTarget', { targetId: t.targetId });
    };
    await killWorker();
    const done = page.waitForEvent('console', {
      predicate: (m) => m.text() === 'fixture:stream-complete',
      timeout: 30_000,
    });
    await page.addInitScript(() =>
      document.addEventListener('fixture:stream-complete', () =>
        console.log('fixture:stream-complete'),
      ),
    );
    await page.goto(`${PAGES.chatgpt.origin}${path}?stream=1&startDelay=700&duration=2000`);
    await page.waitForTimeout(1400); // the prompt is out, the reply streams
    await killWorker();
    await done;
    await killWorker(); // right after completion, while the response may be in flight
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    await page.close();
  });
});
