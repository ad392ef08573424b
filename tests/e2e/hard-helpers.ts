import { readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import { readableRows } from '../../lib/db/rows';
import { PAGES, pageOwnRequests } from './harness';

/**
 * Helpers of the hard end-to-end tests (tests/e2e/hard-*.test.ts, issue #7). They read the
 * database from an extension page, not through the worker: these tests stop the worker, and
 * a page keeps working across its restarts.
 */

export type Site = keyof typeof PAGES;

/** Phrases of the saved ChatGPT page's streamed exchange (the others come from fixturePhrases). */
export const FIXTURE_PHRASES = [
  'sort the evens',
  'descending order',
  'reverse=True',
  'returns a new list',
];

/**
 * Longer phrases taken from the saved pages' visible text (user and assistant turns): any of
 * them in storage would mean message text was stored.
 */
export async function fixturePhrases(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll(
        '[data-message-author-role] , [data-testid="user-message"], .font-claude-response',
      ),
    ).map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
  const out = new Set<string>();
  for (const t of texts) {
    // Runs of 4 words, from the middle of each turn: specific enough not to match metadata.
    const words = t.split(' ').filter((w) => /^[A-Za-z]{3,}$/.test(w));
    for (let i = 0; i + 4 <= words.length; i += 4) out.add(words.slice(i, i + 4).join(' '));
  }
  return [...out];
}

/**
 * Chromium switches writing every request of the network service (all tabs, extension
 * pages, content scripts and the service worker alike) to a NetLog file, read after the
 * browser has closed.
 */
export function netLogArgs(file: string): string[] {
  return [`--log-net-log=${file}`, '--net-log-capture-mode=Default'];
}

export interface NetRequest {
  url: string;
  /** Origin that started the request ("not an origin" for the browser's own). */
  initiator: string;
  /** Network isolation key: the top frame and frame sites the request was made for. */
  nik: string;
}

export function readNetLog(file: string): NetRequest[] {
  let text = readFileSync(file, 'utf8').trimEnd();
  // A log cut short (browser killed) lacks its closing brackets.
  if (!text.endsWith('}')) text = text.replace(/,?\s*$/, ']}');
  const log = JSON.parse(text) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: Record<string, unknown> }[];
  };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((e) => e.type === start && e.params?.url)
    .map((e) => ({
      url: String(e.params!.url),
      initiator: String(e.params!.initiator ?? ''),
      nik: String(e.params!.network_isolation_key ?? ''),
    }));
}

/**
 * Records every web request Playwright intercepts in the context (pages — chat pages with
 * their content scripts, popup, options, report — and workers), before the harness's own
 * route serves or aborts it.
 */
export async function recordRoutes(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.route(
    (u) => u.protocol !== 'chrome-extension:',
    async (route) => {
      seen.push(route.request().url());
      await route.fallback();
    },
  );
  return seen;
}

/**
 * Asserts the extension made no request. Intercepted: only the documents the tests opened,
 * and `control` (a request the test made from an extension page, proving the recorder sees
 * extension pages). NetLog (everything that reached the network service): nothing started
 * by the extension's origin or made for its pages and worker, and nothing started by the
 * chat pages, where the content scripts run. The manifest's CSP (connect-src 'self') is the
 * reason neither ever sees the worker: a fetch to the web is refused inside it.
 */
export function expectNoNetwork(
  intercepted: string[],
  requests: NetRequest[],
  extensionId: string,
  opened: Set<string>,
  control: string,
) {
  expect(intercepted).toContain(control);
  // The chat pages' own requests (their conversation and reply streams) are theirs: the
  // traffic tap reads them and must add none.
  expect(
    intercepted.filter((u) => u !== control && !opened.has(u) && !pageOwnRequests.has(u)),
  ).toEqual([]);
  const ext = `chrome-extension://${extensionId}`;
  expect(requests.filter((r) => r.initiator.startsWith(ext) || r.nik.includes(ext))).toEqual([]);
  const sites: string[] = Object.values(PAGES).map((p) => p.origin);
  expect(
    requests.filter((r) => sites.includes(r.initiator) && !pageOwnRequests.has(r.url)),
  ).toEqual([]);
}

/** Makes `url` load from an extension page in a way its CSP allows (an image), as a control. */
export async function controlRequest(page: Page, url: string): Promise<void> {
  await page.evaluate(
    (u) =>
      new Promise<void>((res) => {
        const img = new Image();
        img.onload = img.onerror = () => res();
        img.src = u;
      }),
    url,
  );
}

/** Every row of every object store of the extension's database, read from an extension page. */
export async function dumpDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((res, rej) => {
        const open = indexedDB.open('tokenprint');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = Array.from(idb.objectStoreNames);
          const out: Record<string, unknown[]> = {};
          if (names.length === 0) {
            idb.close();
            return res(out);
          }
          const tx = idb.transaction(names);
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (out[n] = r.result as unknown[]);
          }
          tx.oncomplete = () => {
            idb.close();
            res(out);
          };
          tx.onerror = () => rej(tx.error);
        };
      }),
  );
}

