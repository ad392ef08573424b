import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSUMPTIONS as A,
  MODELS,
  estimate,
  type Assumptions,
} from '../../../lib/model/carbon';
import { PRICES, apiCost, priceOf } from '../../../lib/model/carbon/prices';
import { emptyUsage } from '../../../lib/model/carbon/usage';
import { COMPARE_CSV_COLUMNS, comparisonCsv } from '../../../lib/model/compare/csv';
import {
  CLASS_BOUNDS_WH,
  REFERENCE_REPLY,
  energyClass,
} from '../../../lib/model/compare/energy-class';
import { monthsSince, periodOf } from '../../../lib/model/compare/period';
import {
  bucketsFromDaily,
  compareModels,
  sortRows,
  type Bucket,
} from '../../../lib/model/compare/replay';
import { daily, NOW } from '../daily-rows';

const usage = (count: number, inputTokens: number, outputTokens: number, sq?: number) => ({
  count,
  inputTokens,
  inputTokensSq: sq ?? inputTokens * inputTokens,
  outputTokens,
});

const close = (x: number, y: number) => expect(x).toBeCloseTo(y, 9);

describe('prices (lib/model/carbon/prices.ts)', () => {
  it('prices only catalogue models, each dated, sourced on an https page, output ≥ input', () => {
    for (const [id, p] of Object.entries(PRICES)) {
      expect(MODELS, id).toHaveProperty(id);
      expect(p.since, id).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(p.url, id).toMatch(/^https:\/\//);
      expect(p.outputPerM, id).toBeGreaterThanOrEqual(p.inputPerM);
      if (p.cachedInputPerM !== null) expect(p.cachedInputPerM, id).toBeLessThan(p.inputPerM);
    }
  });

  it.each([
    // GPT-4o: 1M in at $2.50 + 1M out at $10.
    ['gpt-4o', 1_000_000, 1_000_000, 12.5],
    // Claude Opus 4.1: 2,000 in at $15/M + 500 out at $75/M = 0.03 + 0.0375.
    ['claude-opus-4-1', 2000, 500, 0.0675],
    ['mistral-small', 0, 1_000_000, 0.3],
  ])('%s: %d in, %d out costs $%d', (id, i, o, usd) => {
    close(apiCost(id, i, o)!, usd);
  });

  it('a model without a public price costs null, never a guess', () => {
    expect(priceOf('unknown')).toBeUndefined();
    expect(apiCost('unknown', 100, 100)).toBeNull();
    expect(apiCost('constructor', 100, 100)).toBeNull();
  });
});

describe('energy class', () => {
  it('boundaries are a ×3 ladder from 0.02 Wh, inclusive at the top of each class', () => {
    expect(CLASS_BOUNDS_WH.map((b) => +b.toFixed(4))).toEqual([0.02, 0.06, 0.18, 0.54, 1.62, 4.86]);
    expect(energyClass(0)).toBe('A');
    expect(energyClass(0.02)).toBe('A');
    expect(energyClass(0.0201)).toBe('B');
    expect(energyClass(0.54)).toBe('D');
    expect(energyClass(4.87)).toBe('G');
    expect(() => energyClass(Number.NaN)).toThrow(RangeError);
  });

  it('under the default assumptions, small models rate B, flagships D, GPT-5 Pro G; A is empty', () => {
    const cls = (id: string) =>
      compareModels([{ site: 'chatgpt', model: 'gpt-4o', usage: usage(1, 10, 10) }], A).models.find(
        (r) => r.key === id,
      )!.energyClass;
    expect(cls('gpt-4o-mini')).toBe('B');
    expect(cls('gpt-4o')).toBe('D');
    expect(cls('claude-opus-4-1')).toBe('F');
    expect(cls('gpt-5-pro')).toBe('G');
    const all = compareModels([], A).models.map((r) => r.energyClass);
    expect(all).not.toContain('A');
  });
});

describe('replay on every catalogue model', () => {
  const buckets: Bucket[] = [
    { site: 'chatgpt', model: 'gpt-4o', usage: usage(10, 2000, 5000, 600_000) },
    { site: 'claude', model: 'claude-opus-4-1', usage: usage(4, 800, 2000, 200_000) },
    { site: 'lechat', model: 'unknown', usage: usage(6, 600, 3000, 90_000) },
  ];
  const c = compareModels(buckets, A);
  const total = usage(20, 3400, 10_000, 890_000);

  it('replays the summed usage on each model under that model’s provider assumptions', () => {
    // Every sum, the issue #14 ones at zero (buckets without them: a full input of prompts only).
    expect(c.usage).toEqual({ ...emptyUsage(), ...total, fullInputSq: total.inputTokensSq });
    expect(c.models.map((r) => r.key)).toEqual(Object.keys(MODELS));
    const haiku = c.models.find((r) => r.key === 'claude-haiku-4-5')!;
    const direct = estimate(total, 'claude-haiku-4-5', 'claude', A);
    close(haiku.estimate.gco2e.central, direct.gco2e.central);
    close(haiku.estimate.waterMl.max, direct.waterMl.max);
    close(haiku.costUsd!, (3400 * 1 + 10_000 * 5) / 1e6);
    // Mistral models run in Sweden by default: far less carbon than the same on a US grid.
    const small = c.models.find((r) => r.key === 'mistral-small')!;
    close(
      small.estimate.gco2e.central,
      estimate(total, 'mistral-small', 'lechat', A).gco2e.central,
    );
  });

  it('a forced site tier does not change what a model row replays', () => {
    const forced: Assumptions = { ...A, siteModel: { ...A.siteModel, claude: 'small' } };
    const f = compareModels(buckets, forced);
    const opus = (x: typeof c) => x.models.find((r) => r.key === 'claude-opus-4-5')!;
    close(opus(f).estimate.gco2e.central, opus(c).estimate.gco2e.central);
    // …but the actual mix follows it: Claude's replies now count as the small tier's.
    expect(f.mix.estimate.gco2e.central).toBeLessThan(c.mix.estimate.gco2e.central);
  });

  it('the actual mix sums each bucket on its own model; unknown falls back to the default tier', () => {
    const expected =
      estimate(buckets[0]!.usage, 'gpt-4o', 'chatgpt', A).gco2e.central +
      estimate(buckets[1]!.usage, 'claude-opus-4-1', 'claude', A).gco2e.central +
      estimate(buckets[2]!.usage, 'unknown', 'lechat', A).gco2e.central;
    close(c.mix.estimate.gco2e.central, expected);
    // Unknown on Le Chat is the default tier (large) representative, GPT-4o, and its price.
    const cost =
      apiCost('gpt-4o', 2000, 5000)! +
      apiCost('claude-opus-4-1', 800, 2000)! +
      apiCost('gpt-4o', 600, 3000)!;
    close(c.mix.costUsd!, cost);
    expect(c.mix.unpricedShare).toBe(0);
  });

  it('ratios: g per 1,000 output tokens, tokens per Wh, per dollar, grams per dollar', () => {
    const r = c.models.find((x) => x.key === 'gpt-5')!;
    const g = r.estimate.gco2e.central;
    close(r.gPer1kOut!, g / 10);
    close(r.tokensPerWh!, 13_400 / r.estimate.energyWh.central);
    close(r.tokensPerUsd!, 13_400 / r.costUsd!);
    close(r.gPerUsd!, g / r.costUsd!);
    // Speed: GPT-5's time to first token + the average reply (500 tokens) at its speed.
    close(r.replyS!, 0.56 + 500 / 71.1);
  });

  it('the mix speed weighs replies by count and tokens by generation time', () => {
    const one = compareModels([buckets[0]!], A);
    close(one.mix.tps!, 37.8);
    close(one.mix.ttftS!, 0.52);
    const two = compareModels(buckets.slice(0, 2), A);
    close(two.mix.ttftS!, (10 * 0.52 + 4 * 1.95) / 14);
    close(two.mix.tps!, 7000 / (5000 / 37.8 + 2000 / 25.1));
  });

  it('without usage: no ratios, no reply time, zero footprint and cost', () => {
    const e = compareModels([], A);
    expect(e.mix.estimate.gco2e.central).toBe(0);
    expect(e.mix.costUsd).toBeNull();
    expect(e.models[0]!.gPer1kOut).toBeNull();
    expect(e.models[0]!.replyS).toBeNull();
    expect(e.models[0]!.costUsd).toBe(0);
    expect(e.models[0]!.tokensPerUsd).toBeNull();
  });

  it('the mix’s class is the count-weighted reference reply of the models it used', () => {
    const ref = (id: string, site: 'chatgpt' | 'claude') =>
      estimate(REFERENCE_REPLY, id, site, A).energyWh.central;
    const two = compareModels(buckets.slice(0, 2), A);
    close(
      two.mix.referenceWh,
      (10 * ref('gpt-4o', 'chatgpt') + 4 * ref('claude-opus-4-1', 'claude')) / 14,
    );
  });
});

describe('rollups → buckets', () => {
  it('sums the days of the period per site and model, skipping corrupt or empty rows', () => {
    const rows = [
      daily(0),
      daily(1),
      daily(40),
      daily(2, { model: 'gpt-5' }),
      daily(3, { count: -1 }),
      daily(4, { count: 0, prompts: 3 }),
      daily(5, { site: 'bard' as never }),
    ];
    const p = periodOf({ kind: 'last30' }, NOW);
    const b = bucketsFromDaily(rows, p.fromDay, p.toDay);
    expect(b.map((x) => [x.model, x.usage.count, x.usage.outputTokens])).toEqual([
      ['gpt-4o', 4, 1800],
      ['gpt-5', 2, 900],
    ]);
  });
});

describe('sorting', () => {
  const c = compareModels([{ site: 'chatgpt', model: 'gpt-4o', usage: usage(5, 500, 2500) }], A);
  it.each(['gco2e', 'costUsd', 'tps', 'energyClass', 'gPerUsd'] as const)(
    'by %s, ascending and descending',
    (k) => {
      const asc = sortRows(c.models, k, 'asc');
      const desc = sortRows(c.models, k, 'desc');
      expect(asc).toHaveLength(c.models.length);
      const v = (r: (typeof asc)[number]) =>
        k === 'gco2e' ? r.estimate.gco2e.central : k === 'energyClass' ? r.referenceWh : r[k];
      // Models without a public price (GPT-5.3, GPT-5.6) have no money ratios: they go last.
      const valued = (rows: typeof asc) => rows.filter((r) => v(r) !== null).map((r) => v(r)!);
      const a = valued(asc);
      const d = valued(desc);
      expect(asc.slice(a.length).every((r) => v(r) === null)).toBe(true);
      expect(desc.slice(d.length).every((r) => v(r) === null)).toBe(true);
      for (let i = 1; i < a.length; i++) expect(a[i]!).toBeGreaterThanOrEqual(a[i - 1]!);
      for (let i = 1; i < d.length; i++) expect(d[i]!).toBeLessThanOrEqual(d[i - 1]!);
    },
  );

  it('rows without a value go last both ways; by name is alphabetical', () => {
    const rows = c.models.map((r, i) => (i === 0 ? { ...r, costUsd: null } : r));
    const unpriced = rows.filter((r) => r.costUsd === null).length;
    for (const dir of ['asc', 'desc'] as const) {
      const sorted = sortRows(rows, 'costUsd', dir);
      expect(sorted.slice(-unpriced).map((r) => r.key)).toContain(rows[0]!.key);
      expect(sorted.slice(-unpriced).every((r) => r.costUsd === null)).toBe(true);
    }
    const names = sortRows(c.models, 'name', 'asc').map((r) => r.spec!.name);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y)));
  });
});

