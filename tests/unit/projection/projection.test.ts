import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSUMPTIONS as A,
  estimate,
  type Band,
  type Estimate,
} from '../../../lib/model/carbon';
import {
  HORIZONS,
  dayNumber,
  equivalents,
  estimateDays,
  fromDayNumber,
  habit,
  habits,
  mixSlope,
  project,
  smallerTier,
  whatIf,
  type DayEstimate,
  type DayUsageRow,
} from '../../../lib/model/projection';

/** A synthetic day with a fixed footprint: min = c/2, max = 2c (same shape for all quantities). */
function day(d: number, c: number): DayEstimate {
  const b = (): Band => ({ min: c / 2, central: c, max: 2 * c });
  const e: Estimate = {
    energyWh: b(),
    gco2e: b(),
    usageGco2e: b(),
    embodiedGco2e: b(),
    waterMl: b(),
  };
  return { day: d, estimate: e };
}
const addDays = (yyyymmdd: number, n: number) => fromDayNumber(dayNumber(yyyymmdd) + n);

describe('calendar days', () => {
  it.each([
    [20261123, 20261124, 1],
    [20261231, 20270101, 1],
    [20280228, 20280229, 1],
    [20280228, 20280301, 2],
  ])('%i → %i is %i day(s)', (a, b, n) => {
    expect(dayNumber(b) - dayNumber(a)).toBe(n);
    expect(fromDayNumber(dayNumber(a))).toBe(a);
  });
  it.each([20261332, 20260230, 2026113, Number.NaN])('rejects %s', (d) => {
    expect(() => dayNumber(d)).toThrow(RangeError);
  });
});

describe('habit', () => {
  const today = 20261123;

  it('daily average over the window counts gaps as zero-usage days', () => {
    // 30 days of history (first day 29 days ago), usage on 10 of them at 3 g each.
    const days = [day(addDays(today, -29), 3)];
    for (let i = 0; i < 9; i++) days.push(day(addDays(today, -i * 3), 3));
    const h = habit(days, today, 30);
    expect(h.daysCovered).toBe(30);
    expect(h.activeDays).toBe(10);
    expect(h.rates.gco2e.central).toBeCloseTo(1, 10); // 30 g / 30 days
    expect(h.rates.gco2e.min).toBeCloseTo(0.5, 10);
    expect(h.rates.gco2e.max).toBeCloseTo(2, 10);
  });

  it('a short history is not diluted by days before the first record', () => {
    const days = [day(addDays(today, -2), 6), day(addDays(today, -1), 6), day(today, 6)];
    const h = habit(days, today, 30);
    expect(h.daysCovered).toBe(3);
    expect(h.rates.gco2e.central).toBeCloseTo(6, 10);
  });

  it('ignores days after `today` and before the window', () => {
    const days = [
      day(addDays(today, -100), 1000),
      day(addDays(today, -10), 0),
      day(today, 7),
      day(addDays(today, 1), 999),
    ];
    const h = habit(days, today, 7);
    expect(h.daysCovered).toBe(7);
    expect(h.rates.gco2e.central).toBeCloseTo(1, 10);
  });

  it('lightest and heaviest week bracket the average', () => {
    // two weeks: a light one (1 g/day) then a heavy one (5 g/day)
    const days = Array.from({ length: 14 }, (_, i) => day(addDays(today, i - 13), i < 7 ? 1 : 5));
    const h = habit(days, today, 30);
    expect(h.rates.gco2e.lightWeek).toBeCloseTo(0.5, 10); // light week on min estimates (c/2)
    expect(h.rates.gco2e.heavyWeek).toBeCloseTo(10, 10); // heavy week on max estimates (2c)
    expect(h.trend.gco2e.direction).toBe('up');
    expect(h.trend.gco2e.slopePerDay).toBeGreaterThan(0);
  });

  it.each([
    ['rising', (i: number) => 1 + i, 'up'],
    ['falling', (i: number) => 40 - i, 'down'],
    ['flat', () => 4, 'flat'],
  ] as const)('trend of a %s series is %s', (_n, f, dir) => {
    const days = Array.from({ length: 30 }, (_, i) => day(addDays(today, i - 29), f(i)));
    expect(habit(days, today, 30).trend.gco2e.direction).toBe(dir);
  });

  it('empty history → zeros, flat, never NaN', () => {
    const h = habits([], today);
    for (const w of [7, 30, 90] as const) {
      expect(h[w].rates.gco2e).toEqual({ central: 0, min: 0, max: 0, lightWeek: 0, heavyWeek: 0 });
      expect(h[w].trend.gco2e.direction).toBe('flat');
    }
  });

  it('rejects a bad window', () => {
    expect(() => habit([], today, 0)).toThrow(RangeError);
  });
});

