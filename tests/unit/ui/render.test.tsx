// @vitest-environment happy-dom
import { render } from 'preact';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountHost, useLocale } from './page';
import { DEFAULT_ASSUMPTIONS } from '../../../lib/model/carbon';
import { daysBefore, computeStats } from '../../../lib/model/stats';
import type { DailyRow } from '../../../lib/db/schema';

type Messages = Record<string, { message: string }>;

const NOW = new Date(2026, 10, 23, 12).getTime();
const rows: DailyRow[] = [
  {
    day: daysBefore(NOW, 0),
    site: 'chatgpt',
    model: 'gpt-4o',
    prompts: 12,
    count: 12,
    inputTokens: 24_810,
    inputTokensSq: 90_000_000,
    outputTokens: 49_090,
  },
];

const mounted = mountHost();
let host: HTMLElement;
beforeEach(() => {
  host = mounted();
});

describe('totals table', () => {
  it('in French: French labels, thousands with a narrow no-break space, decimal comma', async () => {
    useLocale('fr');
    const { Totals } = await import('../../../components/popup/Totals');
    render(<Totals stats={computeStats(rows, DEFAULT_ASSUMPTIONS, NOW)} />, host);
    const text = host.textContent!;
    expect(text).toContain('Depuis le début');
    expect(text).toContain('Jetons entrée');
    expect(text).toContain('24\u202f810');
    // Estimates: two significant digits with a decimal comma.
    const { fmt, fmtPct } = await import('../../../components/shared/i18n');
    expect(fmt(0.1234)).toBe('0,12');
    expect(fmtPct(0.494)).toBe('49\u00a0%');
  });

  it('in English, with placeholders (no layout jump) before the data arrives', async () => {
    useLocale('en');
    const { Totals } = await import('../../../components/popup/Totals');
    render(<Totals stats={null} />, host);
    const rowsBefore = host.querySelectorAll('tbody tr').length;
    const cellsBefore = host.querySelectorAll('td').length;
    expect(host.textContent).toContain('All time');
    // Reserved range lines: g CO₂e, its five parts (issue #14), Wh and water, four periods.
    expect(host.querySelectorAll('.range').length).toBe(8 * 4);
    render(<Totals stats={computeStats(rows, DEFAULT_ASSUMPTIONS, NOW)} />, host);
    expect(host.querySelectorAll('tbody tr').length).toBe(rowsBefore);
    expect(host.querySelectorAll('td').length).toBe(cellsBefore);
    expect(host.textContent).toContain('24,810');
  });
});

describe('assumptions in use (report and options)', () => {
  it.each([
    ['en', 'Methodology version', 'Tokenprint 2026-12.4 (EcoLogits reference 0.11.2)'],
    ['fr', 'Version de la méthodologie', 'Tokenprint 2026-12.4 (référence EcoLogits 0.11.2)'],
  ] as const)('%s: names the methodology version', async (lang, legend, value) => {
    useLocale(lang);
    const { AssumptionsInUse } = await import('../../../components/shared/AssumptionsInUse');
    const { METHODOLOGY_VERSION } = await import('../../../lib/model/carbon');
    render(<AssumptionsInUse a={DEFAULT_ASSUMPTIONS} />, host);
    expect(host.textContent).toContain(legend);
    const dd = host.querySelector('[data-testid="methodology-version"]')!;
    expect(dd.textContent).toBe(value);
    expect(dd.textContent).toContain(METHODOLOGY_VERSION);
  });
});

describe('boundaries (issue #15)', () => {
  it('the assumptions in use name both boundaries, and a market request without data says it falls back', async () => {
    useLocale('en');
    const { AssumptionsInUse } = await import('../../../components/shared/AssumptionsInUse');
    render(<AssumptionsInUse a={DEFAULT_ASSUMPTIONS} />, host);
    const carbon = () => host.querySelector('[data-testid="carbon-boundary"]')!.textContent;
    const water = () => host.querySelector('[data-testid="water-boundary"]')!.textContent;
    expect(carbon()).toMatch(/^Location-based/);
    expect(water()).toMatch(/^On site and off site/);
    const market = { ...DEFAULT_ASSUMPTIONS, carbonBoundary: 'market', waterBoundary: 'onsite' };
    render(<AssumptionsInUse a={market as typeof DEFAULT_ASSUMPTIONS} />, host);
    // Every provider has a sourced share by default: no fallback, and the shares are named.
    expect(carbon()).toMatch(/^Market-based/);
    expect(carbon()).not.toMatch(/location-based for providers/);
    expect(host.textContent).toContain('carbon-free share 92');
    expect(water()).toMatch(/^On site only/);
    const { cleanEnergyShare: _, ...mistral } = DEFAULT_ASSUMPTIONS.providers.mistral;
    render(
      <AssumptionsInUse
        a={
          {
            ...market,
            providers: { ...DEFAULT_ASSUMPTIONS.providers, mistral },
          } as typeof DEFAULT_ASSUMPTIONS
        }
      />,
      host,
    );
    expect(carbon()).toMatch(/^Market-based.*location-based for providers that publish no/);
  });

  it('the popup footer names the boundaries its figures use', async () => {
    useLocale('en');
    const { BoundaryNote } = await import('../../../components/shared/Boundaries');
    render(<BoundaryNote a={undefined} />, host);
    expect(host.textContent).toBe(
      'Carbon: location-based (the grid’s). Water: on site and off site.',
    );
    render(<BoundaryNote a={{ ...DEFAULT_ASSUMPTIONS, waterBoundary: 'onsite' }} />, host);
    expect(host.textContent).toBe('Carbon: location-based (the grid’s). Water: on site only.');
  });

  it('the options radios show the boundary in use and report a change', async () => {
    useLocale('en');
    const { Boundaries } = await import('../../../components/shared/Boundaries');
    const changes: unknown[] = [];
    render(<Boundaries a={DEFAULT_ASSUMPTIONS} onChange={(p) => changes.push(p)} />, host);
    const radios = [...host.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => [r.name, r.checked])).toEqual([
      ['carbonBoundary', true],
      ['carbonBoundary', false],
      ['waterBoundary', true],
      ['waterBoundary', false],
    ]);
    radios[3]!.click();
    radios[1]!.click();
    expect(changes).toEqual([{ waterBoundary: 'onsite' }, { carbonBoundary: 'market' }]);
  });
});

