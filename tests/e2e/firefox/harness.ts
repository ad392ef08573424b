import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import type { Scriptable } from '../capture-helpers';
import { cannedResponse } from '../../fixtures/traffic';
import { FIXTURES, PAGES, readableStore, readRawStore } from '../harness';

/** The fixed internal UUID of the add-on in the test profile (moz-extension://<uuid>/). */
export const UUID = '7d1c0f4e-5b2a-4c3d-9e8f-0a1b2c3d4e5f';

/**
 * Folder of the built Firefox extension: WXT builds Manifest V2 for Firefox unless asked for
 * V3 (`wxt build -b firefox --mv3`); the harness takes whichever was built last.
 */
export function firefoxExtensionDir(): string {
  const out = resolve(process.env.TOKENPRINT_OUT_DIR ?? '.output');
  const dirs = ['firefox-mv2', 'firefox-mv3'].map((d) => join(out, d));
  const built = dirs.filter((d) => existsSync(join(d, 'manifest.json')));
  if (!built.length) throw new Error(`no Firefox build in ${out}: run wxt build -b firefox`);
  return built.sort((a, b) => mtime(b) - mtime(a))[0]!;
}
const mtime = (d: string) => statSync(join(d, 'manifest.json')).mtimeMs;

export interface Manifest {
  manifest_version: number;
  browser_specific_settings: { gecko: { id: string; strict_min_version?: string } };
  [k: string]: unknown;
}