describe('project', () => {
  it('cumulative totals for 1, 3, 6 months, 1, 2, 5 years from the habit, band from spread and estimate range', () => {
    const today = 20261123;
    const days = Array.from({ length: 14 }, (_, i) => day(addDays(today, i - 13), i < 7 ? 1 : 5));
    const h = habit(days, today, 30);
    const p = project(h);
    expect(p.map((x) => x.horizon)).toEqual(['1m', '3m', '6m', '1y', '2y', '5y']);
    const y1 = p.find((x) => x.horizon === '1y')!;
    expect(y1.days).toBeCloseTo(365.2425, 6);
    expect(y1.gco2e.central).toBeCloseTo(3 * 365.2425, 6); // mean 3 g/day
    expect(y1.gco2e.min).toBeCloseTo(0.5 * 365.2425, 6);
    expect(y1.gco2e.max).toBeCloseTo(10 * 365.2425, 6);
    for (let i = 1; i < p.length; i++)
      expect(p[i]!.gco2e.central).toBeGreaterThan(p[i - 1]!.gco2e.central);
    expect(HORIZONS).toHaveLength(6);
  });
});

describe('equivalents', () => {
  it.each([
    ['carKm', 164, 1],
    ['carMinutes', 164, 60 / 50],
    ['streamingHours', 36, 1],
  ] as const)('%s: %s g → %s', (id, g, expected) => {
    const eq = equivalents({
      gco2e: { min: g, central: g, max: g },
      energyWh: { min: 0, central: 0, max: 0 },
    });
    expect(eq.find((e) => e.id === id)!.amount.central).toBeCloseTo(expected, 9);
  });
  it.each([
    ['phoneCharges', 19, 1],
    ['kettleBoils', 110, 110 / ((4.186 * 85) / 3.6 / 0.9)],
  ] as const)('%s: %s Wh → %s', (id, wh, expected) => {
    const eq = equivalents({
      gco2e: { min: 0, central: 0, max: 0 },
      energyWh: { min: wh, central: wh, max: wh },
    });
    expect(eq.find((e) => e.id === id)!.amount.central).toBeCloseTo(expected, 9);
  });
  it('every equivalent carries a source and a range', () => {
    const eq = equivalents({
      gco2e: { min: 1, central: 2, max: 4 },
      energyWh: { min: 1, central: 2, max: 4 },
    });
    expect(eq).toHaveLength(5);
    for (const e of eq) {
      expect(e.factor.sourceIds.length).toBeGreaterThan(0);
      expect(e.amount.min).toBeLessThan(e.amount.max);
    }
  });
});

const ROWS: DayUsageRow[] = [
  {
    day: 20261121,
    site: 'chatgpt',
    model: 'gpt-4o',
    count: 10,
    inputTokens: 3000,
    inputTokensSq: 2_000_000,
    outputTokens: 6000,
  },
  {
    day: 20261122,
    site: 'claude',
    model: 'claude-sonnet-4-5',
    count: 4,
    inputTokens: 8000,
    inputTokensSq: 30_000_000,
    outputTokens: 3000,
  },
  {
    day: 20261122,
    site: 'lechat',
    model: 'unknown',
    count: 2,
    inputTokens: 100,
    inputTokensSq: 5000,
    outputTokens: 900,
  },
];