/** The primary keys of one object store, in key order, read from an extension page. */
export async function dumpKeys(page: Page, store: string): Promise<unknown[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((res, rej) => {
        const open = indexedDB.open('tokenprint');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const r = idb.transaction(name).objectStore(name).getAllKeys();
          r.onsuccess = () => {
            idb.close();
            res(r.result as unknown[]);
          };
          r.onerror = () => rej(r.error);
        };
      }),
    store,
  );
}

/** chrome.storage local, session and sync, read from an extension page. */
export async function dumpStorage(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: Record<string, { get(k: null): Promise<unknown> }> };
      }
    ).chrome;
    return {
      local: await c.storage.local!.get(null),
      session: await c.storage.session!.get(null),
      sync: await c.storage.sync!.get(null),
    };
  });
}

/** Asserts IndexedDB and chrome.storage hold none of `phrases` (case-insensitive). */
export async function expectNoText(page: Page, phrases: string[]) {
  const everything = JSON.stringify([await dumpDb(page), await dumpStorage(page)]).toLowerCase();
  const found = phrases.filter((p) => everything.includes(p.toLowerCase()));
  expect(found).toEqual([]);
  expect(phrases.length).toBeGreaterThan(3);
}

/**
 * Every row of every store, `interactions` and `captured` in the readable shape of schema v3
 * (lib/db/rows.ts readableRows: schema v4 stores them compactly).
 */
export async function readableDb(page: Page): Promise<Record<string, unknown[]>> {
  const db = await dumpDb(page);
  const keys = db.conversations ? ((await dumpKeys(page, 'conversations')) as number[]) : [];
  const conversations = new Map(keys.map((k, i) => [k, db.conversations![i] as string]));
  return Object.fromEntries(
    Object.entries(db).map(([store, rows]) => [store, readableRows(store, rows, conversations)]),
  );
}

/** What is recorded for one conversation. */
export async function recordedFor(page: Page, conversationId: string) {
  const db = await readableDb(page);
  const mine = (s: string) =>
    ((db[s] ?? []) as Record<string, unknown>[]).filter(
      (r) => (r.conversationId ?? '') === conversationId,
    );
  return {
    interactions: mine('interactions'),
    // Every key recorded: prompt keys in `captured`, responses as their interaction rows
    // (schema v3 keeps no `captured` row for a response).
    captured: [...mine('captured'), ...mine('interactions')],
    pending: mine('prompts'),
  };
}

/**
 * Waits until the conversation has at least `atLeast` interactions, then until what is
 * recorded for it stops changing for `quietMs` (late duplicates get their chance to land).
 */
export async function settled(page: Page, conversationId: string, quietMs = 1500, atLeast = 0) {
  let last = '';
  let since = Date.now();
  const end = Date.now() + 25_000;
  for (;;) {
    const r = await recordedFor(page, conversationId);
    const now = JSON.stringify([r.interactions.length, r.captured.length, r.pending.length]);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (
      (r.interactions.length >= atLeast && Date.now() - since >= quietMs) ||
      Date.now() > end
    )
      return r;
    await new Promise((res) => setTimeout(res, 150));
  }
}

/** A conversation id of the form the site uses, unique per call. */
let convCounter = 0;
export function newConversation(site: Site): { id: string; path: string } {
  const n = (++convCounter).toString(16).padStart(4, '0');
  const id = `7e57${n}-0000-4000-8000-${String(Date.now()).slice(-12).padStart(12, '0')}`;
  return { id, path: (site === 'chatgpt' ? '/c/' : '/chat/') + id };
}

/**
 * Stops and watches the extension's service worker through CDP (ServiceWorker domain) on an
 * extension page.
 */
export async function workerControl(context: BrowserContext, page: Page, extensionId: string) {
  const cdp: CDPSession = await context.newCDPSession(page);
  const versions = new Map<
    string,
    { versionId: string; scriptURL: string; runningStatus: string }
  >();
  const mine = (v: { scriptURL: string }) =>
    v.scriptURL.startsWith(`chrome-extension://${extensionId}/`);
  // Stops seen so far: a woken worker may be running again before the next poll.
  let stops = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (
        mine(v) &&
        v.runningStatus === 'stopped' &&
        versions.get(v.versionId)?.runningStatus !== 'stopped'
      )
        stops++;
      versions.set(v.versionId, v);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const ours = () => [...versions.values()].filter(mine);
  const until = async (pred: () => boolean, what: string) => {
    const end = Date.now() + 10_000;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`worker not ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await until(() => ours().length > 0, 'listed');
  return {
    running: () => ours().some((v) => v.runningStatus === 'running'),
    /** Stops the worker; resolves once it has stopped (it may be woken again at once). */
    async stop() {
      const before = stops;
      const live = ours().filter((v) => v.runningStatus !== 'stopped');
      if (live.length === 0) return;
      for (const v of live) await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
      await until(() => stops > before, 'stopped');
    },
    async detach() {
      await cdp.detach().catch(() => undefined);
    },
  };
}
