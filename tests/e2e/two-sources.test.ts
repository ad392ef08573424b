import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  convPath,
  expectCounts,
  healthItems,
  playExchange,
  recorded,
  type Site,
} from './capture-helpers';
import { currentWorker, launch, openChat, served, type Harness } from './harness';

declare const chrome: {
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
};

/** Both sources at work on the saved pages: the DOM observer and the main-world traffic tap. */
describe.each<Site>(['chatgpt', 'claude', 'lechat', 'gemini'])('two sources on %s', (site) => {
  let h: Harness;
  let n = 0;
  const errors: string[] = [];
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });
  const open = async (query = '') => {
    const c = convPath(site, 800 + ++n);
    const page = await openChat(h, site, query, c.path);
    page.on('pageerror', (e) => errors.push(String(e)));
    return { page, ...c };
  };
  /** Waits for the counts (the reconciler may wait for the other source), then for quiet. */
  const counted = async (id: string, want: { interactions: number; captured: number }) => {
    await expect
      .poll(async () => {
        const r = await recorded(h, id);
        return { interactions: r.interactions.length, captured: r.captured.length };
      })
      .toEqual(want);
    await expectCounts(h, id, want);
  };
  const seen = async () => {
    const worker = await currentWorker(h);
    const all = (await worker.evaluate(() => chrome.storage.local.get('sourcesSeen'))) as {
      sourcesSeen?: Record<string, { dom?: number; tap?: number }>;
    };
    return all.sourcesSeen?.[site] ?? {};
  };

  it('a streamed exchange is seen by both sources and recorded once; the page reads exactly what was served', async () => {
    const since = Date.now() - 60_000; // times are kept to the minute
    const { page, id } = await open('?stream=1&startDelay=700&duration=600');
    await counted(id, { interactions: 1, captured: 2 });
    await expect.poll(async () => (await seen()).tap ?? 0).toBeGreaterThan(since);
    const s = await seen();
    expect(s.dom).toBeGreaterThan(since);
    expect(s.tap).toBeGreaterThan(since);
    // What the page read of its stream is byte for byte what the harness served.
    const received = await page.evaluate(
      () =>
        (window as unknown as { __fixtureTraffic: { received: string[] } }).__fixtureTraffic
          .received,
    );
    const streams = served.filter((x) => received.includes(x.body));
    expect(streams.length).toBeGreaterThanOrEqual(2); // the loaded conversation and the reply
    expect(received.every((r) => served.some((x) => x.body === r))).toBe(true);
    await expect
      .poll(async () =>
        Object.values(await healthItems(h)).some(
          (i) =>
            i.site === site &&
            JSON.stringify((i as { sources?: unknown }).sources) ===
              JSON.stringify({ dom: 'working', tap: 'working' }),
        ),
      )
      .toBe(true);
    await page.close();
  });

  it('forged channel events record nothing, a page script cannot get the secret, and capture goes on', async () => {
    const { page, id } = await open();
    await page.waitForTimeout(600);
    const leaked = await page.evaluate(
      async ({ id }) => {
        const got: unknown[] = [];
        for (const t of ['tokenprint:tap-offer', 'tokenprint:tap-ack'])
          document.addEventListener(t, (e) => got.push((e as CustomEvent).detail));
        // A second handshake, asked for and offered; then forged events on guessed channels.
        document.dispatchEvent(new CustomEvent('tokenprint:tap-hello'));
        document.dispatchEvent(new CustomEvent('tokenprint:tap-offer', { detail: 'f'.repeat(32) }));
        const reply = {
          t: 'reply',
          conversationId: id,
          id: 'forged',
          parentId: null,
          text: 'forged reply',
          model: null,
          status: 'complete',
        };
        for (const name of ['tokenprint:' + 'f'.repeat(32), 'tokenprint:tap', 'tokenprint'])
          document.dispatchEvent(new CustomEvent(name, { detail: JSON.stringify(reply) }));
        await new Promise((r) => setTimeout(r, 4000)); // past the reconciler's wait
        return got.filter((d) => d !== 'f'.repeat(32));
      },
      { id },
    );
    expect(leaked).toEqual([]);
    await expectCounts(h, id, { interactions: 0, captured: 0 });
    await playExchange(page, site, { user: 'Still counted?', reply: 'Yes, once, from both.' });
    await counted(id, { interactions: 1, captured: 2 });
    await page.close();
  });

  it('malformed traffic is ignored and never thrown into the page; the DOM still counts', async () => {
    const { page, id } = await open();
    await page.waitForTimeout(600);
    await page.evaluate(() => {
      (window as unknown as { __fixtureTraffic: { drift: string } }).__fixtureTraffic.drift =
        'garbage';
    });
    for (const i of [1, 2])
      await playExchange(page, site, { user: `Question ${i}`, reply: `Answer ${i}, in pieces.` });
    await counted(id, { interactions: 2, captured: 4 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('DOM-only mode (?traffic=0): every turn is still counted', async () => {
    const { page, id } = await open('?traffic=0');
    await page.waitForTimeout(600);
    for (const i of [1, 2])
      await playExchange(page, site, {
        user: `Question ${i}`,
        reply: `Answer ${i}, in pieces.`,
        traffic: false,
      });
    await counted(id, { interactions: 2, captured: 4 });
    await page.close();
  });
});
