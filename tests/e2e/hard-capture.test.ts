import { getEncoding } from 'js-tiktoken';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playExchange } from './capture-helpers';
import { launch, PAGES, type Harness } from './harness';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  controlRequest,
  expectNoNetwork,
  expectNoText,
  FIXTURE_PHRASES,
  fixturePhrases,
  netLogArgs,
  newConversation,
  readNetLog,
  recordRoutes,
  settled,
  workerControl,
  type Site,
} from './hard-helpers';

/**
 * Hard capture cases in one browser (issue #7): the worker stopped mid-stream, ten tabs at
 * once, forged page messages and nodes, a 1 MB reply and a 100 KB unbroken run, seeded DOM
 * fuzzing; then no request left the browser and no text was stored.
 */
describe('hard capture', () => {
  let h: Harness;
  let ext: Page;
  let worker: Awaited<ReturnType<typeof workerControl>>;
  const netLog = join(mkdtempSync(join(tmpdir(), 'tokenprint-netlog-')), 'net.json');
  let closed = false;
  let intercepted: string[] = [];
  const opened = new Set<string>();
  const errors: string[] = [];
  const phrases = new Set<string>(FIXTURE_PHRASES);

  /** Opens a saved page at a fresh conversation without waiting for its stream. */
  async function open(site: Site, query = '') {
    const conv = newConversation(site);
    const url = PAGES[site].origin + conv.path + query;
    opened.add(url);
    const page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(`${site}: ${String(e)}`));
    const events: string[] = [];
    page.on('console', (m) => {
      if (m.text().startsWith('fixture:')) events.push(m.text());
    });
    await page.addInitScript(() => {
      for (const e of ['fixture:stream-start', 'fixture:stream-complete'])
        document.addEventListener(e, () => console.log(e));
    });
    await page.goto(url);
    const event = async (name: string) => {
      const end = Date.now() + 30_000;
      while (!events.includes(name)) {
        if (Date.now() > end) throw new Error(`${site}: no ${name}`);
        await page.waitForTimeout(20);
      }
    };
    return { page, conv, event };
  }

  async function collectPhrases(page: Page) {
    for (const p of await fixturePhrases(page)) phrases.add(p);
  }

  beforeAll(async () => {
    h = await launch({}, netLogArgs(netLog));
    intercepted = await recordRoutes(h.context);
    ext = await h.context.newPage();
    await ext.goto(`chrome-extension://${h.extensionId}/options.html`);
    worker = await workerControl(h.context, ext, h.extensionId);
  });
  afterAll(async () => {
    if (!closed) await h?.close();
  });

  it('the worker stopped mid-stream, or around completion, still records each response exactly once', async () => {
    // The start delay counts from the fixture's script, before the content script (document_idle)
    // has taken its baseline: a prompt shown before that would be history.
    const FLOW = '?stream=1&startDelay=1500&duration=2500';
    // ChatGPT: stopped while the reply streams (the prompt was recorded by the old worker).
    const a = await open('chatgpt', FLOW);
    await a.event('fixture:stream-start');
    await a.page.waitForTimeout(900);
    await worker.stop();
    await a.event('fixture:stream-complete');
    // Claude: stopped again and again right after completion, while the capture is delivered.
    const b = await open('claude', FLOW);
    await b.event('fixture:stream-complete');
    for (let i = 0; i < 4; i++) {
      await worker.stop();
      await b.page.waitForTimeout(150);
    }
    // Le Chat: stopped twice during the stream and once after it.
    const c = await open('lechat', FLOW);
    await c.event('fixture:stream-start');
    await worker.stop();
    await c.page.waitForTimeout(700);
    await worker.stop();
    await c.event('fixture:stream-complete');
    await worker.stop();
    for (const x of [a, b, c]) {
      const r = await settled(ext, x.conv.id, 1500, 1);
      expect({ i: r.interactions.length, c: r.captured.length, p: r.pending.length }).toEqual({
        i: 1,
        c: 2,
        p: 0,
      });
      expect(Number(r.interactions[0]!.inputTokens)).toBeGreaterThan(3);
      await collectPhrases(x.page);
      await x.page.close();
    }
  });

  it('ten tabs on the three sites streaming at once: every response recorded once', async () => {
    const sites: Site[] = [
      'chatgpt',
      'claude',
      'lechat',
      'chatgpt',
      'claude',
      'lechat',
      'chatgpt',
      'claude',
      'lechat',
      'chatgpt',
    ];
    const tabs = await Promise.all(
      sites.map((s) => open(s, '?stream=1&startDelay=2500&duration=2000')),
    );
    await Promise.all(tabs.map((t) => t.event('fixture:stream-complete')));
    for (const t of tabs) {
      const r = await settled(ext, t.conv.id, 1000, 1);
      expect({ i: r.interactions.length, c: r.captured.length, p: r.pending.length }).toEqual({
        i: 1,
        c: 2,
        p: 0,
      });
    }
    await collectPhrases(tabs[1]!.page);
    await collectPhrases(tabs[2]!.page);
    await Promise.all(tabs.map((t) => t.page.close()));
  });

  it('a page script forging messages, events, extension calls and turns with recorded ids creates no record', async () => {
    const { page, conv, event } = await open('chatgpt', '?stream=1&startDelay=300&duration=600');
    await event('fixture:stream-complete');
    const before = await settled(ext, conv.id, 1500, 1);
    expect(before.interactions).toHaveLength(1);
    const outcome = await page.evaluate(
      async ({ id, extensionId }) => {
        const forged = {
          v: 1,
          site: 'chatgpt',
          kind: 'response',
          key: 'forged-1',
          conversationId: id,
          modelLabel: 'gpt-4o',
          at: Date.now(),
          text: 'forged words that must never count',
        };
        // Messages in every shape the extension's libraries use, and none.
        for (const data of [
          forged,
          { type: 'capture', data: forged },
          { id: 1, type: 'capture', data: forged, timestamp: Date.now() },
          { message: { type: 'capture', data: forged } },
        ]) {
          window.postMessage(data, '*');
          window.postMessage(JSON.stringify(data), '*');
        }
        for (const name of [
          'capture',
          'tokenprint:capture',
          'wxt:content-script-started',
          'wxt:locationchange',
          'fixture:stream-complete',
        ])
          for (const target of [window, document])
            target.dispatchEvent(new CustomEvent(name, { detail: forged }));
        // The page cannot reach the extension directly (no externally_connectable).
        const w = window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } };
        let direct = 'no chrome.runtime.sendMessage in the page';
        if (typeof w.chrome?.runtime?.sendMessage === 'function') {
          try {
            await (w.chrome.runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(
              extensionId,
              forged,
            );
            direct = 'sent';
          } catch (e) {
            direct = `refused: ${String(e)}`;
          }
        }
        // Turns carrying the ids of turns already recorded (the streamed exchange), with new
        // text, re-inserted completed; and the recorded reply removed and put back.
        const containers = document.querySelectorAll('[data-turn-id-container]');
        const list = containers[0]!.parentElement!;
        const last = containers[containers.length - 1]!;
        const copy = last.cloneNode(true) as Element;
        copy.querySelector('.markdown')!.textContent = 'A forged reply under a recorded id.';
        const prev = containers[containers.length - 2]!.cloneNode(true) as Element;
        prev.querySelector('.whitespace-pre-wrap')!.textContent =
          'A forged prompt under a recorded id.';
        last.remove();
        list.append(prev, copy);
        await new Promise((r) => setTimeout(r, 700));
        list.append(last);
        return direct;
      },
      { id: conv.id, extensionId: h.extensionId },
    );
    expect(outcome).not.toBe('sent');
    const after = await settled(ext, conv.id, 2000);
    expect(after.interactions).toEqual(before.interactions);
    expect(after.captured).toHaveLength(before.captured.length);
    expect(JSON.stringify(await ext.evaluate(() => indexedDB.databases()))).not.toContain('forged');
    phrases.add('forged words that must never count').add('A forged reply under a recorded id');
    await page.close();
  });

  it('a 1 MB reply and a 100 KB unbroken run are counted (exactly, for ChatGPT) and the page keeps ticking', async () => {
    const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet,', 'consectetur', 'adipiscing', 'elit.'];
    const big = Array.from({ length: 150_000 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    expect(big.length).toBeGreaterThan(1_000_000);
    // Seeded letters, no space: one pre-tokenizer piece of 100,000 characters.
    let x = 7;
    const run = Array.from({ length: 100_000 }, () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return 'abcdefghijklmnopqrstuvwxyz'[x % 26];
    }).join('');
    const cases: { site: Site; reply: string }[] = [
      { site: 'chatgpt', reply: big },
      { site: 'claude', reply: run },
    ];
    for (const { site, reply } of cases) {
      const { page, conv } = await open(site);
      await page.waitForTimeout(800);
      await playExchange(page, site, { user: 'Write a very long answer.', reply, ms: 600 });
      // From the page's last change on, only the extension works: a heartbeat must keep going.
      await page.evaluate(() => {
        const w = window as unknown as { __beat: { n: number; maxGap: number; last: number } };
        w.__beat = { n: 0, maxGap: 0, last: performance.now() };
        setInterval(() => {
          const now = performance.now();
          w.__beat.maxGap = Math.max(w.__beat.maxGap, now - w.__beat.last);
          w.__beat.last = now;
          w.__beat.n++;
        }, 25);
      });
      const r = await settled(ext, conv.id, 1500, 1);
      expect(r.interactions).toHaveLength(1);
      const out = Number(r.interactions[0]!.outputTokens);
      if (site === 'chatgpt') {
        // ChatGPT counts are exact o200k_base: compare with js-tiktoken.
        expect(out).toBe(getEncoding('o200k_base').encode(big).length);
      } else {
        // Random letters are 2–5 characters per o200k token.
        expect(out).toBeGreaterThan(reply.length / 6);
        expect(out).toBeLessThan(reply.length / 1.5);
      }
      const beat = await page.evaluate(
        () => (window as unknown as { __beat: { n: number; maxGap: number } }).__beat,
      );
      expect(beat.n).toBeGreaterThan(20);
      // A liveness bound, not a measurement (figures are in `npm run bench`): the page was
      // never frozen for a whole second while the extension handled the reply.
      expect(beat.maxGap).toBeLessThan(1000);
      await page.close();
    }
    phrases.add('lorem ipsum dolor sit').add(run.slice(5000, 5040));
  });

  it('fuzz: seeded mutations of the saved pages never throw into the page and never double-count', async () => {
    const SEEDS = [1, 2, 3, 4];
    const runs = (['chatgpt', 'claude', 'lechat'] as const).flatMap((site) =>
      SEEDS.map((seed) => ({ site, seed })),
    );
    for (let i = 0; i < runs.length; i += 3) {
      const batch = await Promise.all(
        runs.slice(i, i + 3).map(async ({ site, seed }) => {
          const t = await open(site, '?stream=1&startDelay=1500&duration=1500');
          // The content script has taken its first look at the page by now (document_idle).
          await t.page.waitForTimeout(700);
          await t.page.evaluate(mutate, { seed, rounds: 8, spreadMs: 1800 });
          await t.event('fixture:stream-complete');
          return { ...t, site, seed };
        }),
      );
      for (const t of batch) {
        const r = await settled(ext, t.conv.id, 1200);
        // Broken markup may stop counting; it must never count a turn twice or the history.
        expect(r.interactions.length, `${t.site} seed ${t.seed}`).toBeLessThanOrEqual(1);
        expect(r.captured.length, `${t.site} seed ${t.seed}`).toBeLessThanOrEqual(2);
        await t.page.close();
      }
    }
    expect(errors).toEqual([]);
  });

  it('no message text is in IndexedDB or chrome.storage, and the extension made no request', async () => {
    await expectNoText(ext, [...phrases]);
    const control = 'https://control.invalid/tokenprint-netlog-control.png';
    await controlRequest(ext, control);
    await h.close();
    closed = true;
    expectNoNetwork(intercepted, readNetLog(netLog), h.extensionId, opened, control);
  });
});

