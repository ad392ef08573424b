import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, estimate, withRegion } from '../../lib/model/carbon';
import { localDay, TokenprintDB, type DailyRow } from '../../lib/db/schema';
import { addInteractions } from '../../lib/db/write';
import { computeStats, daysBefore, todayTotals } from '../../lib/model/stats';
import { daily, NOW } from './daily-rows';

const A = DEFAULT_ASSUMPTIONS;

describe('computeStats over daily rollups', () => {
  const rows = [
    daily(0),
    daily(0, { site: 'claude', model: 'claude-sonnet-4-5', outputTokens: 2000 }),
    daily(3),
    daily(6),
    daily(7), // outside the 7-day window (today + 6 days back)
    daily(29),
    daily(30), // outside the 30-day window
    daily(400, { site: 'lechat', model: 'unknown' }),
  ];
  const s = computeStats(rows, A, NOW);

  it('puts each row in the right periods', () => {
    expect(s.today.responses).toBe(4);
    expect(s.week.responses).toBe(8);
    expect(s.month.responses).toBe(12);
    expect(s.all.responses).toBe(16);
    expect(s.all.outputTokens).toBe(900 * 7 + 2000);
    expect(s.all.prompts).toBe(16);
  });

  it('equals the estimate of each row, summed (additive), bands ordered', () => {
    const one = (r: DailyRow) =>
      estimate(
        {
          count: r.count,
          inputTokens: r.inputTokens,
          inputTokensSq: r.inputTokensSq,
          outputTokens: r.outputTokens,
        },
        r.model,
        r.site,
        A,
      );
    const want = rows.slice(0, 2).map(one);
    const sum = (k: 'min' | 'max' | 'central') => want[0]!.gco2e[k] + want[1]!.gco2e[k];
    expect(s.today.estimate.gco2e.central).toBeCloseTo(sum('central'), 12);
    expect(s.today.estimate.gco2e.min).toBeCloseTo(sum('min'), 12);
    expect(s.today.estimate.gco2e.max).toBeCloseTo(sum('max'), 12);
    for (const p of [s.today, s.week, s.month, s.all]) {
      const g = p.estimate.gco2e;
      expect(g.min).toBeLessThanOrEqual(g.central);
      expect(g.central).toBeLessThanOrEqual(g.max);
      expect(g.min).toBeGreaterThan(0);
    }
  });

  it('groups by day (oldest first), site and model (largest first)', () => {
    // Per-day detail covers the last DAY_DETAIL (90) days; older days count in `all` only.
    expect(s.days.map((d) => d.day)).toEqual([30, 29, 7, 6, 3, 0].map((n) => daysBefore(NOW, n)));
    expect(s.days.at(-1)!.responses).toBe(4);
    expect(s.bySite.map((g) => g.site).sort()).toEqual(['chatgpt', 'claude', 'lechat']);
    const grams = s.bySite.map((g) => g.estimate.gco2e.central);
    expect([...grams].sort((a, b) => b - a)).toEqual(grams);
    expect(s.byModel.find((m) => m.model === 'unknown')?.site).toBe('lechat');
  });

  it('follows the assumptions: a cleaner grid lowers every figure but the counts', () => {
    const swe = computeStats(rows, withRegion(A, 'openai', 'SWE'), NOW);
    expect(swe.all.responses).toBe(s.all.responses);
    expect(swe.all.estimate.gco2e.central).toBeLessThan(s.all.estimate.gco2e.central);
    const claudeBefore = s.bySite.find((g) => g.site === 'claude')!.estimate.gco2e.central;
    const claudeAfter = swe.bySite.find((g) => g.site === 'claude')!.estimate.gco2e.central;
    expect(claudeAfter).toBeCloseTo(claudeBefore, 12); // only OpenAI moved
  });

  it('estimates each (site, model) sum once: the same totals as estimating row by row', () => {
    const calls: number[] = [];
    const counting: typeof estimate = (u, m, site, a) => {
      calls.push(1);
      return estimate(u, m, site, a);
    };
    const many = Array.from({ length: 1000 }, (_, i) => daily(100 + i));
    const fast = computeStats(many, A, NOW, counting);
    expect(calls.length).toBe(1); // all 1,000 rows are older than the per-day detail
    const slow = many
      .map((r) => estimate(r, r.model, r.site, A).gco2e)
      .reduce((x, y) => ({
        min: x.min + y.min,
        central: x.central + y.central,
        max: x.max + y.max,
      }));
    expect(fast.all.estimate.gco2e.central).toBeCloseTo(slow.central, 6);
    expect(fast.all.estimate.gco2e.min).toBeCloseTo(slow.min, 6);
    expect(fast.all.estimate.gco2e.max).toBeCloseTo(slow.max, 6);
    expect(fast.all.responses).toBe(2000);
  });

  it('is all zeros for a new user, never NaN', () => {
    const z = computeStats([], A, NOW);
    expect(z.all.estimate.gco2e).toEqual({ min: 0, max: 0, central: 0 });
    expect(z.days).toEqual([]);
  });

  it('skips a corrupt rollup instead of failing the whole popup', () => {
    const z = computeStats([daily(0), daily(0, { model: 'x', outputTokens: -5 })], A, NOW);
    expect(z.today.responses).toBe(2);
    expect(z.skipped).toBe(1);
    expect(Number.isFinite(z.today.estimate.gco2e.central)).toBe(true);
  });
});

describe('reading the database', () => {
  it("todayTotals reads only today's rollups, written through the capture engineer's write path", async () => {
    const database = new TokenprintDB('stats-test');
    await addInteractions(database, [
      {
        id: 'chatgpt:a',
        at: NOW,
        site: 'chatgpt',
        conversationId: null,
        model: 'gpt-4o',
        inputTokens: 10,
        outputTokens: 500,
      },
      {
        id: 'chatgpt:b',
        at: NOW - 2 * 86_400_000,
        site: 'chatgpt',
        conversationId: null,
        model: 'gpt-4o',
        inputTokens: 10,
        outputTokens: 500,
      },
    ]);
    const t = await todayTotals(database, A, NOW);
    expect(t.responses).toBe(1);
    expect(t.outputTokens).toBe(500);
    const rows = await database.daily.toArray();
    expect(rows.map((r) => r.day).sort()).toEqual([localDay(NOW - 2 * 86_400_000), localDay(NOW)]);
  });
});
