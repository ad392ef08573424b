import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, readStore, screenshot, type Harness } from './harness';
import {
  expectNoSeriousA11yViolations,
  openPage,
  seedExportV3,
  shootBothThemes,
  writeTemp,
} from './ui-helpers';

const N = 90;

/** The central of a part's cell in the popup's totals, column `col` (0 today … 3 all time). */
function partCell(popup: Page, part: string, col: number) {
  return popup
    .getByTestId('totals')
    .locator(`tr[data-part="${part}"] td.band`)
    .nth(col)
    .locator('.central');
}

describe('the whole exchange on the pages (issue #14)', () => {
  let h: Harness;
  let popup: Page;
  let options: Page;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports a version-3 file with the new fields', async () => {
    options = await openPage(h, 'options');
    const file = writeTemp(
      'exchange.json',
      seedExportV3(N, 40, { last: { contextTokens: 60_000 } }),
    );
    await options.getByLabel('Import JSON').setInputFiles(file);
    await expect
      .poll(() => options.getByTestId('saved').textContent())
      .toBe(`Imported ${N + 1} interactions (0 already present).`);
    expect(await readStore(h, 'interactions')).toHaveLength(N + 1);
  });

  it('opens on the week’s headline, then splits the totals by part with ranges', async () => {
    popup = await openPage(h, 'popup');
    const headline = popup.getByTestId('headline');
    await expect
      .poll(() => headline.textContent())
      .toMatch(/^This week: .+ CO₂e \(.+–.+\), about /);
    expect(await headline.textContent()).toMatch(
      /\d+\s?% of it is re-read conversation, \d+(\.\d+)?\s?% hidden reasoning \(estimated\)\./,
    );
    // The headline comes before the tables.
    const order = await popup.evaluate(() => {
      const a = document.querySelector('[data-testid="headline"]')!;
      const b = document.querySelector('[data-testid="totals"]')!;
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    for (const part of ['prompts', 'context', 'replies', 'reasoning', 'extras']) {
      await expect.poll(() => partCell(popup, part, 1).textContent()).not.toBe('–');
    }
    // The rows older than ten days have no context: all time knows it for some replies only.
    expect(await popup.getByTestId('coverage').textContent()).toMatch(
      /^Re-read conversation known for \d+ of 91 replies; hidden reasoning estimated for \d+\. The others/,
    );
    await expectNoSeriousA11yViolations(popup, 'popup with parts');
    await shootBothThemes(popup, 'ui-exchange-popup');
  });

  it('a breakdown row opens, by keyboard, on its parts with ranges (unknown never 0)', async () => {
    const breakdown = popup.getByTestId('breakdown');
    const button = breakdown.locator('tr[data-key="chatgpt:gpt-5"] th button');
    await expect.poll(() => button.textContent()).toBe('GPT-5');
    const line = popup.locator(`#${await button.getAttribute('aria-controls')}`);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await line.isVisible()).toBe(false);
    await button.focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    expect(await line.isVisible()).toBe(true);
    const items = line.locator('li');
    const parts = await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-part')));
    // GPT-5 reasoned and re-read its conversation on the newer rows: both are there.
    expect(parts).toEqual(expect.arrayContaining(['prompts', 'context', 'replies', 'reasoning']));
    for (const text of await items.allTextContents()) {
      expect(text).toMatch(/^[a-z ,()-]+ ([\d.,]+ k?g \([\d.,]+–[\d.,]+\)|unknown)$/);
      expect(text).not.toMatch(/ 0 g/);
    }
    expect(await line.locator('li[data-part="reasoning"]').textContent()).toMatch(
      /^hidden reasoning \(estimated\) [\d.,]+ k?g \(/,
    );
    // Space closes it again: a real button.
    await popup.keyboard.press('Space');
    await expect.poll(() => line.isVisible()).toBe(false);
    await popup.keyboard.press('Enter');
    await expect.poll(() => line.isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(popup, 'popup with a breakdown row open');
    await breakdown.scrollIntoViewIfNeeded();
    await screenshot(popup, 'ui-exchange-breakdown');
  });

  it('the cached share is a range in Settings: invalid ranges refused clearly, history recomputed', async () => {
    const context = () => partCell(popup, 'context', 3).textContent();
    const before = await context();
    const section = options.locator('section[aria-labelledby="h-exchange"]');
    const field = (name: string) => section.getByRole('spinbutton', { name });
    // The lowest above the typical: refused, said, nothing saved.
    await field('Lowest').fill('70');
    await field('Lowest').press('Tab');
    await expect
      .poll(() => options.getByTestId('cached-share-error').textContent())
      .toMatch(/^The lowest share must not exceed the typical one/);
    expect(await field('Lowest').getAttribute('aria-invalid')).toBe('true');
    await field('Lowest').fill('0');
    await field('Highest').fill('120');
    await field('Highest').press('Tab');
    await expect
      .poll(() => options.getByTestId('cached-share-error').textContent())
      .toBe('Each share must be between 0 and 100 %. Nothing was changed.');
    expect(await context()).toBe(before);
    await expectNoSeriousA11yViolations(options, 'options with a refused cached share');
    await screenshot(options, 'ui-exchange-options-error');
    // No cache at all: every re-read token at full cost, more grams.
    for (const name of ['Highest', 'Typical']) {
      await field(name).fill('0');
      await field(name).press('Tab');
    }
    await expect.poll(() => options.getByTestId('cached-share-error').count()).toBe(0);
    await expect
      .poll(async () => Number((await context())!.replace(/[^\d.]/g, '')))
      .toBeGreaterThan(Number(before!.replace(/[^\d.]/g, '')));
    await section.getByRole('button', { name: 'Use the default cached share' }).click();
    await expect.poll(context).toBe(before);
    expect(await field('Highest').inputValue()).toBe('90');
  });

  it('a long chat: the popup says what the next prompt costs there and in a new chat', async () => {
    await popup.reload();
    const hint = popup.getByTestId('long-chat');
    await expect
      .poll(() => hint.textContent())
      .toMatch(
        /^Long chat: your next prompt here re-reads about 60,780 tokens and costs about .+ CO₂e \(.+–.+\); the same prompt in a new chat about .+ \(.+–.+\)\.$/,
      );
    // Above the headline's tables, under the headline.
    const y = async (id: string) => (await popup.getByTestId(id).boundingBox())!.y;
    expect(await y('long-chat')).toBeGreaterThan(await y('headline'));
    expect(await y('long-chat')).toBeLessThan(await y('totals'));
    await expectNoSeriousA11yViolations(popup, 'popup with the long-chat hint');
    await screenshot(popup, 'ui-exchange-long-chat');
    // The options page shows where the automatic threshold lies for that chat.
    await expect
      .poll(() => options.getByTestId('long-chat-auto').textContent())
      .toMatch(/^For your last chat \(Claude, Claude Sonnet 4\.5\): from about [\d,]+ tokens/);
  });

  it('the threshold is configurable: a bad one is refused clearly, a high one hides the hint', async () => {
    const tokens = options.getByRole('spinbutton', { name: 'Tokens of conversation' });
    await options.getByRole('radio', { name: /^From a number of tokens/ }).check();
    await tokens.fill('500');
    await tokens.press('Tab');
    await expect
      .poll(() => options.getByTestId('long-chat-error').textContent())
      .toBe('Enter a whole number of tokens from 1,000 to 2,000,000. Nothing was changed.');
    expect(await tokens.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => popup.getByTestId('long-chat').count()).toBe(1);
    await expectNoSeriousA11yViolations(options, 'options with a refused threshold');
    await screenshot(options, 'ui-exchange-threshold-error');
    // Keyboard only: the field takes a valid number and Tab saves it.
    await tokens.focus();
    await options.keyboard.press('Control+A');
    await options.keyboard.type('100000');
    await options.keyboard.press('Tab');
    await expect.poll(() => options.getByTestId('long-chat-error').count()).toBe(0);
    await expect.poll(() => popup.getByTestId('long-chat').count()).toBe(0);
    await options.getByRole('radio', { name: /^Automatic/ }).check();
    await expect.poll(() => popup.getByTestId('long-chat').count()).toBe(1);
  });

  it('the report splits the month by part with ranges, and prints clean', async () => {
    const report = await openPage(h, 'report', 900);
    const parts = report.getByTestId('parts');
    await expect.poll(() => parts.locator('tbody tr').count()).toBe(5);
    const row = (part: string) => parts.locator(`tr[data-part="${part}"]`);
    await expect
      .poll(() => row('context').locator('td').first().textContent())
      .toMatch(/^[\d.,]+ k?g [\d.,]+–[\d.,]+$/);
    expect(await row('prompts').locator('th').textContent()).toBe('your prompts');
    expect(await row('reasoning').locator('th').textContent()).toBe('hidden reasoning (estimated)');
    expect(await report.getByTestId('coverage').textContent()).toMatch(
      /^Re-read conversation known for/,
    );
    // The report's breakdown shows every row's parts, no button to press on paper.
    const lines = report.getByTestId('breakdown').locator('tr.row-parts');
    expect(await lines.count()).toBeGreaterThan(3);
    expect(await report.getByTestId('breakdown').locator('button').count()).toBe(0);
    expect(await lines.first().isVisible()).toBe(true);
    await shootBothThemes(report, 'ui-exchange-report');
    await report.emulateMedia({ media: 'print' });
    expect(await parts.isVisible()).toBe(true);
    await screenshot(report, 'ui-exchange-report-print');
  });
});