/**
 * Runs in the page: `rounds` seeded random mutations of the conversation's DOM, spread over
 * `spreadMs` (before, during and after the simulated stream): attributes removed, a node
 * moved before its previous sibling, a node wrapped in an extra element.
 */
async function mutate({
  seed,
  rounds,
  spreadMs,
}: {
  seed: number;
  rounds: number;
  spreadMs: number;
}) {
  let s = seed >>> 0;
  const rand = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: ArrayLike<T>): T | undefined => xs[Math.floor(rand() * xs.length)];
  for (let r = 0; r < rounds; r++) {
    const root = document.querySelector('main, #main-content') ?? document.body;
    const el = pick(root.querySelectorAll('*'));
    if (el) {
      const op = Math.floor(rand() * 3);
      if (op === 0) {
        const attr = pick(el.attributes);
        if (attr) el.removeAttribute(attr.name);
      } else if (op === 1) {
        const prev = el.previousElementSibling;
        if (prev) el.parentElement!.insertBefore(el, prev);
      } else if (el.parentElement) {
        const wrap = document.createElement(rand() < 0.5 ? 'div' : 'span');
        el.parentElement.insertBefore(wrap, el);
        wrap.append(el);
      }
    }
    await new Promise((res) => setTimeout(res, spreadMs / rounds));
  }
}
