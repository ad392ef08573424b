import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCounts } from '../capture-helpers';
import { ARTIFACTS, PAGES } from '../harness';
import { FIXTURE_PHRASES } from '../hard-helpers';
import { seedExport, writeTemp } from '../ui-helpers';
import { launchFirefox, openChatFx, readStoreFx, type FirefoxHarness } from './harness';

/** The extension's popup and options pages in Firefox ESR (issue #16), after a real capture. */
let h: FirefoxHarness;
const stores = (store: string) => readStoreFx(h, store);
let popup: Page;
let options: Page;
beforeAll(async () => {
  h = await launchFirefox();
});
afterAll(async () => {
  await h?.close();
});

/** The cells of a count row of the totals table (today … all time). */
function countRow(page: Page, label: string): Promise<string[]> {
  return page.evaluate((l) => {
    const row = Array.from(document.querySelectorAll('[data-testid="totals"] tr')).find(
      (tr) => tr.querySelector('th')?.textContent === l,
    );
    return row ? Array.from(row.querySelectorAll('td'), (td) => td.textContent ?? '') : [];
  }, label);
}

const savedText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="saved"]')?.textContent ?? '');

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe('Firefox: popup and options', () => {
  it('the popup renders the totals of a streamed exchange', async () => {
    const chat = await openChatFx(h, 'chatgpt', '?stream=1&startDelay=700&duration=600');
    const id = new URL(PAGES.chatgpt.url).pathname.split('/').pop()!;
    await expectCounts(stores, id, { interactions: 1, captured: 2 });
    popup = await h.extensionPage('popup.html');
    await popup.setViewport({ width: 380, height: 600 });
    await expect.poll(async () => (await countRow(popup, 'Responses'))[0]).toBe('1');
    expect((await countRow(popup, 'Prompts'))[0]).toBe('1');
    const grams = await popup.evaluate(
      () => document.querySelector('[data-testid="totals"] td.band .central')?.textContent,
    );
    expect(grams).toMatch(/\d/);
    await screenshot(popup, 'firefox-popup');
    await chat.close();
  });

  it('options exports JSON without message text; an import adds what is new and the popup follows', async () => {
    options = await h.extensionPage('options.html');
    await options.setViewport({ width: 1000, height: 900 });
    await options.locator('button::-p-text(Export JSON)').click();
    await expect.poll(() => savedText(options)).toBe('Exported 1 interactions.');
    // Firefox saves the download where the harness told it to.
    let file = '';
    await expect
      .poll(
        () => (file = readdirSync(h.downloads).find((f) => /^tokenprint-.*\.json$/.test(f)) ?? ''),
      )
      .not.toBe('');
    const exported = readFileSync(join(h.downloads, file), 'utf8');
    const parsed = JSON.parse(exported) as { format: string; interactions: { site: string }[] };
    expect(parsed.format).toBe('tokenprint-export');
    expect(parsed.interactions.map((i) => i.site)).toEqual(['chatgpt']);
    for (const phrase of FIXTURE_PHRASES) expect(exported).not.toContain(phrase);

    const input = await options.$('input[type="file"]');
    await input!.uploadFile(writeTemp('firefox-seed.json', seedExport(60, 45)));
    await expect
      .poll(() => savedText(options))
      .toBe('Imported 60 interactions (0 already present).');
    await input!.uploadFile(join(h.downloads, file));
    await expect
      .poll(() => savedText(options))
      .toBe('Imported 0 interactions (1 already present).');
    expect(await stores('interactions')).toHaveLength(61);
    // The open popup follows without a reload; its all-time column counts them all.
    await expect.poll(async () => (await countRow(popup, 'Responses')).at(-1)).toBe('61');
    await screenshot(options, 'firefox-options');
    await screenshot(popup, 'firefox-popup-imported');
  });

  it('no request left an extension context or a chat page', async () => {
    // A control from an extension page (an image: the CSP allows it) proves the proxy sees
    // what extension contexts send.
    const control = 'control.invalid';
    await options.evaluate(
      (u) =>
        new Promise<void>((res) => {
          const img = new Image();
          img.onload = img.onerror = () => res();
          img.src = u;
        }),
      `https://${control}/tokenprint-control.png`,
    );
    await expect.poll(() => h.proxied).toContain(`CONNECT ${control}:443`);
    // Firefox's own services (remote settings) are the only other traffic.
    const firefoxOwn = /^CONNECT [a-z0-9.-]+\.(mozilla\.(com|net|org)|firefox\.com):443$/;
    expect(h.proxied.filter((r) => r !== `CONNECT ${control}:443` && !firefoxOwn.test(r))).toEqual(
      [],
    );
    // The chat pages requested their documents and the tab icon Firefox asks for, nothing else.
    const others = h.intercepted.filter(
      (u) => !h.opened.has(u) && new URL(u).pathname !== '/favicon.ico',
    );
    expect(others).toEqual([]);
    expect(h.opened.size).toBeGreaterThan(0);
  });
});
