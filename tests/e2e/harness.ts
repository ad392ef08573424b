import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { readableRows } from '../../lib/db/rows';
import { cannedResponse } from '../fixtures/traffic';

/** Folder of the built Chrome extension (TOKENPRINT_OUT_DIR lets parallel runs build apart). */
export function extensionDir(): string {
  return resolve(process.env.TOKENPRINT_OUT_DIR ?? '.output', 'chrome-mv3');
}

export const ARTIFACTS = resolve('tests/artifacts');
export const FIXTURES = resolve('tests/fixtures');
/** Chromium switches for this machine (no sandbox as root, no background networking), shared with the benchmarks. */
const CHROMIUM_ARGS: string[] = JSON.parse(
  readFileSync(resolve('tests/chromium-args.json'), 'utf8'),
);

/** Every canned API response the harness served, in order (tests compare what pages read). */
export const served: { url: string; body: string }[] = [];
/** Requests the saved pages' own script made (marked by traffic-page.js), and its own load. */
export const pageOwnRequests = new Set<string>();

/** The saved pages and the real URLs they stand for. */
export const PAGES = {
  chatgpt: {
    url: 'https://chatgpt.com/c/6870a3f2-1b4c-8004-9d3e-2f1c5a7b9e10',
    file: 'chatgpt.html',
    origin: 'https://chatgpt.com',
  },
  claude: {
    url: 'https://claude.ai/chat/4f6b2d8e-1a3c-4e5f-9b7d-2c4e6f8a0b13',
    file: 'claude.html',
    origin: 'https://claude.ai',
  },
  lechat: {
    url: 'https://chat.mistral.ai/chat/8c1e5a3f-7b2d-4f6e-9a0c-3d5e7f9b1c24',
    file: 'lechat.html',
    origin: 'https://chat.mistral.ai',
  },
  gemini: {
    url: 'https://gemini.google.com/app/a90a6a0004767ad3',
    file: 'gemini.html',
    origin: 'https://gemini.google.com',
  },
} as const;

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * Launches Debian Chromium with the built extension, and serves the saved chat pages at
 * their real origins so the content scripts inject from the real manifest. Every other
 * request from a page is aborted: the tests never touch the network.
 */
export async function launch(
  routes: Record<string, string> = {},
  // Extra Chromium switches (the hard tests add --log-net-log).
  extraArgs: string[] = [],
): Promise<Harness> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tokenprint-e2e-'));
  const ext = extensionDir();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    // Playwright always adds --disable-extensions; without removing it the worker never starts.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...CHROMIUM_ARGS,
      ...extraArgs,
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
    ],
    viewport: { width: 1100, height: 800 },
  });
  // Only web requests: the extension's own chrome-extension:// pages load untouched.
  await context.route(
    (u) => u.protocol === 'https:' || u.protocol === 'http:',
    async (route) => {
      const url = new URL(route.request().url());
      if (
        url.pathname === '/__fixture/traffic-page.js' ||
        route.request().headers()['x-fixture-page']
      )
        pageOwnRequests.add(url.href);
      if (url.pathname === '/__fixture/traffic-page.js')
        return route.fulfill({
          path: join(FIXTURES, 'traffic-page.js'),
          contentType: 'text/javascript',
        });
      // Gemini's form bodies carry no fixture: its facts ride in the x-fixture header.
      const canned = cannedResponse(
        url,
        route.request().method(),
        route.request().postData(),
        route.request().headers()['x-fixture'],
      );
      if (canned) {
        // The stream's duration: the response ends about when the page's rendering does.
        if (canned.delayMs > 0) await new Promise((r) => setTimeout(r, canned.delayMs));
        served.push({ url: url.href, body: canned.body });
        return route
          .fulfill({ status: canned.status, contentType: canned.contentType, body: canned.body })
          .catch(() => undefined); // the page aborted it (Stop) or went away
      }
      const override = routes[url.href] ?? routes[url.origin + url.pathname];
      if (override)
        return route.fulfill({ path: join(FIXTURES, override), contentType: 'text/html' });
      for (const page of Object.values(PAGES)) {
        if (url.origin === page.origin && route.request().resourceType() === 'document') {
          return route.fulfill({ path: join(FIXTURES, page.file), contentType: 'text/html' });
        }
      }
      return route.abort();
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // The unpacked extension's id depends on its folder path: read it from the worker URL.
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The service worker (it may have been restarted since launch). */
export async function currentWorker(h: Harness): Promise<Worker> {
  // Playwright may still list a worker a test has just stopped (and list its successor
  // after it): the newest one that answers is the live one.
  const answering = async (): Promise<Worker | undefined> => {
    const ours = h.context.serviceWorkers().filter((w) => w.url().includes(h.extensionId));
    for (const w of ours.reverse()) {
      const ok = await Promise.race([
        w.evaluate(() => true).catch(() => false),
        new Promise<boolean>((res) => setTimeout(() => res(false), 2000)),
      ]);
      if (ok) return w;
    }
    return undefined;
  };
  const live = await answering();
  if (live) return live;
  // A worker a test stopped stays stopped until an event wakes it (a capture that lands before
  // the stop leaves nothing to wake it). A message from an extension page does; the
  // background refuses it, as it does not come from a content script. The worker is looked
  // for again until one answers: it may also have started on its own meanwhile.
  const page = await h.context.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    for (const end = Date.now() + 30_000; Date.now() < end;) {
      await page.evaluate(() => {
        const { chrome } = globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        };
        chrome.runtime.sendMessage({ wake: true }).catch(() => undefined);
      });
      await new Promise((res) => setTimeout(res, 250));
      const w = await answering();
      if (w) return w;
    }
    throw new Error('the extension service worker did not start again within 30 s');
  } finally {
    await page.close();
  }
}