describe('region names in the UI language', () => {
  it.each([
    ['fr', 'DEU', 'Allemagne'],
    ['fr', 'USA', 'États-Unis'],
    ['en', 'DEU', 'Germany'],
    ['fr', 'WORLD', 'World average'], // aggregates keep the carbon model's English name
  ] as const)('%s: %s → %s', async (lang, code, name) => {
    useLocale(lang);
    const { localRegionName } = await import('../../../components/shared/region-names');
    expect(localRegionName(code)).toBe(name);
  });
});

describe('every English message has a French one that is actually different where it is prose', () => {
  it('French text differs for the headings', () => {
    const en: Messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8'));
    const fr: Messages = JSON.parse(readFileSync('public/_locales/fr/messages.json', 'utf8'));
    const headings = Object.keys(en).filter((k) => k.startsWith('heading'));
    expect(headings.length).toBeGreaterThan(10);
    for (const k of headings) expect(fr[k]!.message, k).not.toBe(en[k]!.message);
  });
});

describe('the whole exchange in words (issue #14)', () => {
  it.each([
    ['en', 're-read conversation', 'hidden reasoning (estimated)', 'Cached share'],
    ['fr', 'conversation relue', 'raisonnement caché (estimé)', 'Part en cache'],
  ] as const)('%s: every new term is explained with its sources', async (lang, ...terms) => {
    useLocale(lang);
    const { ExchangeTerms } = await import('../../../components/shared/Sources');
    const { EXCHANGE_COEFFICIENTS } = await import('../../../lib/model/carbon/exchange');
    const { SOURCES } = await import('../../../lib/model/carbon/sources');
    render(<ExchangeTerms />, host);
    const dts = [...host.querySelectorAll('dt')].map((d) => d.textContent);
    for (const term of terms) expect(dts).toContain(term);
    for (const dd of host.querySelectorAll('dd'))
      expect(dd.textContent!.length).toBeGreaterThan(80);
    // Every source of every issue #14 coefficient is linked from the terms (or named when it
    // is Tokenprint's own assumption, which has no web page).
    const links = [...host.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    for (const c of Object.values(EXCHANGE_COEFFICIENTS))
      for (const id of c.sourceIds) {
        const s = SOURCES.find((x) => x.id === id)!;
        if (/^https?:/.test(s.url)) expect(links, id).toContain(s.url);
        else expect(host.textContent).toContain(s.author);
      }
  });

  it('the headline in French: the week, its range, one equivalent and the two shares', async () => {
    useLocale('fr');
    const { Headline } = await import('../../../components/popup/Headline');
    const withContext: DailyRow = {
      ...rows[0]!,
      contextTokens: 120_000,
      contextRows: 12,
      fullInputSq: 12 * 12_000 ** 2,
    };
    render(<Headline week={computeStats([withContext], DEFAULT_ASSUMPTIONS, NOW).week} />, host);
    expect(host.textContent).toMatch(
      /^Cette semaine : [\d,]+ g CO₂e \([\d,]+–[\d,]+ g\), environ /,
    );
    expect(host.textContent).toMatch(
      /Dont \d+\u00a0% de conversation relue et 0\u00a0% de raisonnement/,
    );
    render(<Headline week={computeStats(rows, DEFAULT_ASSUMPTIONS, NOW).week} />, host);
    expect(host.textContent).toContain('Conversation relue et raisonnement caché : inconnus');
  });
});

describe('totals by part over older history (issue #14)', () => {
  it('context, reasoning and extras read unknown in every period, never 0', async () => {
    useLocale('en');
    const { Totals } = await import('../../../components/popup/Totals');
    render(<Totals stats={computeStats(rows, DEFAULT_ASSUMPTIONS, NOW)} />, host);
    for (const part of ['context', 'reasoning', 'extras']) {
      const cells = [...host.querySelectorAll(`tr[data-part="${part}"] td`)];
      expect(cells.map((c) => c.textContent!.trim())).toEqual(Array(4).fill('unknown'));
    }
    for (const part of ['prompts', 'replies'])
      expect(host.querySelector(`tr[data-part="${part}"] td .central`)!.textContent).not.toBe(
        'unknown',
      );
    expect(host.querySelector('[data-testid="coverage"]')!.textContent).toMatch(
      /^Re-read conversation known for 0 of 12 replies; hidden reasoning estimated for 0\. The others/,
    );
  });
});

describe('compare table: the first rows, then the rest on request (issue #19)', () => {
  const comparison = async () => {
    const { bucketsFromDaily, compareModels } = await import('../../../lib/model/compare/replay');
    return compareModels(bucketsFromDaily(rows, rows[0]!.day, rows[0]!.day), DEFAULT_ASSUMPTIONS);
  };
  const names = (sel: string) =>
    [...host.querySelectorAll(`${sel} tr.model th`)].map((th) => th.firstChild!.textContent);
  const button = () => host.querySelector<HTMLButtonElement>('[data-testid="compare-more"]')!;
  beforeEach(() => sessionStorage.clear());

  it.each([
    ['en', 'Show all $1 models', 'Show the first 10 only'],
    ['fr', 'Afficher les $1 modèles', 'N’afficher que les 10 premiers'],
  ] as const)(
    '%s: mix + the first rows of the sort; the rest after the first paint, collapsed until asked',
    async (lang, showAll, showFirst) => {
      useLocale(lang);
      const { act } = await import('preact/test-utils');
      const { CompareTable, FIRST_ROWS } = await import('../../../components/compare/CompareTable');
      const { sortRows } = await import('../../../lib/model/compare/replay');
      const c = await comparison();
      const sorted = sortRows(c.models, 'gco2e', 'asc').map((r) => r.spec!.name);
      render(<CompareTable comparison={c} />, host);
      // The first render: the mix and FIRST_ROWS models, the rest's group empty.
      expect(host.querySelectorAll('tbody:not(.rest, .sizer) tr')).toHaveLength(1 + FIRST_ROWS);
      expect(host.querySelector('tbody:not(.rest, .sizer) tr')!.className).toBe('mix');
      expect(names('tbody:not(.rest, .sizer)')).toEqual(sorted.slice(0, FIRST_ROWS));
      expect(host.querySelectorAll('tbody.rest tr')).toHaveLength(0);
      // Two collapsed rows stand in for the rest's widest cells: the longest model name is one.
      const longest = Math.max(...sorted.slice(FIRST_ROWS).map((n) => n.length));
      const sizerNames = [...host.querySelectorAll('tbody.sizer th')].map(
        (th) => th.firstChild!.textContent!,
      );
      expect(host.querySelectorAll('tbody.sizer tr')).toHaveLength(2);
      expect(sizerNames.some((n) => n.length === longest)).toBe(true);
      expect(button().textContent).toBe(showAll.replace('$1', String(c.models.length)));
      expect(button().getAttribute('aria-expanded')).toBe('false');
      await act(() => new Promise((r) => setTimeout(r, 150)));
      expect(names('tbody.rest')).toEqual(sorted.slice(FIRST_ROWS));
      expect(host.querySelector('tbody.sizer')).toBeNull();
      expect(host.querySelector('tbody.rest')!.classList.contains('collapsed')).toBe(true);
      // Sorting reorders every row: the first rows are the top of the whole list.
      const cost = [...host.querySelectorAll<HTMLButtonElement>('button.sort')][4]!;
      await act(() => cost.click());
      await act(() => cost.click());
      const byCost = sortRows(c.models, 'costUsd', 'desc').map((r) => r.spec!.name);
      expect([...names('tbody:not(.rest, .sizer)'), ...names('tbody.rest')]).toEqual(byCost);
      await act(() => button().click());
      expect(button().getAttribute('aria-expanded')).toBe('true');
      expect(button().textContent).toBe(showFirst);
      expect(host.querySelector('tbody.rest')!.classList.contains('collapsed')).toBe(false);
      expect(sessionStorage.getItem('tokenprint.compare.allModels')).toBe('1');
      // Remembered: a new table (a reload) shows every row on its first render.
      render(null, host);
      render(<CompareTable comparison={c} />, host);
      expect(host.querySelectorAll('tbody.rest:not(.collapsed) tr')).toHaveLength(
        c.models.length - FIRST_ROWS,
      );
      expect(button().getAttribute('aria-expanded')).toBe('true');
      await act(() => button().click());
      expect(sessionStorage.getItem('tokenprint.compare.allModels')).toBeNull();
      expect(host.querySelector('tbody.rest')!.classList.contains('collapsed')).toBe(true);
    },
  );
});
