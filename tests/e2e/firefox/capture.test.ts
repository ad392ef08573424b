import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  convPath,
  dailyTotal,
  expectCounts,
  forgePageMessages,
  NEW_CHAT,
  OTHER_SITE,
  playExchange,
  spaNavigate,
  type Site,
} from '../capture-helpers';
import { PAGES } from '../harness';
import { expectNoText, fixturePhrases } from '../hard-helpers';
import {
  asHelperPage,
  backgroundErrors,
  badgeTextFx,
  healthItemsFx,
  launchFirefox,
  sourcesSeenFx,
  openChatFx,
  readStoreFx,
  scriptable,
  type FirefoxHarness,
} from './harness';

/**
 * The built Firefox add-on in Firefox ESR (issue #16): the capture checks of
 * tests/e2e/capture-*.test.ts that matter most, on the same saved pages, in one browser.
 */
const SITES: Site[] = ['chatgpt', 'claude', 'lechat'];
// The content scripts start at document_idle: a stream that starts sooner than ~0.5 s
// would be history before capture begins.
const FAST = '&startDelay=700&duration=600';

let h: FirefoxHarness;
const stores = (store: string) => readStoreFx(h, store);
let n = 0;
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
beforeAll(async () => {
  h = await launchFirefox({ [OTHER_SITE]: 'chatgpt-2025-article.html' });
  await h.probe(); // from here on, the background page's errors are recorded
});
afterAll(async () => {
  await h?.close();
});

describe.each(SITES)('Firefox: capture on %s', (site) => {
  it('a streamed exchange is recorded once with no message text stored; a reload adds nothing', async () => {
    const { path, id } = convPath(site, ++n);
    const before = await dailyTotal(stores, 'count');
    const page = await openChatFx(h, site, `?stream=1${FAST}`, path);
    const r = await expectCounts(stores, id, { interactions: 1, captured: 2 });
    const row = r.interactions[0]!;
    expect(row.site).toBe(site);
    expect(row.inputTokens).toBeGreaterThan(3);
    expect(row.outputTokens).toBeGreaterThan(10);
    expect(typeof row.model).toBe('string');
    expect(await dailyTotal(stores, 'count')).toBe(before + 1);
    // Both sources saw it: the DOM observer and the main-world traffic tap (Firefox runs
    // manifest main-world content scripts in MV2 too).
    await expect
      .poll(async () => {
        const seen = (await sourcesSeenFx(h))[site];
        return { dom: (seen?.dom ?? 0) > 0, tap: (seen?.tap ?? 0) > 0 };
      })
      .toEqual({ dom: true, tap: true });
    // Every phrase of the page's turns, the streamed reply included, is absent from
    // IndexedDB and from extension storage (local, session, sync).
    await expectNoText(asHelperPage(await h.probe()), await fixturePhrases(asHelperPage(page)));
    // The same conversation opened again, then reloaded: its history adds nothing.
    await page.goto(PAGES[site].origin + path);
    await sleep(1200);
    await page.reload();
    await expectCounts(stores, id, { interactions: 1, captured: 2 });
    await page.close();
  });

  it('navigating between two conversations in the SPA adds nothing; the next exchange counts once', async () => {
    const a = convPath(site, ++n);
    const b = convPath(site, ++n);
    const page = await openChatFx(h, site, '', a.path);
    await sleep(800);
    await spaNavigate(scriptable(page), site, b.path);
    await sleep(1200);
    await spaNavigate(scriptable(page), site, a.path);
    await sleep(1500);
    await expectCounts(stores, a.id, { interactions: 0, captured: 0 });
    await expectCounts(stores, b.id, { interactions: 0, captured: 0 });
    await spaNavigate(scriptable(page), site, b.path);
    await sleep(1200);
    await playExchange(scriptable(page), site, {
      user: 'After navigating.',
      reply: 'Counted under B.',
    });
    await expectCounts(stores, b.id, { interactions: 1, captured: 2 });
    await page.close();
  });
  it('two streamed responses in a row record two', async () => {
    const { path, id } = convPath(site, ++n);
    const page = await openChatFx(h, site, `?stream=1${FAST}`, path);
    await expectCounts(stores, id, { interactions: 1, captured: 2 });
    await playExchange(scriptable(page), site, {
      user: 'One more question, please.',
      reply: 'Here is a second answer, streamed in a few chunks like the first one.',
    });
    await expectCounts(stores, id, { interactions: 2, captured: 4 });
    await page.close();
  });

  it('a new chat that gets its id while the first reply streams counts prompt and reply once', async () => {
    const { path, id } = convPath(site, ++n);
    const page = await openChatFx(h, site, '', NEW_CHAT[site]);
    await sleep(600);
    const promptsBefore = await dailyTotal(stores, 'prompts');
    await playExchange(scriptable(page), site, {
      user: 'First message of a new chat.',
      reply: 'The first reply, during which the URL gains the conversation id.',
      navigateTo: path,
    });
    await expectCounts(stores, id, { interactions: 1, captured: 1 });
    expect(await dailyTotal(stores, 'prompts')).toBe(promptsBefore + 1);
    await page.close();
  });

  it('forged page messages and events record nothing, and the page sees no error', async () => {
    const { path, id } = convPath(site, ++n);
    const page = await openChatFx(h, site, '', path);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await sleep(600);
    // From the page's own world: Firefox hands the content script these through Xray
    // wrappers, where a page object's getters and prototype are not visible.
    await page.evaluate(forgePageMessages, { site, id });
    await sleep(500);
    await expectCounts(stores, id, { interactions: 0, captured: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a 1 MB prompt and an empty response are recorded sensibly', async () => {
    const { path, id } = convPath(site, ++n);
    const page = await openChatFx(h, site, '', path);
    await sleep(600);
    const big = 'lorem ipsum dolor sit amet '.repeat(40_000); // 1.08 MB
    await playExchange(scriptable(page), site, { user: big, reply: '' });
    const r = await expectCounts(stores, id, { interactions: 1, captured: 2 });
    expect(r.interactions[0]!.inputTokens).toBeGreaterThan(100_000);
    expect(r.interactions[0]!.outputTokens).toBe(0);
    await page.close();
  });
});

describe('Firefox: capture health', () => {
  it('a page whose messages the adapter cannot find gets a "!" badge; leaving the site clears it', async () => {
    const page = await openChatFx(h, 'claude', '', convPath('claude', ++n).path);
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('main *, #main-content *'))
        for (const a of Array.from(el.attributes)) el.removeAttribute(a.name);
    });
    let tab = '';
    await expect
      .poll(
        async () => {
          const items = await healthItemsFx(h);
          tab = Object.keys(items).find((k) => items[k]!.state === 'broken') ?? '';
          return tab;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');
    await expect.poll(() => badgeTextFx(h, Number(tab))).toBe('!');
    await page.goto(OTHER_SITE);
    await expect.poll(async () => (await healthItemsFx(h))[tab]).toBeUndefined();
    await expect.poll(() => badgeTextFx(h, Number(tab))).not.toBe('!');
    await page.close();
  });
});

describe('Firefox: the background page', () => {
  it('reported no uncaught error, unhandled rejection or console.error during these tests', async () => {
    expect(await backgroundErrors(h)).toEqual([]);
  });
});
