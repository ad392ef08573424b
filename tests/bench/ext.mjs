// Shared helpers for the benchmarks that drive the built extension in Debian Chromium
// (bundle, history, worker, pagecost). The tokenizer's helpers are in lib.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { importTs, ROOT } from './lib.mjs';

/** The benchmarks build into their own folder so they never race a test run's build. */
export const OUT_DIR = process.env.TOKENPRINT_OUT_DIR ?? '.output-bench';
export const EXT_DIR = join(ROOT, OUT_DIR, 'chrome-mv3');
export const FIXTURES = join(ROOT, 'tests/fixtures');
/** The same Chromium switches as the end-to-end tests (tests/e2e/harness.ts). */
const CHROMIUM_ARGS = JSON.parse(readFileSync(join(ROOT, 'tests/chromium-args.json'), 'utf8'));

/** Builds the extension into OUT_DIR unless a build is already there (`BENCH_REBUILD=1` forces one). */
export function ensureBuilt() {
  if (existsSync(join(EXT_DIR, 'manifest.json')) && process.env.BENCH_REBUILD !== '1') return;
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    env: { ...process.env, TOKENPRINT_OUT_DIR: OUT_DIR },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The saved pages and the real URLs they stand for (as in tests/e2e/harness.ts). */
export const SITES = {
  chatgpt: { origin: 'https://chatgpt.com', path: '/c/', file: 'chatgpt.html' },
  claude: { origin: 'https://claude.ai', path: '/chat/', file: 'claude.html' },
  lechat: { origin: 'https://chat.mistral.ai', path: '/chat/', file: 'lechat.html' },
};

/**
 * Launches Debian Chromium (headless=new), with the built extension or without it, serving
 * `pages[site]` (HTML text) for every document on that site's origin; every other web request
 * is aborted. Pass the `userDataDir` of a closed launch to reopen its profile, and `extDir`
 * to load another build than the benchmarks' own.
 * Returns { context, extensionId, worker, userDataDir, close({ keep }) }.
 */
export async function launchChromium({
  extension = true,
  pages = {},
  userDataDir,
  extDir = EXT_DIR,
} = {}) {
  userDataDir ??= mkdtempSync(join(tmpdir(), 'tokenprint-bench-'));
  // The saved pages' own traffic, answered as in the e2e harness: the tap's work is measured.
  const { cannedResponse } = (await importTs('tests/fixtures/traffic.ts')).module;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    // Playwright adds --disable-extensions; the extension's worker never starts with it.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...CHROMIUM_ARGS,
      ...(extension
        ? [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`]
        : ['--disable-extensions']),
    ],
    viewport: { width: 1100, height: 800 },
  });
  await context.route(
    (u) => u.protocol === 'https:' || u.protocol === 'http:',
    async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/__fixture/traffic-page.js')
        return route.fulfill({
          path: join(FIXTURES, 'traffic-page.js'),
          contentType: 'text/javascript',
        });
      const canned = cannedResponse(url, route.request().method(), route.request().postData());
      if (canned) {
        if (canned.delayMs > 0) await new Promise((r) => setTimeout(r, canned.delayMs));
        const { status, contentType, body } = canned;
        return route.fulfill({ status, contentType, body }).catch(() => undefined);
      }
      for (const [site, s] of Object.entries(SITES)) {
        if (url.origin === s.origin && route.request().resourceType() === 'document') {
          const body = pages[site] ?? readFileSync(join(FIXTURES, s.file), 'utf8');
          return route.fulfill({ body, contentType: 'text/html' });
        }
      }
      return route.abort();
    },
  );
  let worker = null;
  let extensionId = null;
  if (extension) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async close({ keep = false } = {}) {
      await context.close();
      if (!keep) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens one of the extension's pages ('popup', 'options', 'report'). */
export async function openExtPage(b, name, viewport = { width: 1000, height: 900 }) {
  const page = await b.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`chrome-extension://${b.extensionId}/${name}.html`);
  return page;
}

/** Row counts of every object store of the extension's database, read from an extension page. */
export async function storeCounts(extPage) {
  return extPage.evaluate(
    () =>
      new Promise((res, rej) => {
        const open = indexedDB.open('tokenprint');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = Array.from(idb.objectStoreNames);
          const out = {};
          if (names.length === 0) return res(out);
          const tx = idb.transaction(names);
          for (const n of names) {
            const r = tx.objectStore(n).count();
            r.onsuccess = () => (out[n] = r.result);
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

/** Bytes on disk of a folder, recursively. */
export function folderBytes(dir) {
  if (!existsSync(dir)) return 0;
  let sum = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    sum += e.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return sum;
}

/** The extension origin's IndexedDB folder (LevelDB) inside the Chromium profile. */
export function idbFolder(b) {
  return join(
    b.userDataDir,
    'Default',
    'IndexedDB',
    `chrome-extension_${b.extensionId}_0.indexeddb.leveldb`,
  );
}

/** A deterministic id shaped like the sites' message and conversation uuids (36 characters). */
function uuidLike(n) {
  const h = (x) => (x >>> 0).toString(16).padStart(8, '0');
  const a = h(Math.imul(n, 2654435761));
  const b = h(Math.imul(n ^ 0x5bd1e995, 40503));
  const c = h(n);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c.slice(4)}${a.slice(0, 4)}${b.slice(0, 4)}`;
}

/**
 * `n` interactions in the export format, five years at 50 a day when `perDay` = 50: sites in
 * turn, two models each, six turns per conversation, token counts spread like real chats
 * (tens to hundreds in, hundreds out). Ids are uuid-shaped like the real ones (a short id
 * would understate the bytes). Deterministic: row i is the same in every run.
 */
export function exportFile(n, { offset = 0, perDay = 50, now = Date.now() } = {}) {
  const models = {
    chatgpt: ['gpt-4o', 'gpt-5'],
    claude: ['claude-sonnet-4-5', 'claude-opus-4-1'],
    lechat: ['mistral-medium', 'mistral-large'],
  };
  const sites = Object.keys(models);
  const zero = { min: 0, max: 0 };
  const interactions = [];
  for (let k = 0; k < n; k++) {
    const i = offset + k;
    const site = sites[i % 3];
    const day = Math.floor(i / perDay);
    interactions.push({
      id: `${site}:${uuidLike(i)}`,
      at: new Date(now - day * 86_400_000 - (i % perDay) * 60_000 - 3_600_000).toISOString(),
      site,
      conversationId: uuidLike(1e9 + Math.floor(i / 6)),
      model: models[site][Math.floor(i / 3) % 2],
      inputTokens: 20 + ((i * 53) % 900),
      outputTokens: 150 + ((i * 97) % 1400),
      energyWh: zero,
      gco2e: zero,
      waterMl: zero,
    });
  }
  return JSON.stringify({
    format: 'tokenprint-export',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    assumptions: {},
    interactions,
  });
}

/**
 * Imports an export file through the options page's own import control (the extension's
 * own validation and write path) and waits until the database holds `expectTotal`
 * interactions (the status line reads the same for two equal chunks, so it cannot tell).
 */
export async function importThroughOptions(options, json, expectTotal, name = 'seed.json') {
  const input = options.locator('input[type="file"]');
  await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json) });
  const end = Date.now() + 300_000;
  while (Date.now() < end) {
    const status = (await options.getByTestId('saved').textContent()) ?? '';
    if (/refused|error/i.test(status)) throw new Error(`import failed: ${status}`);
    if ((await storeCounts(options)).interactions === expectTotal) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import did not reach ${expectTotal} interactions`);
}

/**
 * Stops the extension's service worker through CDP (ServiceWorker domain) on `page`: the
 * hard end-to-end tests' helper (tests/e2e/hard-helpers.ts), bundled for plain Node.
 */
export async function workerControl(context, page, extensionId) {
  const { module } = await importTs('tests/e2e/hard-helpers.ts');
  return module.workerControl(context, page, extensionId);
}

/**
 * Opens an extension page (`file`, e.g. 'popup.html') and returns the milliseconds from its
 * navigation start to the frame after the first element matching each selector entered the
 * DOM, in the order given (`{ [name]: selector }` → `{ [name]: ms }`), and `longestTask`:
 * the page's longest main-thread task (ms, 0 when none reached the 50 ms of a long task)
 * until the last of them.
 */
export async function timeToElements(b, file, selectors, viewport = { width: 1000, height: 900 }) {
  const page = await b.context.newPage();
  await page.setViewportSize(viewport);
  await page.addInitScript((selectors) => {
    const w = window;
    w.__tpTimes = {};
    w.__tpLongest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tpLongest = Math.max(w.__tpLongest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    const left = new Set(Object.keys(selectors));
    new MutationObserver((_, obs) => {
      for (const name of left) {
        if (!document.querySelector(selectors[name])) continue;
        left.delete(name);
        requestAnimationFrame(() => (w.__tpTimes[name] = performance.now()));
      }
      if (left.size === 0) obs.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, selectors);
  await page.goto(`chrome-extension://${b.extensionId}/${file}`);
  const n = Object.keys(selectors).length;
  await page.waitForFunction((n) => Object.keys(window.__tpTimes).length === n, n, {
    timeout: 60_000,
  });
  const times = await page.evaluate(() => ({
    ...window.__tpTimes,
    longestTask: window.__tpLongest,
  }));
  await page.close();
  return times;
}

/** From the next navigation on, `window.__longTasks` collects the page's long tasks (ms). */
export function recordLongTasks(page) {
  return page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
}
