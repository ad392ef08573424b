import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { currentWorker, openChat, PAGES, readStore, waitFor, type Harness } from './harness';

export type Site = keyof typeof PAGES;

/** A page on no chat site, served by the harness from a saved page (route it in launch()). */
export const OTHER_SITE = 'https://example.org/';

/** The worker's `chrome` (the test process has no extension typings in scope). */
interface WorkerChrome {
  storage: {
    session: { get(k: null): Promise<Record<string, unknown>> };
    local: { get(k: string): Promise<Record<string, unknown>> };
  };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
}
declare const chrome: WorkerChrome;

/** A conversation path of the site's URL form, unique per test (the harness serves the saved page at any path). */
export function convPath(site: Site, n: number): { path: string; id: string } {
  if (site === 'gemini') {
    // Gemini's ids are 16 hex digits (/app/<hex>, the traffic's c_<hex>).
    const id = `${(0xe0000000 + n).toString(16)}${(Date.now() % 0x1_0000_0000).toString(16).padStart(8, '0')}`;
    return { path: `/app/${id}`, id };
  }
  const id = `${(0xe0000000 + n).toString(16)}-0000-4000-8000-${String(Date.now()).padStart(12, '0').slice(-12)}`;
  const prefix = site === 'chatgpt' ? '/c/' : site === 'claude' ? '/chat/' : '/chat/';
  return { path: prefix + id, id };
}

/** Where each site starts a new chat (no conversation id in the URL yet). */
export const NEW_CHAT: Record<Site, string> = {
  chatgpt: '/',
  claude: '/new',
  lechat: '/chat',
  gemini: '/app',
};

/**
 * Where the extension's stores are read: the Chromium harness (from its worker) or any
 * reader of them (the Firefox harness reads from an extension page).
 */
export type Stores = Harness | ((store: string) => Promise<Record<string, unknown>[]>);
const rowsOf = (h: Stores, store: string) =>
  typeof h === 'function' ? h(store) : readStore(h, store);

/** A page that runs a function with one argument in its document (Playwright's, or Puppeteer's wrapped). */
export interface Scriptable {
  evaluate<A>(fn: (arg: A) => Promise<void> | void, arg: A): Promise<unknown>;
}

/** What the background recorded for one conversation. */
export async function recorded(h: Stores, conversationId: string) {
  // '' stands for chats without an id: null on interactions, '' on the other stores.
  const interactions = (await rowsOf(h, 'interactions')).filter(
    (r) => (r.conversationId ?? '') === conversationId,
  );
  // Every key recorded: prompt keys in `captured`, responses as their interaction rows
  // (schema v3 keeps no `captured` row for a response).
  const captured = [
    ...(await rowsOf(h, 'captured')).filter((r) => r.conversationId === conversationId),
    ...interactions,
  ];
  const pending = (await rowsOf(h, 'prompts')).filter((r) => r.conversationId === conversationId);
  return { interactions, captured, pending };
}

/** Sum of a daily-rollup field over every row (all days, sites and models). */
export async function dailyTotal(h: Stores, field: 'count' | 'prompts' | 'outputTokens') {
  return (await rowsOf(h, 'daily')).reduce((s, r) => s + Number(r[field] ?? 0), 0);
}

/**
 * The worker's copy of the recent rollups (lib/db/recent.ts) and the database's rows of the
 * same days: after a capture they should be the same.
 */
export async function recentCopyAndRows(h: Harness) {
  const worker = await currentWorker(h);
  const copy = (await worker.evaluate(
    async () => (await chrome.storage.local.get('recentDaily')).recentDaily,
  )) as { from: number; rows: Record<string, unknown>[] } | undefined;
  const rows = (await readStore(h, 'daily')).filter((r) => Number(r.day) >= (copy?.from ?? 0));
  return { copy: copy?.rows, rows };
}