export interface FirefoxHarness {
  browser: Browser;
  manifest: Manifest;
  /** moz-extension://<uuid> */
  base: string;
  /** Every web request the chat pages made (their content scripts' included). */
  intercepted: string[];
  /**
   * Every request that reached the network stack without being intercepted (the
   * background page, the extension's pages, Firefox's own services): Firefox
   * sends them all to the harness's proxy, which records and refuses them.
   */
  proxied: string[];
  /** The documents the tests opened (served from the saved pages). */
  opened: Set<string>;
  /** Folder Firefox saves downloads to. */
  downloads: string;
  /**
   * A tab on the extension's popup page: tests read its storage there, and its first
   * opening starts recording the background page's errors.
   */
  probe(): Promise<Page>;
  /** A new tab on a saved chat page (or another route), every request intercepted. */
  newChatPage(): Promise<Page>;
  /**
   * A new tab on one of the extension's pages (not intercepted: see `proxied`); in the
   * background, the tab that was active stays so (the popup reads the active tab).
   */
  extensionPage(path: string, opts?: { background?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A forward proxy that answers every request and CONNECT with 403 and records its target:
 * whatever a page or the extension sends past the harness's interception ends here, never
 * on the network.
 */
async function refusingProxy(seen: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url ?? ''}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return server;
}

/**
 * Launches Firefox ESR headless over WebDriver BiDi with the built Firefox extension
 * installed as a temporary add-on, at a fixed UUID. `--remote-allow-system-access` (a
 * launch switch of the test browser, nothing in the extension) lets BiDi open the
 * extension's own pages, which it otherwise refuses.
 */
export async function launchFirefox(routes: Record<string, string> = {}): Promise<FirefoxHarness> {
  const ext = firefoxExtensionDir();
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8')) as Manifest;
  const profile = mkdtempSync(join(tmpdir(), 'tokenprint-ff-'));
  const downloads = mkdtempSync(join(tmpdir(), 'tokenprint-ff-dl-'));
  const proxied: string[] = [];
  const proxy = await refusingProxy(proxied);
  const port = (proxy.address() as AddressInfo).port;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({
        [manifest.browser_specific_settings.gecko.id]: UUID,
      }),
      // Every request not intercepted goes to the refusing proxy, localhost included.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.share_proxy_settings': true,
      // Downloads land in a folder the test reads, without a dialog.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
    },
  });
  const id = await browser.installExtension(ext);
  if (id !== manifest.browser_specific_settings.gecko.id) throw new Error(`installed ${id}`);
  const base = `moz-extension://${UUID}`;
  const intercepted: string[] = [];
  const opened = new Set<string>();

  const serve = async (req: HTTPRequest) => {
    const href = req.url();
    // The extension's own files, data: and blob: URLs never reach the network.
    if (!/^https?:/.test(href)) return req.continue();
    intercepted.push(href);
    const url = new URL(href);
    // The saved pages' own traffic (their script, their conversation, their reply streams):
    // answered as in the Chromium harness, and counted as the page's, not ours.
    if (url.pathname === '/__fixture/traffic-page.js') {
      opened.add(href);
      return req.respond({
        status: 200,
        contentType: 'text/javascript',
        body: readFileSync(join(FIXTURES, 'traffic-page.js')),
      });
    }
    let post: string | null = null;
    try {
      post = req.postData() ?? null;
    } catch {
      post = null; // not every BiDi build gives request bodies
    }
    const canned = cannedResponse(url, req.method(), post, req.headers()['x-fixture']);
    if (canned) {
      opened.add(href);
      if (canned.delayMs > 0) await new Promise((r) => setTimeout(r, canned.delayMs));
      return req.respond({
        status: canned.status,
        contentType: canned.contentType,
        body: canned.body,
      });
    }
    const file =
      routes[url.href] ??
      routes[url.origin + url.pathname] ??
      (req.isNavigationRequest()
        ? Object.values(PAGES).find((p) => p.origin === url.origin)?.file
        : undefined);
    if (!file) return req.abort();
    opened.add(href);
    return req.respond({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(join(FIXTURES, file)),
    });
  };
  const intercept = async (page: Page) => {
    await page.setRequestInterception(true);
    page.on('request', (req) => void serve(req).catch(() => undefined));
  };
  let probe: Page | undefined;
  // Extension pages are not intercepted (BiDi then never finishes loading them): whatever
  // they request past their own files reaches the proxy.
  const extensionPage = async (path: string, opts: { background?: boolean } = {}) => {
    const page = await browser.newPage({ background: opts.background ?? false });
    await gotoExtensionPage(page, `${base}/${path}`);
    return page;
  };

  return {
    browser,
    manifest,
    base,
    intercepted,
    proxied,
    opened,
    downloads,
    async probe() {
      if (!probe || probe.isClosed()) {
        probe = await extensionPage('popup.html');
        await probe.evaluate(watchBackgroundErrors);
      }
      return probe;
    },
    async newChatPage() {
      const page = await browser.newPage();
      await intercept(page);
      return page;
    },
    extensionPage,
    async close() {
      await browser.close().catch(() => undefined);
      await new Promise((res) => proxy.close(res));
      rmSync(profile, { recursive: true, force: true });
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/**
 * Navigates a tab to one of the extension's pages. Puppeteer's `goto` never resolves for a
 * moz-extension:// page (Firefox 153 loads it in the extension process and BiDi reports no
 * load event that Puppeteer waits for), though the page loads: the harness waits for the
 * loaded document itself.
 */
export async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const ready = await page
      .evaluate(() => document.readyState === 'complete' && location.href)
      .catch(() => false);
    if (ready === url) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${url} did not load within 20 s`);
}

/** Every row of an object store of the extension's IndexedDB, read from an extension page. */
export async function readStoreFx(
  h: FirefoxHarness,
  store: string,
): Promise<Record<string, unknown>[]> {
  const page = await h.probe();
  return readableStore(store, await page.evaluate(readRawStore, store));
}

/** Opens a saved chat page and resolves once its simulated stream (if any) has completed. */
export async function openChatFx(
  h: FirefoxHarness,
  site: keyof typeof PAGES,
  query = '',
  path?: string,
): Promise<Page> {
  const page = await h.newChatPage();
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('fixture:stream-complete', () =>
      console.log('fixture:stream-complete'),
    );
  });
  const done = query.includes('stream=1')
    ? new Promise<void>((res, rej) => {
        const timer = setTimeout(() => rej(new Error('no fixture:stream-complete')), 30_000);
        page.on('console', (m) => {
          if (m.text() !== 'fixture:stream-complete') return;
          clearTimeout(timer);
          res();
        });
      })
    : null;
  await page.goto((path ? PAGES[site].origin + path : PAGES[site].url) + query);
  if (done) await done;
  return page;
}

/** Puppeteer's page as the capture helpers' `Scriptable` (one argument, same meaning). */
export function scriptable(page: Page): Scriptable {
  return { evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg) };
}

/**
 * An extension page as the hard tests' helpers take it (tests/e2e/hard-helpers.ts): they
 * only call `evaluate(fn)` and `evaluate(fn, arg)`, which Puppeteer's page has with the same
 * meaning.
 */
export function asHelperPage(page: Page): PlaywrightPage {
  return page as unknown as PlaywrightPage;
}

/** The add-on's badge text on a tab (`browserAction` in Manifest V2, `action` in V3). */
export async function badgeTextFx(h: FirefoxHarness, tabId: number): Promise<string> {
  const page = await h.probe();
  return page.evaluate(async (id) => {
    const b = (globalThis as unknown as { browser: Record<string, BadgeApi | undefined> }).browser;
    return (b.action ?? b.browserAction)!.getBadgeText({ tabId: id });
  }, tabId);
}
interface BadgeApi {
  getBadgeText(d: { tabId: number }): Promise<string>;
}

/** Session-storage health items of the extension, by tab id. */
export async function healthItemsFx(
  h: FirefoxHarness,
): Promise<Record<string, { state: string; site: string; turns: number }>> {
  const page = await h.probe();
  return page.evaluate(async () => {
    const b = globalThis as unknown as {
      browser: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } };
    };
    const all = await b.browser.storage.session.get(null);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) if (k.startsWith('health:')) out[k.slice(7)] = v;
    return out as Record<string, { state: string; site: string; turns: number }>;
  });
}

/** When each capture source last saw a recorded turn, per site (extension local storage). */
export async function sourcesSeenFx(
  h: FirefoxHarness,
): Promise<Record<string, { dom?: number; tap?: number }>> {
  const page = await h.probe();
  return page.evaluate(async () => {
    const b = globalThis as unknown as {
      browser: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
    };
    const all = await b.browser.storage.local.get('sourcesSeen');
    return (all.sourcesSeen ?? {}) as Record<string, { dom?: number; tap?: number }>;
  });
}

/**
 * Runs in an extension page: records the background page's uncaught errors, unhandled
 * rejections and console.error calls from now on, in the background page itself (it lives
 * as long as the add-on; Manifest V2's runtime.getBackgroundPage() reaches it).
 */
async function watchBackgroundErrors(): Promise<void> {
  const { browser } = globalThis as unknown as {
    browser: { runtime: { getBackgroundPage(): Promise<Window | null> } };
  };
  const bg = (await browser.runtime.getBackgroundPage()) as
    (Window & { console: Console; __tokenprintTestErrors?: string[] }) | null;
  if (!bg || bg.__tokenprintTestErrors) return;
  const seen: string[] = (bg.__tokenprintTestErrors = []);
  bg.addEventListener('error', (e) => seen.push(`error: ${e.message}`));
  bg.addEventListener('unhandledrejection', (e) => seen.push(`rejection: ${String(e.reason)}`));
  const original = bg.console.error.bind(bg.console);
  bg.console.error = (...args: unknown[]) => {
    seen.push(`console.error: ${args.map(String).join(' ')}`);
    original(...args);
  };
}

/** What the background page has reported since the harness first opened its probe page. */
export async function backgroundErrors(h: FirefoxHarness): Promise<string[] | null> {
  const page = await h.probe();
  return page.evaluate(async () => {
    const { browser } = globalThis as unknown as {
      browser: { runtime: { getBackgroundPage(): Promise<Window | null> } };
    };
    const bg = (await browser.runtime.getBackgroundPage()) as
      (Window & { __tokenprintTestErrors?: string[] }) | null;
    return bg?.__tokenprintTestErrors ?? null;
  });
}