describe('period', () => {
  it('last 30 days: 30 calendar days including today', () => {
    const p = periodOf({ kind: 'last30' }, NOW);
    expect(p.toDay).toBe(20261123);
    expect(p.fromDay).toBe(20261025);
    expect(p.startMs).toBe(new Date(2026, 9, 25).getTime());
    expect(p.endMs).toBe(new Date(2026, 10, 24).getTime());
  });

  it('a month: its first to last day', () => {
    expect(periodOf({ kind: 'month', month: 202602 }, NOW)).toEqual({
      fromDay: 20260201,
      toDay: 20260228,
      startMs: new Date(2026, 1, 1).getTime(),
      endMs: new Date(2026, 2, 1).getTime(),
    });
    expect(() => periodOf({ kind: 'month', month: 202613 }, NOW)).toThrow(RangeError);
  });

  it('months from the first day of history to now, newest first, across a year', () => {
    expect(monthsSince(20250915, NOW)).toHaveLength(15);
    expect(monthsSince(20251115, NOW).slice(10)).toEqual([202601, 202512, 202511]);
    expect(monthsSince(null, NOW)).toEqual([202611]);
    // A day after now (a clock moved back) still lists the current month.
    expect(monthsSince(20270105, NOW)).toEqual([202611]);
  });
});

describe('CSV', () => {
  it('has the header, the mix first, one line per model, prices with their date', () => {
    const c = compareModels([{ site: 'chatgpt', model: 'gpt-4o', usage: usage(2, 100, 600) }], A);
    const lines = comparisonCsv(c).trimEnd().split('\r\n');
    expect(lines[0]).toBe(COMPARE_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2 + Object.keys(MODELS).length);
    expect(lines[1]!.startsWith('actual mix,mix,,,,2,100,600,')).toBe(true);
    const gpt4o = lines.find((l) => l.startsWith('model,gpt-4o,'))!.split(',');
    const col = (name: (typeof COMPARE_CSV_COLUMNS)[number]) =>
      gpt4o[COMPARE_CSV_COLUMNS.indexOf(name)];
    expect(col('priceSince')).toBe('2024-10-01');
    expect(col('priceInputPerM')).toBe('2.5');
    expect(col('energyClass')).toBe('D');
    expect(Number(col('apiCostUsd'))).toBeCloseTo((100 * 2.5 + 600 * 10) / 1e6, 12);
  });
});
