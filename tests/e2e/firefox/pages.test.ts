import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCounts } from '../capture-helpers';
import { ARTIFACTS, PAGES } from '../harness';
import { controlRequest, FIXTURE_PHRASES } from '../hard-helpers';
import { AXE, seedExport, writeTemp } from '../ui-helpers';
import { MODELS } from '../../../lib/model/carbon/models';
import {
  asHelperPage,
  backgroundErrors,
  launchFirefox,
  openChatFx,
  readStoreFx,
  type FirefoxHarness,
} from './harness';

/** The extension's popup and options pages in Firefox ESR (issue #16), after a real capture. */
let h: FirefoxHarness;
const stores = (store: string) => readStoreFx(h, store);
let popup: Page;
let options: Page;
/** Uncaught errors and console errors of the extension's pages. */
const errors: string[] = [];
async function open(path: string, width: number, height: number, background = false) {
  const page = await h.extensionPage(path, { background });
  page.on('pageerror', (e) => errors.push(`${path}: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${path}: ${m.text()}`);
  });
  await page.setViewport({ width, height });
  return page;
}
beforeAll(async () => {
  h = await launchFirefox();
  await h.probe(); // from here on, the background page's errors are recorded
  mkdirSync(join(ARTIFACTS, 'store'), { recursive: true });
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
    popup = await open('popup.html', 380, 600);
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
    options = await open('options.html', 1000, 900);
    await options.locator('button::-p-text(Export JSON)').click();
    await expect.poll(() => savedText(options)).toBe('Exported 1 interactions.');
    // Firefox saves the download where the harness told it to; the file may exist before
    // it is written.
    let file = '';
    let exported = '';
    await expect
      .poll(() => {
        file = readdirSync(h.downloads).find((f) => /^tokenprint-.*\.json$/.test(f)) ?? '';
        exported = file ? readFileSync(join(h.downloads, file), 'utf8') : '';
        return exported.trimEnd().endsWith('}');
      })
      .toBe(true);
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

  it('popup, options and report have no serious or critical axe violations in Firefox', async () => {
    const axe = readFileSync(AXE, 'utf8');
    const report = await open('report.html', 1000, 900);
    const compare = await open('compare.html', 1280, 900);
    await compare.waitForSelector('[data-testid="compare-table"] tbody tr.mix');
    for (const [name, page] of [
      ['popup', popup],
      ['options', options],
      ['report', report],
      ['compare', compare],
    ] as const) {
      // The pages' CSP refuses an injected <script>: the source runs through BiDi instead.
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const { axe } = window as unknown as {
          axe: {
            run(
              d: Document,
            ): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
          };
        };
        const r = await axe.run(document);
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}`);
      });
      expect(violations, name).toEqual([]);
    }
    await report.close();
    await compare.close();
  });

  it('Compare replays the captured exchange on every catalogue model; "Show all" reveals the rest', async () => {
    const compare = await open('compare.html', 1280, 900);
    const rows = () =>
      compare.evaluate(() => {
        const trs = [...document.querySelectorAll('[data-testid="compare-table"] tbody tr')];
        return {
          all: trs.length,
          shown: trs.filter((tr) => tr.getBoundingClientRect().height > 0).length,
          mix: trs[0]?.className ?? '',
          mixText: trs[0]?.textContent ?? '',
        };
      });
    await expect.poll(async () => (await rows()).all).toBe(1 + Object.keys(MODELS).length);
    const before = await rows();
    expect(before).toMatchObject({ mix: 'mix', shown: 11 });
    // The mix row holds the streamed exchange's footprint: grams and a range, not a dash.
    expect(before.mixText).toMatch(/\d/);
    await compare.click('[data-testid="compare-more"]');
    await expect.poll(async () => (await rows()).shown).toBe(1 + Object.keys(MODELS).length);
    await expect
      .poll(() =>
        compare.evaluate(
          () => document.querySelectorAll('[data-testid="routing-short"] td').length,
        ),
      )
      .toBe(4);
    await screenshot(compare, 'firefox-compare');
    await compare.close();
  });

  it('the options page links to the privacy policy, which Firefox opens', async () => {
    const href = await options.evaluate(
      () =>
        Array.from(document.querySelectorAll('a')).find((a) =>
          a.textContent?.startsWith('Privacy policy'),
        )?.href,
    );
    expect(href).toBe(`${h.base}/privacy.html`);
    const policy = await open('privacy.html', 1000, 900);
    const text = await policy.evaluate(() => document.body.innerText);
    expect(text).toContain('The text of your messages is never stored');
    expect(text).toContain('Deleted after 90 days');
    expect(text).toContain("Le texte de vos messages n'est jamais conservé");
    await screenshot(policy, 'firefox-privacy');
    await policy.close();
  });

  it('the opt-in response badge shows the grams of a reply streamed after it is switched on', async () => {
    await options.locator('label::-p-text(badge with each response) input').click();
    await expect
      .poll(() =>
        options.evaluate(async () => {
          const b = (
            globalThis as unknown as {
              browser: {
                storage: {
                  local: { get(k: string): Promise<Record<string, { responseBadge?: boolean }>> };
                };
              };
            }
          ).browser;
          return (await b.storage.local.get('settings')).settings?.responseBadge;
        }),
      )
      .toBe(true);
    const chat = await openChatFx(
      h,
      'claude',
      '?stream=1&startDelay=700&duration=600',
      '/chat/4f6b2d8e-1a3c-4e5f-9b7d-2c4e6f8a0b99',
    );
    await expect
      .poll(
        () =>
          chat.evaluate(() =>
            Array.from(
              document.querySelectorAll('tokenprint-badge'),
              (b) => b.shadowRoot?.textContent ?? '',
            ),
          ),
        { timeout: 15_000 },
      )
      .toEqual([expect.stringMatching(/≈\s?[\d.,]+\s?g CO₂e/)]);
    await chat.close();
  });

  it('the monthly report renders its totals and chart', async () => {
    const report = await open('report.html', 1280, 800);
    await expect
      .poll(() =>
        report.evaluate(
          () => document.querySelector('[data-testid="report-totals"]')?.textContent ?? '',
        ),
      )
      .toMatch(/\d/);
    expect(
      await report.evaluate(() => document.querySelectorAll('canvas, svg').length),
    ).toBeGreaterThan(0);
    await report.screenshot({ path: join(ARTIFACTS, 'store', 'report-1280x800.png') });
    await report.close();
  });

  it('the popup reports capture working for the active chat tab; store screenshots at 1280×800', async () => {
    const chat = await openChatFx(h, 'chatgpt');
    await chat.setViewport({ width: 1280, height: 800 });
    // The popup in a background tab: the chat stays the active tab it asks about.
    const panel = await open('popup.html', 380, 600, true);
    const status = () =>
      panel.evaluate(() => document.querySelector('[data-testid="capture-status"]')?.textContent);
    // Both sources named: the page reader (DOM) and the traffic reader (the main-world tap).
    await expect
      .poll(status)
      .toMatch(/^Counting on ChatGPT: working\. Page reader: working\. Traffic reader: working\./);
    // A background tab's frames wait: in front, the popup's later reads (all time) land.
    await panel.bringToFront();
    await expect.poll(async () => (await countRow(panel, 'Responses')).at(-1)).toMatch(/\d/);
    const shot = await panel.screenshot({ encoding: 'base64' });
    await panel.close();
    // The popup as Firefox shows it: a panel under the toolbar, at the top right.
    await chat.evaluate((src) => {
      const img = document.createElement('img');
      img.src = `data:image/png;base64,${src}`;
      img.style.cssText =
        'position:fixed;top:8px;right:16px;width:380px;z-index:2147483647;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.35)';
      document.body.append(img);
      return img.decode();
    }, shot);
    await chat.screenshot({ path: join(ARTIFACTS, 'store', 'popup-on-chat-1280x800.png') });
    await chat.close();
    await options.setViewport({ width: 1280, height: 800 });
    await options.evaluate(() => window.scrollTo(0, 0));
    await options.screenshot({ path: join(ARTIFACTS, 'store', 'options-1280x800.png') });
    // Chrome's small promo tile (440×280): the icon, the name and the summary.
    const tile = await h.browser.newPage();
    await tile.setViewport({ width: 440, height: 280 });
    const icon = readFileSync('public/icon/128.png').toString('base64');
    await tile.setContent(`<body style="margin:0;height:280px;display:flex;align-items:center;gap:22px;padding:0 28px;box-sizing:border-box;background:#f3f6f4;font:16px/1.35 system-ui,sans-serif;color:#1d2b22">
      <img src="data:image/png;base64,${icon}" width="112" height="112" alt="">
      <div><div style="font-size:30px;font-weight:700">Tokenprint</div>
      <div>The carbon footprint of your AI chats, while you chat. Counts stay on your device.</div></div></body>`);
    await tile.screenshot({ path: join(ARTIFACTS, 'store', 'promo-tile-440x280.png') });
    await tile.close();
    expect(errors).toEqual([]);
  });

  it('the background page reported no uncaught error, unhandled rejection or console.error', async () => {
    expect(await backgroundErrors(h)).toEqual([]);
  });

  it('no request left an extension context or a chat page', async () => {
    // A control from an extension page (an image: the CSP allows it) proves the proxy sees
    // what extension contexts send.
    const control = 'control.invalid';
    await controlRequest(asHelperPage(options), `https://${control}/tokenprint-control.png`);
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
