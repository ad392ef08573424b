import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../lib/model/carbon/models';
import { COMPARE_CSV_COLUMNS } from '../../lib/model/compare/csv';
import { periodOf } from '../../lib/model/compare/period';
import { launch, screenshot, waitFor, type Harness } from './harness';
import {
  expectNoSeriousA11yViolations,
  openPage,
  seedExport,
  shootBothThemes,
  writeTemp,
} from './ui-helpers';

const N = 60;
const MODEL_COUNT = Object.keys(MODELS).length;

/** The text of the cost cells of the model rows (the mix row left out), in table order. */
const costs = (page: Page) =>
  page.locator('[data-testid="compare-table"] tbody tr.model td:nth-of-type(4)').allTextContents();

/** How many of the table's body rows are on screen (a collapsed row has no height). */
const shownRows = (page: Page) =>
  page
    .getByTestId('compare-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.filter((tr) => tr.getBoundingClientRect().height > 0).length);

/** The header cells' widths, to the pixel. */
const columnWidths = (page: Page) =>
  page
    .getByTestId('compare-table')
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));

/** "$1.23" → 1.23 (en-US), "no public price" → Infinity. */
const dollars = (s: string) => (/\d/.test(s) ? Number(s.replace(/[^0-9.]/g, '')) : Infinity);

