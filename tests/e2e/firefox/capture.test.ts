import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  convPath,
  dailyTotal,
  expectCounts,
  OTHER_SITE,
  playExchange,
  spaNavigate,
  type Site,
} from '../capture-helpers';
import { PAGES } from '../harness';
import { expectNoText, fixturePhrases } from '../hard-helpers';
import {
  asHelperPage,
  badgeTextFx,
  healthItemsFx,
  launchFirefox,
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
beforeAll(async () => {
  h = await launchFirefox({ [OTHER_SITE]: 'chatgpt-2025-article.html' });
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
    // Every phrase of the page's turns, the streamed reply included, is absent from
    // IndexedDB and from extension storage (local, session, sync).
    await expectNoText(asHelperPage(await h.probe()), await fixturePhrases(asHelperPage(page)));
    // The same conversation opened again, then reloaded: its history adds nothing.
    await page.goto(PAGES[site].origin + path);
    await new Promise((res) => setTimeout(res, 1200));
    await page.reload();
    await expectCounts(stores, id, { interactions: 1, captured: 2 });
    await page.close();
  });

  it('navigating between two conversations in the SPA adds nothing; the next exchange counts once', async () => {
    const a = convPath(site, ++n);
    const b = convPath(site, ++n);
    const page = await openChatFx(h, site, '', a.path);
    await new Promise((res) => setTimeout(res, 800));
    await spaNavigate(scriptable(page), site, b.path);
    await new Promise((res) => setTimeout(res, 1200));
    await spaNavigate(scriptable(page), site, a.path);
    await new Promise((res) => setTimeout(res, 1500));
    await expectCounts(stores, a.id, { interactions: 0, captured: 0 });
    await expectCounts(stores, b.id, { interactions: 0, captured: 0 });
    await spaNavigate(scriptable(page), site, b.path);
    await new Promise((res) => setTimeout(res, 1200));
    await playExchange(scriptable(page), site, {
      user: 'After navigating.',
      reply: 'Counted under B.',
    });
    await expectCounts(stores, b.id, { interactions: 1, captured: 2 });
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
