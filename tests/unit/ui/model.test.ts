import { describe, expect, it } from 'vitest';
import {
  bestEquivalent,
  projections,
  thirtyDayHabit,
  whatIfs,
} from '../../../components/popup/model';
import { DEFAULT_ASSUMPTIONS, withRegion } from '../../../lib/model/carbon';
import type { DailyRow } from '../../../lib/db/schema';
import { computeStats, daysBefore } from '../../../lib/model/stats';

const NOW = new Date(2026, 10, 23, 12).getTime();
const row = (daysAgo: number, over: Partial<DailyRow> = {}): DailyRow => ({
  day: daysBefore(NOW, daysAgo),
  site: 'chatgpt',
  model: 'gpt-4o',
  prompts: 5,
  count: 5,
  inputTokens: 500,
  inputTokensSq: 60_000,
  outputTokens: 3000,
  ...over,
});

describe('the everyday equivalent shown next to a projection', () => {
  it.each([
    // g CO2e, Wh → the first preferred equivalent that reads between 1 and 1,000
    [5_000, 10_000, 'carKm'], // ≈ 30 km
    [100, 300, 'kettleBoils'], // < 1 km by car, ≈ 2.7 boils
    [0.5, 40, 'phoneCharges'], // too little for a car km, a boil or an hour of video
  ])('%d g / %d Wh → %s', (g, wh, id) => {
    const e = bestEquivalent({
      gco2e: { min: g / 2, central: g, max: g * 2 },
      energyWh: { min: wh / 2, central: wh, max: wh * 2 },
    });
    expect(e.id).toBe(id);
    expect(e.amount.central).toBeGreaterThanOrEqual(1);
    expect(e.amount.central).toBeLessThan(1000);
  });

  it('falls back to the largest amount when every one is below 1', () => {
    const e = bestEquivalent({
      gco2e: { min: 0, central: 0.001, max: 0.002 },
      energyWh: { min: 0, central: 0.001, max: 0.002 },
    });
    expect(e.amount.central).toBeLessThan(1);
    expect(e.id).toBe('phoneCharges'); // 19 Wh a charge: the smallest divisor here
  });
});

describe('projections and what-ifs from rollups', () => {
  const rows = Array.from({ length: 30 }, (_, i) => row(i));
  const stats = computeStats(rows, DEFAULT_ASSUMPTIONS, NOW);

  it('projects six horizons, growing, each with a band around the central value', () => {
    const p = projections(thirtyDayHabit(stats, NOW));
    expect(p.map((x) => x.horizon)).toEqual(['1m', '3m', '6m', '1y', '2y', '5y']);
    for (let i = 1; i < p.length; i++)
      expect(p[i]!.gco2e.central).toBeGreaterThan(p[i - 1]!.gco2e.central);
    for (const x of p) {
      expect(x.gco2e.min).toBeLessThanOrEqual(x.gco2e.central);
      expect(x.gco2e.max).toBeGreaterThanOrEqual(x.gco2e.central);
    }
    // A steady habit: one month ≈ the last 30 days.
    expect(p[0]!.gco2e.central / stats.month.estimate.gco2e.central).toBeCloseTo(
      365.2425 / 12 / 30,
      6,
    );
  });

  it('offers the next smaller tier, a cleaner grid and shorter answers, each a real saving', () => {
    const w = whatIfs(rows, DEFAULT_ASSUMPTIONS, NOW);
    expect(w.map((x) => x.kind)).toEqual(['smallerTier', 'otherRegion', 'shorter']);
    expect(w[0]!.tier).toBe('medium'); // GPT-4o is 'large'
    for (const x of w) {
      expect(x.savedG).toBeGreaterThan(0);
      expect(x.savedPct).toBeGreaterThan(0);
      expect(x.savedPct).toBeLessThan(1);
    }
  });

  it('drops the region what-if when usage already runs on the low-carbon grid', () => {
    let a = DEFAULT_ASSUMPTIONS;
    for (const p of ['openai', 'anthropic', 'mistral'] as const) a = withRegion(a, p, 'SWE');
    expect(whatIfs(rows, a, NOW).map((x) => x.kind)).not.toContain('otherRegion');
  });

  it('has nothing to say without usage in the last 30 days', () => {
    expect(whatIfs([row(45)], DEFAULT_ASSUMPTIONS, NOW)).toEqual([]);
  });
});