describe('Compare page (issue #19)', () => {
  let h: Harness;
  let compare: Page;
  /** Seeded replies in the last 30 days (seedExport spreads them over 45). */
  let inPeriod = 0;
  beforeAll(async () => {
    h = await launch();
    const options = await openPage(h, 'options');
    const seed = seedExport(N, 45);
    const p = periodOf({ kind: 'last30' }, Date.now());
    inPeriod = (JSON.parse(seed).interactions as { at: string }[]).filter(
      (r) => Date.parse(r.at) >= p.startMs && Date.parse(r.at) < p.endMs,
    ).length;
    await options.getByLabel('Import JSON').setInputFiles(writeTemp('compare.json', seed));
    // expect.poll only runs inside a test.
    await waitFor(
      async () =>
        (await options.getByTestId('saved').textContent()) ===
        `Imported ${N} interactions (0 already present).`,
      20_000,
      'the import',
    );
    await options.close();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens from the popup and replays the last 30 days on every catalogue model', async () => {
    const popup = await openPage(h, 'popup');
    const [page] = await Promise.all([
      h.context.waitForEvent('page'),
      popup.getByRole('link', { name: 'Compare', exact: true }).click(),
    ]);
    await page.waitForURL(/\/compare\.html$/);
    await page.close();
    compare = await openPage(h, 'compare', 1280);
    const rows = compare.getByTestId('compare-table').locator('tbody tr');
    // Every model is in the table (the rest collapsed, after the first paint), 11 rows shown.
    await expect.poll(() => rows.count()).toBe(1 + MODEL_COUNT);
    expect(await shownRows(compare)).toBe(11);
    expect(await rows.first().locator('th').textContent()).toBe('Your actual mix');
    expect(inPeriod).toBeGreaterThan(30);
    expect(inPeriod).toBeLessThan(N);
    expect(await compare.getByTestId('compare-summary').textContent()).toMatch(
      new RegExp(`^${inPeriod} replies,`),
    );
    // Every model with a public price shows a cost; none is left blank.
    expect((await costs(compare)).every((c) => /\$\d/.test(c) || c === 'no public price')).toBe(
      true,
    );
    await expect.poll(() => compare.getByTestId('routing-short').locator('td').count()).toBe(4);
  });

  it('sorts by a column both ways, the actual mix staying first', async () => {
    const header = compare.getByRole('columnheader', { name: 'API cost' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const asc = (await costs(compare)).map(dollars);
    expect(asc).toEqual([...asc].sort((x, y) => x - y));
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const desc = (await costs(compare)).map(dollars).filter(Number.isFinite);
    expect(desc).toEqual([...desc].sort((x, y) => y - x));
    expect(desc[0]).toBeGreaterThan(desc.at(-1)!);
    const first = compare.getByTestId('compare-table').locator('tbody tr').first();
    expect(await first.getAttribute('class')).toBe('mix');
  });

  it('shows the first 10 models of the sort; the button shows the rest, remembered, columns unmoved', async () => {
    const more = compare.getByTestId('compare-more');
    expect(await more.textContent()).toBe(`Show all ${MODEL_COUNT} models`);
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    // The shown rows are the top of the sorted list (sorted by cost, descending, above).
    const shown = await compare
      .getByTestId('compare-table')
      .locator('tbody tr.model')
      .evaluateAll((trs) =>
        trs
          .filter((tr) => tr.getBoundingClientRect().height > 0)
          .map((tr) => (tr as HTMLElement).dataset.key),
      );
    const all = await compare
      .getByTestId('compare-table')
      .locator('tbody tr.model')
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
    expect(shown).toEqual(all.slice(0, 10));
    const widths = await columnWidths(compare);
    await more.focus();
    await compare.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await shownRows(compare)).toBe(1 + MODEL_COUNT);
    expect(await more.textContent()).toBe('Show the first 10 only');
    expect(
      await compare.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid),
    ).toBe('compare-more');
    expect(await columnWidths(compare)).toEqual(widths);
    await expectNoSeriousA11yViolations(compare, 'compare, every model shown');
    // Remembered for the session: a reload shows every model at once.
    await compare.reload();
    await compare.getByTestId('compare-more').waitFor();
    expect(await shownRows(compare)).toBe(1 + MODEL_COUNT);
    await compare.getByTestId('compare-more').click();
    expect(await shownRows(compare)).toBe(11);
    expect(await compare.getByTestId('compare-more').getAttribute('aria-expanded')).toBe('false');
  });

  it('the first paint’s columns are already as wide as the full table’s', async () => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    // The header widths in the frame the first rows appear in, before the rest is built.
    await page.addInitScript(() => {
      const w = window as unknown as { firstWidths?: number[] };
      const seen = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="compare-table"] tbody tr:nth-child(11)')) return;
        seen.disconnect();
        w.firstWidths = [
          ...document.querySelectorAll('[data-testid="compare-table"] thead th'),
        ].map((th) => Math.round(th.getBoundingClientRect().width));
      });
      seen.observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${h.extensionId}/compare.html`);
    const rest = page.locator('#compare-rest tr');
    await expect.poll(() => rest.count()).toBe(MODEL_COUNT - 10);
    const first = await page.evaluate(
      () => (window as unknown as { firstWidths?: number[] }).firstWidths,
    );
    expect(first).toHaveLength(13);
    expect(await columnWidths(page)).toEqual(first);
    await page.close();
  });

  it('routing: a short-reply threshold of 0 saves nothing, a larger one saves grams and dollars', async () => {
    const saved = () =>
      compare.getByTestId('routing-short').locator('td').first().locator('.central').textContent();
    const input = compare.getByLabel('A short reply has fewer tokens than');
    await input.fill('0');
    await expect.poll(saved).toBe('0 g');
    await input.fill('2000');
    await expect.poll(saved).not.toBe('0 g');
    expect(Number.parseFloat((await saved())!)).toBeGreaterThan(0);
    const usd = await compare.getByTestId('routing-short').locator('td').nth(3).textContent();
    expect(dollars(usd!)).toBeGreaterThan(0);
    await compare.getByLabel('Reasoning model').selectOption({ label: 'o3' });
    await expect
      .poll(() => compare.getByTestId('routing-reasoning').locator('th').textContent())
      .toBe('o3 only where you used a reasoning model');
  });

  it('exports the comparison as CSV', async () => {
    const [dl] = await Promise.all([
      compare.waitForEvent('download'),
      compare.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/^tokenprint-compare-\d{8}-\d{8}\.csv$/);
    const lines = readFileSync((await dl.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(COMPARE_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2 + MODEL_COUNT);
    expect(lines[1]!.startsWith(`actual mix,mix,,,,${inPeriod},`)).toBe(true);
  });

  it('is usable from the keyboard: Tab reaches a sort button and Enter sorts', async () => {
    await compare.reload();
    await compare.getByTestId('compare-table').waitFor();
    let focused = '';
    for (let i = 0; i < 30 && focused !== 'Tokens/s'; i++) {
      await compare.keyboard.press('Tab');
      focused = await compare.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('Tokens/s');
    await compare.keyboard.press('Enter');
    expect(
      await compare
        .getByTestId('compare-table')
        .getByRole('columnheader', { name: 'Tokens/s' })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
  });

  it('a chosen month, accessibility in both themes, and a clean print', async () => {
    const period = compare.getByRole('combobox', { name: 'Period' });
    const months = await period
      .locator('option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(months[0]).toBe('last30');
    expect(months.length).toBeGreaterThanOrEqual(3);
    const summary = () => compare.getByTestId('compare-summary').textContent();
    const last30 = await summary();
    await period.selectOption(months[2]!);
    await expect.poll(summary).not.toBe(last30);
    await expect
      .poll(() => compare.getByRole('heading', { level: 1 }).textContent())
      .not.toContain('last 30 days');
    await period.selectOption('last30');
    await expectNoSeriousA11yViolations(compare, 'compare');
    await shootBothThemes(compare, 'ui-compare');
    await compare.getByTestId('routing-table').waitFor();
    await compare.emulateMedia({ media: 'print' });
    // A landscape A4 page with 16 mm margins is ~1,000 CSS px wide: nothing may stick out.
    await compare.setViewportSize({ width: 1000, height: 900 });
    const overflow = await compare.evaluate(() => {
      const main = document.querySelector('main')!.getBoundingClientRect().width;
      return [...document.querySelectorAll('main table')].map((t) => t.scrollWidth - main);
    });
    expect(
      overflow.every((px) => px <= 0),
      `tables wider than the page: ${overflow}`,
    ).toBe(true);
    expect(await compare.getByRole('button', { name: 'Export CSV' }).isVisible()).toBe(false);
    expect(await compare.getByLabel('Period').isVisible()).toBe(false);
    expect(await compare.getByTestId('compare-table').isVisible()).toBe(true);
    // Every model prints, though the screen shows the first 10.
    expect(await shownRows(compare)).toBe(1 + MODEL_COUNT);
    expect(await compare.getByTestId('compare-more').isVisible()).toBe(false);
    expect(await compare.getByTestId('routing-table').isVisible()).toBe(true);
    await screenshot(compare, 'ui-compare-print');
  });
});

describe('Compare page in French (issue #19)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({}, ['--lang=fr']);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('speaks French and stays accessible, even with nothing counted', async () => {
    const page = await openPage(h, 'compare', 1280);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Votre usage sur chaque modèle : 30 derniers jours');
    expect(await page.getByTestId('compare-empty').textContent()).toBe(
      'Rien de compté sur cette période pour l’instant.',
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect
      .poll(() => page.getByTestId('prices').locator('tbody tr').count())
      .toBe(MODEL_COUNT);
    await expectNoSeriousA11yViolations(page, 'compare (fr, empty)');
    await screenshot(page, 'ui-compare-fr-empty');
  });
});