describe('estimateDays', () => {
  it('sums sites and models per day, in day order', () => {
    const days = estimateDays(ROWS, A);
    expect(days.map((d) => d.day)).toEqual([20261121, 20261122]);
    const expected =
      estimate(ROWS[1]!, ROWS[1]!.model, 'claude', A).gco2e.central +
      estimate(ROWS[2]!, ROWS[2]!.model, 'lechat', A).gco2e.central;
    expect(days[1]!.estimate.gco2e.central).toBeCloseTo(expected, 12);
  });
});

describe('what-if', () => {
  it('a smaller tier saves carbon; the saving is baseline − alternative', () => {
    const w = whatIf(ROWS, A, { kind: 'tier', tier: 'small' });
    expect(w.savingG.central).toBeGreaterThan(0);
    expect(w.savingG.central).toBeCloseTo(
      w.baseline.gco2e.central - w.alternative.gco2e.central,
      12,
    );
    expect(w.savingPct).toBeGreaterThan(0.5);
    expect(w.savingPct).toBeLessThan(1);
  });
  it('the tier scenario moves only bigger usage down; smaller usage stays', () => {
    const rows: DayUsageRow[] = [
      { ...ROWS[0]! }, // gpt-4o: large
      { ...ROWS[0]!, model: 'gpt-4o-mini' }, // small
    ];
    const w = whatIf(rows, A, { kind: 'tier', tier: 'medium' });
    const expected =
      estimate(rows[0]!, 'mistral-medium', 'chatgpt', A).gco2e.central +
      estimate(rows[1]!, 'gpt-4o-mini', 'chatgpt', A).gco2e.central;
    expect(w.alternative.gco2e.central).toBeCloseTo(expected, 12);
    // a forced site tier is what gets moved down
    const forced = { ...A, siteModel: { ...A.siteModel, chatgpt: 'frontier' as const } };
    const wf = whatIf([rows[1]!], forced, { kind: 'tier', tier: 'large' });
    expect(wf.savingG.central).toBeGreaterThan(0);
  });
  it('moving to a cleaner region saves usage carbon only; a dirtier one costs more (negative saving)', () => {
    const clean = whatIf(ROWS, A, { kind: 'region', region: 'FRA' });
    expect(clean.savingG.central).toBeGreaterThan(0);
    expect(clean.alternative.energyWh.central).toBeCloseTo(clean.baseline.energyWh.central, 12);
    expect(clean.alternative.embodiedGco2e.central).toBeCloseTo(
      clean.baseline.embodiedGco2e.central,
      12,
    );
    const dirty = whatIf(ROWS, A, { kind: 'region', region: 'POL' });
    expect(dirty.savingG.central).toBeLessThan(0);
  });
  it('brevity: 30 % shorter responses save less than 30 % (prompts and per-request costs stay)', () => {
    const w = whatIf(ROWS, A, { kind: 'brevity', outputFactor: 0.7 });
    expect(w.savingPct).toBeGreaterThan(0);
    expect(w.savingPct).toBeLessThan(0.3);
  });
  it('no usage → zero saving, 0 %', () => {
    const w = whatIf([], A, { kind: 'tier', tier: 'small' });
    expect(w.savingG).toEqual({ min: 0, central: 0, max: 0 });
    expect(w.savingPct).toBe(0);
  });
  it.each([
    [{ kind: 'brevity', outputFactor: -1 }],
    [{ kind: 'brevity', outputFactor: Number.NaN }],
    [{ kind: 'tier', tier: 'huge' }],
  ] as const)('rejects %j', (s) => {
    expect(() => whatIf(ROWS, A, s as never)).toThrow(RangeError);
  });
  it('smallerTier suggests the tier below the one that dominates', () => {
    expect(smallerTier(ROWS, A)).toBe('medium');
    expect(smallerTier([{ ...ROWS[0]!, model: 'gpt-4o-mini' }], A)).toBeNull();
    expect(smallerTier([], A)).toBeNull();
  });
  it('mixSlope: gCO2e per 1,000 output tokens of the actual mix', () => {
    const s = mixSlope(ROWS, A)!;
    const total = ROWS.reduce((g, r) => g + estimate(r, r.model, r.site, A).gco2e.central, 0);
    expect(s.central).toBeCloseTo((total / 9900) * 1000, 12);
    expect(mixSlope([], A)).toBeNull();
  });
});
