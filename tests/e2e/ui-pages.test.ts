import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, readStore, screenshot, waitFor, type Harness } from './harness';
import {
  expectNoSeriousA11yViolations,
  openPage,
  recentCopy,
  seedExport,
  shootBothThemes,
  writeTemp,
} from './ui-helpers';

const N = 60;

/** The all-time central g CO₂e cell of the popup's totals table. */
async function allTimeGrams(popup: Page): Promise<string> {
  return (await popup
    .getByTestId('totals')
    .locator('tbody tr')
    .first()
    .locator('td.band')
    .nth(3)
    .locator('.central')
    .textContent())!;
}

describe('popup, options and report (issue #6)', () => {
  let h: Harness;
  let popup: Page;
  let options: Page;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the empty state to a new user, accessibly', async () => {
    popup = await openPage(h, 'popup');
    await expect
      .poll(() => popup.getByRole('heading', { name: 'Nothing counted yet' }).isVisible())
      .toBe(true);
    await expectNoSeriousA11yViolations(popup, 'empty popup');
    await shootBothThemes(popup, 'ui-popup-empty');
  });

  it('imports a JSON export through the options page and the popup follows', async () => {
    options = await openPage(h, 'options');
    const file = writeTemp('seed.json', seedExport(N, 45));
    await options.getByLabel('Import JSON').setInputFiles(file);
    await expect
      .poll(() => options.getByTestId('saved').textContent())
      .toBe(`Imported ${N} interactions (0 already present).`);
    expect(await readStore(h, 'interactions')).toHaveLength(N);
    // The open popup updates without a reload (liveQuery on the daily rollups).
    await expect.poll(() => popup.getByTestId('empty-state').count()).toBe(0);
    await expect.poll(() => allTimeGrams(popup)).not.toBe('–');
    expect(await popup.getByTestId('breakdown').getByRole('row').count()).toBeGreaterThan(3);
    expect(await popup.getByTestId('projections').getByRole('row').count()).toBe(7);
    await expect.poll(() => popup.getByTestId('whatif').getByRole('listitem').count()).toBe(3);
    // The import left a copy of the recent rollups for the popup's next first paint: the
    // same rows as the database's last 30 days (lib/db/recent.ts).
    const copy = (await recentCopy(options))!;
    const daily = await readStore(h, 'daily');
    expect(copy.rows.length).toBeGreaterThan(0);
    expect(copy.rows).toEqual(daily.filter((r) => (r.day as number) >= copy.from));
    // The slopes subtitle names the main provider's region in words once the names (loaded
    // after the first paint) are in, not by its code.
    await expect
      .poll(() => popup.locator('section[aria-labelledby="h-slopes"] .sub').textContent())
      .toMatch(/data centres in (United States|Sweden)\./);
  });

  it('changing the region recomputes the totals at once', async () => {
    const before = await allTimeGrams(popup);
    const select = options.getByRole('combobox', { name: 'Region for OpenAI (ChatGPT)' });
    expect(await select.inputValue()).toBe('USA');
    await select.selectOption('SWE');
    await expect
      .poll(() => options.getByTestId('saved').textContent())
      .toBe('Saved. History recomputed with the new assumptions.');
    await expect.poll(() => allTimeGrams(popup)).not.toBe(before);
    const sweden = await allTimeGrams(popup);
    await options.getByRole('button', { name: 'Use the provider default' }).click();
    await expect.poll(() => allTimeGrams(popup)).toBe(before);
    expect(sweden).not.toBe(before);
    // Marginal intensity: other figures, every provider keeps its region selected.
    await options.getByRole('radio', { name: /^Marginal/ }).check();
    await expect.poll(() => allTimeGrams(popup)).not.toBe(before);
    for (const [name, code] of [
      ['Region for OpenAI (ChatGPT)', 'USA'],
      ['Region for Mistral AI (Le Chat)', 'SWE'],
    ]) {
      expect(await options.getByRole('combobox', { name }).inputValue()).toBe(code);
    }
    await options.getByRole('radio', { name: /^Average/ }).check();
    await expect.poll(() => allTimeGrams(popup)).toBe(before);
    // On-site WUE: raising the minimum above the maximum lifts the maximum with it, so the
    // model never sees min > max and the totals never silently drop out.
    const water = () =>
      popup
        .getByTestId('totals')
        // The water row (below g CO₂e, its parts (issue #14) and Wh).
        .locator('tbody tr', { has: popup.getByRole('rowheader', { name: 'mL water' }) })
        .locator('td.band .central')
        .nth(3)
        .textContent();
    const waterBefore = await water();
    await options.getByLabel('On-site WUE minimum for Anthropic (Claude)').fill('3');
    await options.getByLabel('On-site WUE minimum for Anthropic (Claude)').press('Tab');
    await expect.poll(water).not.toBe(waterBefore);
    await expect
      .poll(() => options.getByLabel('On-site WUE maximum for Anthropic (Claude)').inputValue())
      .toBe('3');
    expect(await popup.getByRole('alert').count()).toBe(0);
    // An off-site WUE typed by hand survives a change of region; the table value follows it.
    const offsite = options.getByLabel('Off-site WUE for OpenAI (ChatGPT)');
    const region = options.getByRole('combobox', { name: 'Region for OpenAI (ChatGPT)' });
    const tableUsa = await offsite.inputValue();
    await region.selectOption('SWE');
    await expect.poll(() => offsite.inputValue()).not.toBe(tableUsa);
    await offsite.fill('4.5');
    await offsite.press('Tab');
    await region.selectOption('FRA');
    await expect.poll(() => region.inputValue()).toBe('FRA');
    await expect.poll(() => offsite.inputValue()).toBe('4.5');
    await options.getByRole('button', { name: 'Reset all assumptions to defaults' }).click();
    await expect.poll(water).toBe(waterBefore);
    await expect.poll(() => offsite.inputValue()).toBe(tableUsa);
    // Searching narrows the list and keeps the selection.
    await options
      .getByRole('searchbox', { name: 'Search regions for Mistral AI (Le Chat)' })
      .fill('fra');
    const opts = await options
      .getByRole('combobox', { name: 'Region for Mistral AI (Le Chat)' })
      .locator('option')
      .allTextContents();
    expect(opts.some((o) => o.includes('(FRA)'))).toBe(true);
    expect(opts.length).toBeLessThan(10);
  });

  it('exports JSON and CSV, and a re-import adds nothing', async () => {
    const [dl] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const json = readFileSync((await dl.path())!, 'utf8');
    const file = JSON.parse(json);
    expect(file.format).toBe('tokenprint-export');
    expect(file.version).toBe(3);
    expect(file.interactions).toHaveLength(N);
    const one = file.interactions[0];
    expect(Object.keys(one).sort()).toEqual(
      [
        'at',
        'conversationId',
        'energyWh',
        'gco2e',
        'id',
        'inputTokens',
        'model',
        'outputTokens',
        'site',
        'waterMl',
      ].sort(),
    );
    expect(one.gco2e.max).toBeGreaterThan(one.gco2e.min);
    expect(one.gco2e.min).toBeGreaterThan(0);

    const [csvDl] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await csvDl.path())!, 'utf8')
      .trim()
      .split(/\r\n/);
    expect(csv[0]).toBe(
      'id,at,site,conversationId,model,inputTokens,outputTokens,energyWhMin,energyWhMax,gco2eMin,gco2eMax,waterMlMin,waterMlMax,reasoningTokens,contextTokens,contextFrom,thinkMs,thinkHow,ttftMs,streamMs,images,fileTokens,filesGuessed,searches,methodology',
    );
    expect(csv).toHaveLength(N + 1);

    await options.getByLabel('Import JSON').setInputFiles(writeTemp('again.json', json));
    await expect
      .poll(() => options.getByTestId('saved').textContent())
      .toBe(`Imported 0 interactions (${N} already present).`);
    expect(await readStore(h, 'interactions')).toHaveLength(N);
  });

  it('rejects a malformed file whole, with a clear message', async () => {
    const bad = seedExport(3, 3).replace('"site":"chatgpt"', '"site":"bard"');
    await options.getByLabel('Import JSON').setInputFiles(writeTemp('bad.json', bad));
    await expect
      .poll(() => options.getByTestId('saved').textContent())
      .toMatch(/^Import refused, nothing changed: .*unknown site "bard"/);
    const evil = seedExport(2, 2).replace('"format"', '"__proto__":{"x":1},"format"');
    await options.getByLabel('Import JSON').setInputFiles(writeTemp('evil.json', evil));
    await expect
      .poll(() => options.getByTestId('saved').textContent())
      .toMatch(/Forbidden field "__proto__"/);
    expect(await readStore(h, 'interactions')).toHaveLength(N);
  });

  it('screenshots and accessibility of every page, light and dark', async () => {
    await shootBothThemes(popup, 'ui-popup');
    await shootBothThemes(options, 'ui-options');
    const report = await openPage(h, 'report', 900);
    await expect
      .poll(() => report.getByTestId('report-totals').locator('.central').first().textContent())
      .not.toBe('–');
    await shootBothThemes(report, 'ui-report');
    // The seeded 45 days span two calendar months: the earlier one has its own totals.
    const month = report.getByRole('combobox', { name: 'Month' });
    // shootBothThemes reloaded the report: its months come from rows it may still be reading.
    await expect.poll(() => month.locator('option').count()).toBeGreaterThanOrEqual(2);
    const months = await month
      .locator('option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(months.length).toBeGreaterThanOrEqual(2);
    const kpi = () => report.getByTestId('report-totals').locator('.central').first().textContent();
    await expect.poll(kpi).not.toBe('–');
    const thisMonth = await kpi();
    await month.selectOption(months[1]!);
    await expect.poll(kpi).not.toBe(thisMonth);
    await expect
      .poll(() => report.getByRole('heading', { level: 1 }).textContent())
      .not.toContain(new Date().toLocaleString('en', { month: 'long' }));
    await month.selectOption(months[0]!);
    // Printing hides the page's own controls and keeps the content.
    await report.emulateMedia({ media: 'print' });
    expect(await report.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(
      false,
    );
    expect(await report.getByRole('heading', { name: 'By site and model' }).isVisible()).toBe(true);
    await screenshot(report, 'ui-report-print');
  });

  it('is usable from the keyboard: Tab reaches the export button and Enter runs it', async () => {
    await options.reload();
    // The options page shows an empty <main> until its settings are read: Tab presses before
    // that would use up the tries.
    await options.getByRole('button', { name: 'Export JSON' }).waitFor();
    let focused = '';
    for (let i = 0; i < 80 && focused !== 'Export JSON'; i++) {
      await options.keyboard.press('Tab');
      focused = await options.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('Export JSON');
    const [dl] = await Promise.all([
      options.waitForEvent('download'),
      options.keyboard.press('Enter'),
    ]);
    expect(dl.suggestedFilename()).toMatch(/^tokenprint-\d{4}-\d\d-\d\d\.json$/);
  });

  it('deletes all data after confirmation', async () => {
    await options.getByRole('button', { name: 'Delete all data' }).click();
    const dialog = options.getByRole('dialog', { name: 'Delete all data?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await readStore(h, 'interactions')).toHaveLength(N);
    await options.getByRole('button', { name: 'Delete all data' }).click();
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await waitFor(
      async () => (await readStore(h, 'interactions')).length === 0,
      10_000,
      'empty db',
    );
    expect(await readStore(h, 'daily')).toHaveLength(0);
    // The copy of the recent rollups the popup paints first from (lib/db/recent.ts) follows.
    await expect.poll(() => recentCopy(options)).toMatchObject({ rows: [], any: false });
    await popup.reload();
    await expect.poll(() => popup.getByTestId('empty-state').count()).toBe(1);
  });
});
