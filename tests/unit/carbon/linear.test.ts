import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSUMPTIONS,
  MODELS,
  UNKNOWN_MODEL,
  estimate,
  linearEstimator,
  withRegion,
} from '../../../lib/model/carbon';
import type { Assumptions, Band, Estimate, UsageAggregate } from '../../../lib/model/carbon/types';
import type { SiteId } from '../../../lib/shared/types';
import { computeStats } from '../../../lib/model/stats';
import { daily, NOW } from '../daily-rows';

const A = DEFAULT_ASSUMPTIONS;
const SITES: SiteId[] = ['chatgpt', 'claude', 'lechat'];
const FIELDS = ['energyWh', 'gco2e', 'usageGco2e', 'embodiedGco2e', 'waterMl'] as const;

/** A small deterministic generator (xorshift32): the same usages in every run. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Usage sums like rollups': a day's few requests up to five years of them. */
function usages(n: number, seed: number): UsageAggregate[] {
  const r = rng(seed);
  const out: UsageAggregate[] = [
    { count: 0, inputTokens: 0, inputTokensSq: 0, outputTokens: 0 },
    { count: 1, inputTokens: 0, inputTokensSq: 0, outputTokens: 0 },
  ];
  for (let i = 0; i < n; i++) {
    const count = Math.floor(r() * 10 ** Math.floor(r() * 6));
    const perIn = Math.floor(r() * 20_000);
    const u: UsageAggregate = {
      count,
      inputTokens: count * perIn,
      inputTokensSq: count * perIn * perIn,
      outputTokens: Math.floor(count * r() * 3000),
    };
    // Half of them carry the whole exchange's sums (issue #14).
    if (r() < 0.5) {
      const ctx = Math.floor(r() * 50_000);
      Object.assign(u, {
        contextTokens: count * ctx,
        contextRows: count,
        fullInputSq: count * (perIn + ctx) ** 2,
        thinkMs: Math.floor(count * r() * 60_000),
        thinkRows: count,
        thinkVisible: Math.floor(count * r() * 500),
        images: Math.floor(r() * 3),
        fileTokens: Math.floor(r() * 10_000),
        filesGuessed: Math.floor(r() * 3),
        searches: Math.floor(r() * 4),
      });
    }
    out.push(u);
  }
  return out;
}

function expectClose(got: Band, want: Band, what: string) {
  for (const k of ['min', 'central', 'max'] as const) {
    const tol = 1e-12 * Math.max(1, Math.abs(want[k]));
    if (Math.abs(got[k] - want[k]) > tol)
      expect.fail(`${what}.${k}: ${got[k]} vs estimate() ${want[k]}`);
  }
}

function expectSameEstimate(got: Estimate, want: Estimate, what: string) {
  for (const f of FIELDS) expectClose(got[f], want[f], `${what} ${f}`);
  for (const [id, part] of Object.entries(want.parts ?? {}))
    for (const q of ['energyWh', 'gco2e', 'waterMl'] as const)
      expectClose(got.parts![id as keyof typeof want.parts]![q], part[q], `${what} ${id}.${q}`);
  expect(got.hiddenReasoningTokens).toEqual(want.hiddenReasoningTokens);
  expect(got.basis).toEqual(want.basis);
}

describe('linearEstimator: estimate() as a linear map of the usage sums', () => {
  const variants: [string, Assumptions][] = [
    ['default', A],
    ['ecologits method', { ...A, method: 'ecologits' }],
    ['marginal intensity', { ...A, intensity: 'marginal' }],
    ['OpenAI in Sweden', withRegion(A, 'openai', 'SWE')],
    ['a forced site tier', { ...A, siteModel: { ...A.siteModel, claude: 'small' } }],
    [
      'market carbon and on-site water',
      {
        ...A,
        carbonBoundary: 'market',
        waterBoundary: 'onsite',
        providers: {
          ...A.providers,
          anthropic: { ...A.providers.anthropic, cleanEnergyShare: { min: 0.5, max: 0.7 } },
        },
      },
    ],
  ];
  const models = [...Object.keys(MODELS), UNKNOWN_MODEL, 'not-a-catalogue-model'];

  for (const [name, a] of variants) {
    it(`equals estimate() to 1e-12 for every model and site (${name})`, () => {
      let seed = 1;
      for (const model of models) {
        for (const site of SITES) {
          const f = linearEstimator(model, site, a);
          for (const u of usages(12, seed++))
            expectSameEstimate(f(u), estimate(u, model, site, a), `${model}@${site}`);
        }
      }
    });
  }

  it('gives a fresh result each call (the caller may add into it)', () => {
    const f = linearEstimator('gpt-4o', 'chatgpt', A);
    const u = { count: 2, inputTokens: 300, inputTokensSq: 50_000, outputTokens: 900 };
    const first = f(u);
    first.gco2e.central += 1;
    first.basis!.pue.min = 99;
    expectSameEstimate(f(u), estimate(u, 'gpt-4o', 'chatgpt', A), 'second call');
  });

  it('refuses what estimate() refuses: bad assumptions at once, bad usage per call', () => {
    const bad: Assumptions = {
      ...A,
      providers: { ...A.providers, openai: { ...A.providers.openai, pue: { min: 1.5, max: 1.2 } } },
    };
    const u = { count: 1, inputTokens: 1, inputTokensSq: 1, outputTokens: 1 };
    expect(() => estimate(u, 'gpt-4o', 'chatgpt', bad)).toThrow(RangeError);
    expect(() => linearEstimator('gpt-4o', 'chatgpt', bad)).toThrow(RangeError);
    const f = linearEstimator('gpt-4o', 'chatgpt', A);
    expect(() => f({ ...u, outputTokens: -1 })).toThrow(RangeError);
    expect(() => f({ ...u, count: Number.NaN })).toThrow(RangeError);
  });

  it('computeStats gives the same figures through it as through estimate() bucket by bucket', () => {
    const rows = Array.from({ length: 120 }, (_, i) =>
      daily(i % 40, {
        site: SITES[i % 3],
        model: ['gpt-4o', 'claude-sonnet-4-5', 'mistral-large', UNKNOWN_MODEL][i % 4],
        outputTokens: 100 + ((i * 37) % 2000),
      }),
    );
    // A wrapper is not the default estimate: computeStats calls it bucket by bucket.
    let direct = 0;
    const plain: typeof estimate = (...args) => {
      direct++;
      return estimate(...args);
    };
    const want = computeStats(rows, A, NOW, plain);
    const got = computeStats(rows, A, NOW);
    expect(direct).toBeGreaterThan(20);
    for (const p of ['today', 'week', 'month', 'all'] as const)
      for (const f of FIELDS) expectClose(got[p].estimate[f], want[p].estimate[f], `${p} ${f}`);
    expect(got.days.map((d) => d.day)).toEqual(want.days.map((d) => d.day));
    got.days.forEach((d, i) => expectClose(d.estimate.gco2e, want.days[i]!.estimate.gco2e, 'day'));
    expect(got.byModel.map((m) => m.model)).toEqual(want.byModel.map((m) => m.model));
    // Invalid assumptions: every bucket is skipped, as estimate() would make it.
    const bad: Assumptions = {
      ...A,
      providers: { ...A.providers, openai: { ...A.providers.openai, pue: { min: 2, max: 1 } } },
    };
    expect(computeStats(rows, bad, NOW).skipped).toBe(computeStats(rows, bad, NOW, plain).skipped);
    expect(computeStats(rows, bad, NOW).skipped).toBeGreaterThan(0);
  });
});