/** An object store's raw rows and the interned conversation ids (schema v4), as read in the extension. */
export interface RawStore {
  rows: unknown[];
  convKeys: number[];
  convIds: string[];
}

/**
 * Runs in an extension context (Chromium's worker, a Firefox extension page): every row of
 * one object store of the extension's IndexedDB, with the conversation ids it refers to.
 * Self-contained: the browser runs its source.
 */
export function readRawStore(storeName: string): Promise<RawStore> {
  return new Promise<RawStore>((res, rej) => {
    const open = indexedDB.open('tokenprint');
    open.onerror = () => rej(open.error);
    open.onsuccess = () => {
      const idb = open.result;
      const out: RawStore = { rows: [], convKeys: [], convIds: [] };
      if (!idb.objectStoreNames.contains(storeName)) {
        idb.close();
        return res(out);
      }
      // Schema v4 interns conversation ids: read them too, to give rows back readable.
      const names = ['conversations', storeName].filter((n) => idb.objectStoreNames.contains(n));
      const tx = idb.transaction(names);
      const get = (n: string, f: (r: unknown[]) => void, keys = false) => {
        if (!names.includes(n)) return;
        const os = tx.objectStore(n);
        const req = keys ? os.getAllKeys() : os.getAll();
        req.onsuccess = () => f(req.result as unknown[]);
      };
      get(storeName, (r) => (out.rows = r));
      get('conversations', (r) => (out.convKeys = r as number[]), true);
      get('conversations', (r) => (out.convIds = r as string[]));
      tx.oncomplete = () => {
        idb.close();
        res(out);
      };
      tx.onerror = () => rej(tx.error);
    };
  });
}

/** The rows of `readRawStore` made readable (conversation ids restored, arrays as objects). */
export function readableStore(store: string, raw: RawStore): Record<string, unknown>[] {
  const conversations = new Map(raw.convKeys.map((k, i) => [k, raw.convIds[i]!]));
  return readableRows(store, raw.rows, conversations);
}

/** Reads every row of an object store of the extension's IndexedDB, from the worker. */
export async function readStore(h: Harness, store: string): Promise<Record<string, unknown>[]> {
  const worker = await currentWorker(h);
  return readableStore(store, await worker.evaluate(readRawStore, store));
}

/** Polls `fn` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(
  fn: () => Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Opens a saved chat page and resolves once its simulated stream (if any) has completed. */
export async function openChat(
  h: Harness,
  site: keyof typeof PAGES,
  query = '',
  path?: string,
): Promise<Page> {
  const page = await h.context.newPage();
  const done = query.includes('stream=1')
    ? page.waitForEvent('console', {
        predicate: (m) => m.text() === 'fixture:stream-complete',
        timeout: 30_000,
      })
    : null;
  await page.addInitScript(() => {
    document.addEventListener('fixture:stream-complete', () =>
      console.log('fixture:stream-complete'),
    );
  });
  await page.goto((path ? PAGES[site].origin + path : PAGES[site].url) + query);
  if (done) await done;
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export function fixtureText(file: string): string {
  return readFileSync(join(FIXTURES, file), 'utf8');
}