/** Waits until nothing changes for `quietMs` (late duplicates get their chance to land). */
export async function settle(h: Stores, conversationId: string, quietMs = 1000) {
  let last = '';
  let since = Date.now();
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const r = await recorded(h, conversationId);
    const now = JSON.stringify([r.interactions.length, r.captured.length, r.pending.length]);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return r;
    await new Promise((res) => setTimeout(res, 150));
  }
  return recorded(h, conversationId);
}

export async function expectCounts(
  h: Stores,
  conversationId: string,
  want: { interactions: number; captured: number; pending?: number },
) {
  const r = await settle(h, conversationId);
  expect({
    interactions: r.interactions.length,
    captured: r.captured.length,
    pending: r.pending.length,
  }).toEqual({ pending: 0, ...want });
  return r;
}

/** Session-storage health items of the extension, by tab id. */
export async function healthItems(
  h: Harness,
): Promise<Record<string, { state: string; site: string; turns: number }>> {
  const worker = await currentWorker(h);
  return worker.evaluate(async () => {
    const all = (await chrome.storage.session.get(null)) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) if (k.startsWith('health:')) out[k.slice(7)] = v;
    return out as Record<string, { state: string; site: string; turns: number }>;
  });
}

export async function badgeText(h: Harness, tabId: number): Promise<string> {
  const worker = await currentWorker(h);
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/**
 * Plays one more exchange on an open saved page, the way the site shows it: a user turn, a
 * reply that streams with the site's markers, then its completion markers. Built by cloning
 * the page's last user and assistant turns (new ids, new text).
 */
export async function playExchange(
  page: Scriptable,
  site: Site,
  opts: {
    user: string;
    reply: string;
    ms?: number;
    tag?: string;
    navigateTo?: string;
    /** The page's own request for the reply, served by the harness (default on). */
    traffic?: boolean;
    /** Issue #14: the reasoning label the reply shows, in the site's markup (NOTES.md §13). */
    think?: string;
    /** Issue #14: what the traffic also carries (thinkSec, searches, images, model, files). */
    extra?: Record<string, unknown>;
  },
): Promise<void> {
  await page.evaluate(
    async ({ site, user, reply, ms, tag, navigateTo, traffic, think, extra }) => {
      type Send = (o: Record<string, unknown>) => Promise<unknown>;
      const tapped = (window as unknown as { __fixtureTraffic?: { send: Send } }).__fixtureTraffic;
      const conversationId = (
        site === 'gemini'
          ? /\/(?:app|gem\/[^/]+)\/([0-9a-f]+)$/
          : /\/(?:c|chat|work)\/([0-9a-f-]{36})/
      ).exec(navigateTo ?? '')?.[1];
      // Sent as the turns appear, as the sites do; read by the page while it renders.
      const send = (promptId?: string, replyId?: string): void => {
        if (traffic && tapped)
          void tapped.send({
            user,
            reply,
            ms,
            promptId,
            replyId,
            ...(conversationId ? { conversationId } : {}),
            ...extra,
          });
      };
      // The reasoning label as each site draws it (tests/fixtures/*-2026-reasoning.html).
      const showThink = (a: Element) => {
        // A cloned reply keeps the label it had: drop it first.
        for (const old of a.querySelectorAll('button[aria-expanded], .row-start-1')) old.remove();
        if (!think) return;
        const t = document.createElement('template');
        if (site === 'chatgpt') {
          t.innerHTML = `<button type="button" aria-expanded="false">${think}</button>`;
          const md = a.querySelector('.markdown')!;
          md.parentElement!.insertBefore(t.content, md);
        } else if (site === 'claude') {
          t.innerHTML = `<div class="row-start-1"><button type="button" class="group/status" aria-expanded="false">${think}<span class="sr-only">${think}</span></button></div>`;
          a.querySelector('.font-claude-response')!.prepend(t.content);
        } else if (site === 'lechat') {
          const letters = [...think].map((c) => `<span>${c}</span>`).join('');
          t.innerHTML = `<button type="button" aria-expanded="false" aria-label="${think}">${letters}</button>`;
          const answer = a.querySelector('[data-message-part-type="answer"]')!;
          answer.parentElement!.insertBefore(t.content, answer);
        }
      };
      const sleep0 = (t: number) => new Promise((r) => setTimeout(r, t));
      let slept = 0;
      // Halfway through the reply, the SPA may move to another URL (a new chat gets its id).
      const sleep = async (t: number) => {
        await sleep0(t);
        slept += t;
        if (navigateTo && slept >= ms / 2) {
          history.pushState(null, '', navigateTo);
          navigateTo = '';
        }
      };
      const uuid = () => crypto.randomUUID();
      const steps = 6;
      // A drift test's clean templates and mutation (prepareDrift), applied after each step.
      const w = window as unknown as {
        __exchange?: { list: Element; u: Element; a: Element; btn: Element | null };
        __drift?: () => void;
      };
      const stash = w.__exchange;
      const drift = () => w.__drift?.();
      const chunk = (i: number) => reply.slice(0, Math.ceil((reply.length * i) / steps));
      if (site === 'chatgpt') {
        const containers = document.querySelectorAll('[data-turn-id-container]');
        const list = stash?.list ?? containers[0]!.parentElement!;
        const u = (stash?.u ?? containers[containers.length - 2]!).cloneNode(true) as Element;
        const a = (stash?.a ?? containers[containers.length - 1]!).cloneNode(true) as Element;
        for (const c of [u, a]) {
          const id = uuid();
          c.setAttribute('data-turn-id-container', id);
          c.querySelector('section')!.setAttribute('data-turn-id', id);
          c.querySelector('[data-message-id]')!.setAttribute('data-message-id', uuid());
        }
        u.querySelector('.whitespace-pre-wrap')!.textContent = user;
        const bar = a.querySelector('[role="group"]')!;
        const slot = bar.parentElement!;
        bar.remove();
        const md = a.querySelector('.markdown')!;
        md.classList.add('result-streaming');
        md.textContent = '';
        showThink(a);
        const btn = stash?.btn ?? document.getElementById('composer-submit-button')!;
        list.append(u);
        btn.setAttribute('data-testid', 'stop-button');
        list.append(a);
        send(
          u.querySelector('[data-message-id]')!.getAttribute('data-message-id')!,
          a.querySelector('[data-message-id]')!.getAttribute('data-message-id')!,
        );
        drift();
        for (let i = 1; i <= steps; i++) {
          await sleep(ms / steps);
          md.textContent = chunk(i);
          drift();
        }
        md.classList.remove('result-streaming');
        slot.append(bar);
        btn.setAttribute('data-testid', 'send-button');
        drift();
      } else if (site === 'claude') {
        const wrappers = document.querySelectorAll('[data-test-render-count]');
        const list = stash?.list ?? wrappers[0]!.parentElement!;
        const u = (stash?.u ?? wrappers[wrappers.length - 2]!).cloneNode(true) as Element;
        const a = (stash?.a ?? wrappers[wrappers.length - 1]!).cloneNode(true) as Element;
        u.querySelector('[data-testid="user-message"] p')!.textContent = user;
        const flag = a.querySelector('[data-is-streaming]')!;
        flag.setAttribute('data-is-streaming', 'true');
        const bar = a.querySelector('[role="group"]')!.parentElement!;
        const slot = bar.parentElement!;
        bar.remove();
        const md = a.querySelector('.standard-markdown')!;
        md.textContent = '';
        showThink(a);
        list.append(u, a);
        drift();
        send();
        for (let i = 1; i <= steps; i++) {
          await sleep(ms / steps);
          md.textContent = chunk(i);
          drift();
        }
        flag.setAttribute('data-is-streaming', 'false');
        slot.append(bar);
        drift();
      } else if (site === 'gemini') {
        // One pair per exchange: the prompt and its reply, under the reply's id.
        const pairs = document.querySelectorAll('.conversation-container');
        const list = stash?.list ?? pairs[0]!.parentElement!;
        const pair = (stash?.a ?? pairs[pairs.length - 1]!).cloneNode(true) as Element;
        const hex = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
        const old = pair.id;
        pair.id = hex;
        for (const el of pair.querySelectorAll('[id], [jslog]')) {
          if (el.id) el.id = el.id.replace(old, hex);
          const log = el.getAttribute('jslog');
          if (log) el.setAttribute('jslog', log.replace(/r_[0-9a-f]+/g, `r_${hex}`));
        }
        pair.querySelector('.query-text')!.textContent = user;
        pair.querySelector('model-thoughts')?.remove();
        const footer = pair.querySelector('.response-footer')!;
        footer.classList.remove('complete');
        const actions = pair.querySelector('message-actions')!;
        actions.remove();
        actions.classList.remove('hide-action-bar');
        const md = pair.querySelector('.markdown-main-panel')!;
        md.textContent = '';
        const btn = stash?.btn ?? document.getElementById('fixture-send-or-stop')!;
        const idle = { cls: btn.className, label: btn.getAttribute('aria-label') };
        list.append(pair);
        btn.className = 'send-button stop';
        btn.setAttribute('aria-label', 'Stop response');
        send(undefined, `r_${hex}`);
        drift();
        for (let i = 1; i <= steps; i++) {
          await sleep(ms / steps);
          md.textContent = chunk(i);
          drift();
        }
        footer.classList.add('complete');
        // After the reply's container (found from the footer: a drift may rename model-response).
        footer.closest('response-container')!.after(actions);
        btn.className = idle.cls;
        if (idle.label) btn.setAttribute('aria-label', idle.label);
        drift();
      } else {
        const rows = document.querySelectorAll('[data-fixture-role="message-list"] > div');
        const list = stash?.list ?? rows[0]!.parentElement!;
        const u = (stash?.u ?? rows[rows.length - 2]!).cloneNode(true) as Element;
        const a = (stash?.a ?? rows[rows.length - 1]!).cloneNode(true) as Element;
        for (const c of [u, a]) {
          const id = uuid();
          const row = c.querySelector('[data-message-id]')!;
          row.setAttribute('data-message-id', id);
          row.id = id;
        }
        u.querySelector('.select-text')!.textContent = user;
        a.querySelector('[data-message-part-type="reasoning"]')?.remove();
        const column = a.querySelector('[data-message-author-role] > div + div')!;
        const footer = column.lastElementChild!;
        const footerHtml = footer.innerHTML;
        footer.innerHTML = '';
        const answer = a.querySelector('[data-message-part-type="answer"]')!;
        answer.textContent = '';
        showThink(a);
        const btn = stash?.btn ?? document.getElementById('fixture-send-or-stop')!;
        const sendIcon = btn.innerHTML;
        list.append(u);
        btn.innerHTML = '<svg><rect x="6" y="6" width="12" height="12" rx="2"/></svg>';
        list.append(a);
        send(
          u.querySelector('[data-message-id]')!.getAttribute('data-message-id')!,
          a.querySelector('[data-message-id]')!.getAttribute('data-message-id')!,
        );
        drift();
        for (let i = 1; i <= steps; i++) {
          await sleep(ms / steps);
          answer.textContent = chunk(i);
          drift();
        }
        footer.innerHTML = footerHtml;
        btn.innerHTML = sendIcon;
        drift();
      }
      document.dispatchEvent(new CustomEvent('test:exchange-done', { detail: tag }));
    },
    {
      site,
      user: opts.user,
      reply: opts.reply,
      ms: opts.ms ?? 900,
      tag: opts.tag ?? '',
      navigateTo: opts.navigateTo ?? '',
      traffic: opts.traffic ?? true,
      think: opts.think ?? '',
      extra: opts.extra ?? {},
    },
  );
}

/**
 * A simulated SPA navigation to another conversation: the URL changes (pushState, as the
 * sites do) and the page's turns are replaced by that conversation's history (new ids and
 * texts, all complete).
 */
export async function spaNavigate(page: Scriptable, site: Site, path: string): Promise<void> {
  await page.evaluate(
    ({ site, path }) => {
      history.pushState(null, '', path);
      const sel =
        site === 'chatgpt'
          ? '[data-turn-id-container]'
          : site === 'claude'
            ? '[data-test-render-count]'
            : site === 'gemini'
              ? '.conversation-container'
              : '[data-fixture-role="message-list"] > div';
      const old = Array.from(document.querySelectorAll(sel));
      const list = old[0]!.parentElement!;
      const fresh = old.map((o) => {
        const c = o.cloneNode(true) as Element;
        if (site === 'gemini') {
          // The pair's hex names it, its reply (r_) and its elements' ids.
          const hex = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
          for (const el of [c, ...c.querySelectorAll('[id], [jslog]')]) {
            if (el.id) el.id = el.id.replace(o.id, hex);
            const log = el.getAttribute('jslog');
            if (log) el.setAttribute('jslog', log.replace(/r_[0-9a-f]+/g, `r_${hex}`));
          }
        }
        for (const el of [c, ...c.querySelectorAll('*')]) {
          for (const attr of ['data-message-id', 'data-turn-id', 'data-turn-id-container', 'id']) {
            const v = el.getAttribute(attr);
            if (v && /^[0-9a-f]{8}-/.test(v)) el.setAttribute(attr, crypto.randomUUID());
          }
        }
        for (const p of c.querySelectorAll('p, .whitespace-pre-wrap'))
          p.textContent = `${p.textContent} (other conversation)`;
        return c;
      });
      for (const o of old) o.remove();
      list.append(...fresh);
    },
    { site, path },
  );
}

/**
 * Runs in a chat page's own world: messages and events shaped like the extension's own,
 * and an event whose detail throws from a getter. None may record anything.
 */
export function forgePageMessages({ site, id }: { site: Site; id: string }): void {
  const forged = {
    v: 1,
    site,
    kind: 'response',
    key: 'forged',
    conversationId: id,
    modelLabel: null,
    at: Date.now(),
    text: 'forged text',
  };
  window.postMessage(forged, '*');
  window.postMessage({ type: 'capture', data: forged }, '*');
  const hostile = {
    get newUrl() {
      throw new Error('page getter ran');
    },
  };
  window.dispatchEvent(new CustomEvent('wxt:locationchange', { detail: forged }));
  window.dispatchEvent(new CustomEvent('wxt:locationchange', { detail: hostile }));
  document.dispatchEvent(new CustomEvent('fixture:stream-complete'));
}

/**
 * The end-to-end capture checks every site must pass, in one browser per file.
 * Fixture switches: see each saved page's header comment.
 */
export function defineCaptureSuite(site: Site, launchFn: () => Promise<Harness>): void {
  // The content script starts at document_idle, after the saved page's own script: a stream
  // that starts sooner than ~0.5 s would be over (history) before capture begins.
  const FAST = '&startDelay=700&duration=600';
  let n = 0;

  describe(`capture on ${site}`, () => {
    let h: Harness;
    const errors: string[] = [];
    const open = async (path: string, query = '') => {
      const page = await openChat(h, site, query, path);
      page.on('pageerror', (e) => errors.push(String(e)));
      return page;
    };
    beforeAll(async () => {
      h = await launchFn();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('?stream=1 records one prompt and one response; the page history adds nothing; a reload adds nothing', async () => {
      const { path, id } = convPath(site, ++n);
      const before = await dailyTotal(h, 'count');
      const beforePrompts = await dailyTotal(h, 'prompts');
      const page = await open(path, `?stream=1${FAST}`);
      const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
      const row = r.interactions[0]!;
      expect(row.site).toBe(site);
      expect(row.inputTokens).toBeGreaterThan(3);
      expect(row.outputTokens).toBeGreaterThan(10);
      expect(typeof row.model).toBe('string');
      expect(await dailyTotal(h, 'count')).toBe(before + 1);
      expect(await dailyTotal(h, 'prompts')).toBe(beforePrompts + 1);
      // The worker refreshed the popup's copy of the recent rollups after the write.
      await expect
        .poll(async () => {
          const { copy, rows } = await recentCopyAndRows(h);
          return copy !== undefined && isDeepStrictEqual(copy, rows);
        })
        .toBe(true);
      // The same conversation reloaded (static: its history now includes nothing new).
      await page.goto(PAGES[site].origin + path);
      await page.waitForTimeout(1200);
      await page.reload();
      await expectCounts(h, id, { interactions: 1, captured: 2 });
      // Health: this tab works.
      const items = Object.values(await healthItems(h));
      expect(items.some((i) => i.site === site && i.state === 'working' && i.turns >= 4)).toBe(
        true,
      );
      await page.close();
    });

    it('?stream=1&rerender=1 counts the streamed exchange once and the re-rendered history not at all', async () => {
      const { path, id } = convPath(site, ++n);
      const page = await open(path, '?stream=1&rerender=1&startDelay=600&duration=600');
      await expectCounts(h, id, { interactions: 1, captured: 2 });
      await page.close();
    });

    it('two streamed responses in a row record two', async () => {
      const { path, id } = convPath(site, ++n);
      const page = await open(path, `?stream=1${FAST}`);
      await expectCounts(h, id, { interactions: 1, captured: 2 });
      await playExchange(page, site, {
        user: 'One more question, please.',
        reply: 'Here is a second answer, streamed in a few chunks like the first one.',
      });
      const r = await expectCounts(h, id, { interactions: 2, captured: 4 });
      expect(r.interactions.every((i) => Number(i.inputTokens) > 0)).toBe(true);
      await page.close();
    });

    it('a new chat that gets its id while the first reply streams counts prompt and reply once, paired', async () => {
      const { path, id } = convPath(site, ++n);
      const page = await open(NEW_CHAT[site]);
      await page.waitForTimeout(600);
      const promptsBefore = await dailyTotal(h, 'prompts');
      await playExchange(page, site, {
        user: 'First message of a new chat.',
        reply: 'The first reply, during which the URL gains the conversation id.',
        navigateTo: path,
      });
      const r = await expectCounts(h, id, { interactions: 1, captured: 1 });
      expect(Number(r.interactions[0]!.inputTokens)).toBeGreaterThan(3);
      // Nothing came before the first prompt, and the ledger knows it (not a lower bound),
      // whether the URL or the traffic named the chat's id first.
      expect(r.interactions[0]).toMatchObject({ contextFrom: 'tap' });
      expect(Number(r.interactions[0]!.contextTokens ?? 0)).toBe(0);
      // One prompt, captured before the URL had an id, and paired (none left pending).
      expect(await dailyTotal(h, 'prompts')).toBe(promptsBefore + 1);
      const pending = (await readStore(h, 'prompts')).filter((p) => p.site === site);
      expect(pending).toEqual([]);
      await page.close();
    });

    it('navigating between two conversations in the SPA adds nothing', async () => {
      const a = convPath(site, ++n);
      const b = convPath(site, ++n);
      const page = await open(a.path);
      await page.waitForTimeout(800);
      await spaNavigate(page, site, b.path);
      await page.waitForTimeout(1200); // scans re-read the URL; no need to wait for WXT's poll
      await spaNavigate(page, site, a.path);
      await page.waitForTimeout(1500);
      await expectCounts(h, a.id, { interactions: 0, captured: 0 });
      await expectCounts(h, b.id, { interactions: 0, captured: 0 });
      // ...and the next real exchange after navigating is still counted, under B.
      await spaNavigate(page, site, b.path);
      await page.waitForTimeout(1200);
      await playExchange(page, site, { user: 'After navigating.', reply: 'Counted under B.' });
      await expectCounts(h, b.id, { interactions: 1, captured: 2 });
      await page.close();
    });

    it('a conversation root replaced by the page is observed again', async () => {
      const { path, id } = convPath(site, ++n);
      const page = await open(path);
      await page.waitForTimeout(500);
      await page.evaluate(() => {
        const r = document.querySelector('main') ?? document.querySelector('#main-content')!;
        r.replaceWith(r.cloneNode(true));
      });
      // Seen at once by the observer of the root's ancestors: the housekeeping, which would
      // also find it, runs only every 10 s once capture works.
      await page.waitForTimeout(300);
      await playExchange(page, site, { user: 'After the root changed.', reply: 'Still seen.' });
      await expectCounts(h, id, { interactions: 1, captured: 2 });
      // A container of the root replaced (the root with it) is seen the same way.
      await page.evaluate(() => {
        const r = document.querySelector('main') ?? document.querySelector('#main-content')!;
        const box = r.parentElement!;
        box.replaceWith(box.cloneNode(true));
      });
      await page.waitForTimeout(300);
      await playExchange(page, site, { user: 'After its container changed.', reply: 'Seen too.' });
      await expectCounts(h, id, { interactions: 2, captured: 4 });
      await page.close();
    });

    it('forged page messages and events record nothing', async () => {
      const { path, id } = convPath(site, ++n);
      const page = await open(path);
      await page.waitForTimeout(600);
      await page.evaluate(forgePageMessages, { site, id });
      await page.waitForTimeout(500);
      await expectCounts(h, id, { interactions: 0, captured: 0 });
      await page.close();
    });

    it('a 1 MB prompt and an empty response are recorded sensibly; odd DOM throws nothing into the page', async () => {
      const { path, id } = convPath(site, ++n);
      const page = await open(path);
      await page.waitForTimeout(600);
      const big = 'lorem ipsum dolor sit amet '.repeat(40_000); // 1.08 MB
      await playExchange(page, site, { user: big, reply: '' });
      const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
      expect(r.interactions[0]!.inputTokens).toBeGreaterThan(100_000);
      expect(r.interactions[0]!.outputTokens).toBe(0);
      // Odd and partial DOM: wrappers without ids or roles, unknown roles, empty parts.
      await page.evaluate(() => {
        const junk = document.createElement('div');
        junk.innerHTML = `<section data-testid="conversation-turn-99"></section>
          <div data-message-author-role="robot" data-message-id=""></div>
          <div data-testid="user-message"></div><div data-is-streaming="true"></div>
          <div data-is-streaming="false"><div class="font-claude-response"></div></div>
          <div data-message-author-role="assistant"><div data-message-part-type="answer"></div></div>`;
        (document.querySelector('main') ?? document.body).append(junk);
        junk.remove();
        (document.querySelector('main') ?? document.body).append(junk);
      });
      await page.waitForTimeout(1000);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a conversation page whose messages the adapter cannot find is reported broken, with a "!" badge', async () => {
      const { path } = convPath(site, ++n);
      const page = await open(path);
      // Strip every attribute and class the adapter reads: the text stays on screen.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('main *, #main-content *')) {
          for (const a of Array.from(el.attributes)) el.removeAttribute(a.name);
        }
      });
      let tab = '';
      await waitFor(
        async () => {
          const items = await healthItems(h);
          tab = Object.keys(items).find((k) => items[k]!.state === 'broken') ?? '';
          return tab !== '';
        },
        15_000,
        'a broken health report',
      );
      // The health item is written before the badge is set: wait for the badge too.
      await waitFor(async () => (await badgeText(h, Number(tab))) === '!', 10_000, 'the "!"');
      // The same tab back on a page that works: "working", the "!" gone.
      await page.goto(PAGES[site].origin + convPath(site, ++n).path);
      await waitFor(
        async () => (await healthItems(h))[tab]?.state === 'working',
        15_000,
        'a working report',
      );
      await waitFor(async () => (await badgeText(h, Number(tab))) !== '!', 10_000, 'the "!" gone');
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('main *, #main-content *'))
          for (const a of Array.from(el.attributes)) el.removeAttribute(a.name);
      });
      await waitFor(async () => (await badgeText(h, Number(tab))) === '!', 15_000, 'a "!" again');
      // ...and leaving the chat sites clears it (no content script there to report).
      await page.goto(OTHER_SITE);
      await waitFor(
        async () => (await healthItems(h))[tab] === undefined,
        15_000,
        'the health item dropped',
      );
      await waitFor(async () => (await badgeText(h, Number(tab))) !== '!', 10_000, 'the "!" gone');
      await page.close();
    });
  });
}
