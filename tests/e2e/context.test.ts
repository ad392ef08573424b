import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSiteTokens } from '../../lib/model/tokenize';
import { historyTurns } from '../fixtures/traffic';
import {
  convPath,
  expectCounts,
  playExchange,
  settle,
  spaNavigate,
  type Site,
} from './capture-helpers';
import { currentWorker, launch, openChat, served, type Harness } from './harness';

// Issue #14: a streamed reply in a 20-turn conversation records the context the model
// re-read, counted independently here from the turns the harness served; a reload, a
// re-render or an SPA navigation records nothing new.

declare const chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } };

const HISTORY = 20;
const SITES: Site[] = ['chatgpt', 'claude', 'lechat'];

/** Tokens of the conversation the page loaded: the generated history and the turns it shows. */
async function loadedTokens(site: Site, id: string, turns = HISTORY, pad = 0): Promise<number> {
  const load = served.find((s) => s.url.includes(id) && new URL(s.url).searchParams.has('fixture'));
  const shown = JSON.parse(new URL(load!.url).searchParams.get('fixture')!) as { text?: string }[];
  const texts = [...historyTurns(turns, id, pad), ...shown].map((t) => t.text ?? '(text)');
  let n = 0;
  for (const t of texts) n += (await countSiteTokens(t, site)).tokens;
  return n;
}
const tokens = async (site: Site, ...texts: string[]) => {
  let n = 0;
  for (const t of texts) n += (await countSiteTokens(t, site)).tokens;
  return n;
};
type Row = { contextTokens?: number; contextFrom?: string; at: number };
const byTime = (rows: Record<string, unknown>[]) =>
  (rows as unknown as Row[]).sort((a, b) => a.at - b.at);

describe.each(SITES)('context on %s', (site) => {
  let h: Harness;
  let n = 0;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });
  const open = async (path: string, query: string) => {
    const page = await openChat(h, site, query, path);
    // The page's conversation load is served before the exchange starts.
    await page.waitForFunction(
      () =>
        ((window as unknown as { __fixtureTraffic?: { received: unknown[] } }).__fixtureTraffic
          ?.received.length ?? 0) > 0,
    );
    return page;
  };

  it('records the loaded branch as context, then what the tab added; reload, re-render and navigation add nothing', async () => {
    const { path, id } = convPath(site, 700 + n++);
    const page = await open(path, `?history=${HISTORY}`);
    const first = {
      user: 'And what about the water?',
      reply: 'About half a litre per kWh. '.repeat(3),
    };
    await playExchange(page, site, first);
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    await playExchange(page, site, { user: 'Thanks.', reply: 'You are welcome.' });
    const two = await expectCounts(h, id, { interactions: 2, captured: 4 });
    const loaded = await loadedTokens(site, id);
    const [r1, r2] = byTime(two.interactions);
    expect(r1).toMatchObject({ contextTokens: loaded, contextFrom: 'tap' });
    expect(r2).toMatchObject({
      contextTokens: loaded + (await tokens(site, first.user, first.reply)),
      contextFrom: 'tap',
    });

    // The worker kept counts and keys under the conversation, never the text.
    const worker = await currentWorker(h);
    const session = await worker.evaluate(() => chrome.storage.session.get(null));
    const item = session[`ctx:${site}:${id}`];
    expect(item).toBeDefined();
    expect(JSON.stringify(item)).not.toContain('watt-hours');

    await page.goto(page.url().replace(/\?.*$/, `?history=${HISTORY}&rerender=1`));
    await page.waitForTimeout(1500);
    await spaNavigate(page, site, convPath(site, 799).path);
    await page.goBack();
    await expectCounts(h, id, { interactions: 2, captured: 4 });
    await page.close();
  });

  it('a long conversation, passed from the tap in slices, counts whole', async () => {
    const { path, id } = convPath(site, 740 + n++);
    // 100 replies of ~12 k characters: the body (> 1.2 M characters) is parsed in stretches
    // (lib/content/tap/sliced-json.ts) and its texts cross the channel in several slices.
    const page = await open(path, '?history=200&historyPad=12000');
    await playExchange(page, site, { user: 'Summarize?', reply: 'In short: it depends.' });
    const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
    expect(byTime(r.interactions)[0]).toMatchObject({
      contextTokens: await loadedTokens(site, id, 200, 12000),
      contextFrom: 'tap',
    });
    await page.close();
  });

  it.runIf(site === 'chatgpt')(
    'a regeneration re-reads the branch up to its prompt, the prompt included',
    async () => {
      const { path, id } = convPath(site, 760 + n++);
      const page = await open(path, `?history=${HISTORY}`);
      // The page's last reply streams again under a new id, as ChatGPT's "Try again" does.
      await page.evaluate(async () => {
        const turns = document.querySelectorAll('[data-message-author-role]');
        const user = [...turns]
          .filter((t) => t.getAttribute('data-message-author-role') === 'user')
          .at(-1)!;
        const reply = turns[turns.length - 1]!;
        const replyId = crypto.randomUUID();
        reply.setAttribute('data-message-id', replyId);
        const md = reply.querySelector('.markdown')!;
        const container = reply.closest('[data-turn-id-container]')!;
        const bar = container.querySelector('[role="group"]')!;
        const slot = bar.parentElement!;
        bar.remove();
        md.classList.add('result-streaming');
        md.textContent = '';
        const btn = document.getElementById('composer-submit-button')!;
        btn.setAttribute('data-testid', 'stop-button');
        type Send = (o: Record<string, unknown>) => Promise<unknown>;
        const traffic = (window as unknown as { __fixtureTraffic: { send: Send } })
          .__fixtureTraffic;
        const text = 'A second try at the answer, streamed again.';
        const sent = traffic.send({
          regenerate: true,
          reply: text,
          ms: 600,
          promptId: user.getAttribute('data-message-id'),
          replyId,
        });
        for (let i = 1; i <= 4; i++) {
          await new Promise((r) => setTimeout(r, 150));
          md.textContent = text.slice(0, Math.ceil((text.length * i) / 4));
        }
        await sent;
        md.classList.remove('result-streaming');
        slot.append(bar);
        btn.setAttribute('data-testid', 'send-button');
      });
      const r = await expectCounts(h, id, { interactions: 1, captured: 1 });
      // Everything loaded but the reply being replaced (its text is '(text)').
      const want = (await loadedTokens(site, id)) - (await tokens(site, '(text)'));
      expect(byTime(r.interactions)[0]).toMatchObject({ contextTokens: want, contextFrom: 'tap' });
      await page.close();
    },
  );

  it('without the traffic, the rendered turns give a lower bound marked dom', async () => {
    const { path, id } = convPath(site, 720 + n++);
    const page = await openChat(h, site, `?traffic=0&history=${HISTORY}`, path);
    await playExchange(page, site, { user: 'Short?', reply: 'Yes, short.' });
    const r = await settle(h, id);
    const row = byTime(r.interactions)[0]!;
    expect(row.contextFrom).toBe('dom');
    expect(row.contextTokens).toBeGreaterThan(0);
    // The page shows a few turns, not the history it would load: a lower bound indeed.
    const history = historyTurns(HISTORY, id).map((t) => t.text ?? '');
    expect(row.contextTokens).toBeLessThan(await tokens(site, ...history));
    await page.close();
  });
});
