import { describe, expect, it } from 'vitest';
import {
  CLEAN_ENERGY,
  DEFAULT_ASSUMPTIONS,
  MODELS,
  SOURCES,
  TIER_IDS,
  TIERS,
  TOKENPRINT,
  decodeFactor,
  ECOLOGITS,
  addEstimates,
  ecologitsImpacts,
  estimate,
  facilityEmissions,
  gridIntensity,
  offsiteWue,
  pickRegion,
  providerOf,
  source,
  tierSlopes,
  withRegion,
  type Assumptions,
  type Band,
  type Estimate,
  type UsageAggregate,
} from '../../../lib/model/carbon';
import { EQUIVALENTS } from '../../../lib/model/projection';
import type { SiteId } from '../../../lib/shared/types';

const A = DEFAULT_ASSUMPTIONS;
const ECO: Assumptions = { ...A, method: 'ecologits' };
const agg = (count: number, ins: number[], out: number): UsageAggregate => ({
  count,
  inputTokens: ins.reduce((s, x) => s + x, 0),
  inputTokensSq: ins.reduce((s, x) => s + x * x, 0),
  outputTokens: out,
});
const KEYS = ['energyWh', 'gco2e', 'usageGco2e', 'embodiedGco2e', 'waterMl'] as const;

function bands(e: Estimate): Band[] {
  return KEYS.map((k) => e[k]);
}
function close(a: number, b: number, rel = 1e-9) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(a), Math.abs(b)));
}

describe('seed worked example through the generic energy × PUE × intensity path', () => {
  it('one 8×H100 server at 800 W for 24 h, PUE 1.15, 0.38 kg/kWh → 8.39 kg CO2', () => {
    // 0.8 kW × 24 h = 19.2 kWh; × 1.15 = 22.08 kWh; × 0.38 = 8.3904 kg
    const r = facilityEmissions({ powerKw: 0.8, hours: 24, pue: 1.15, kgCo2PerKwh: 0.38 });
    expect(r.itKwh).toBeCloseTo(19.2, 10);
    expect(r.facilityKwh).toBeCloseTo(22.08, 10);
    expect(r.kgCo2e).toBeCloseTo(8.39, 2);
  });
  it.each([
    ['negative power', { powerKw: -1, hours: 1, pue: 1, kgCo2PerKwh: 1 }],
    ['NaN hours', { powerKw: 1, hours: Number.NaN, pue: 1, kgCo2PerKwh: 1 }],
  ])('rejects %s', (_n, input) => {
    expect(() => facilityEmissions(input)).toThrow(RangeError);
  });
});

describe('provider defaults (EcoLogits PROVIDER_CONFIG_MAP)', () => {
  it.each<[SiteId, string, string, number, number, number]>([
    ['chatgpt', 'openai', 'USA', 1.2, 1.2, 0.569],
    ['claude', 'anthropic', 'USA', 1.09, 1.14, 0.13],
    ['lechat', 'mistral', 'SWE', 1.16, 1.16, 0.09],
    ['gemini', 'google', 'USA', 1.09, 1.09, 0.999],
  ])('%s → %s in %s, PUE %s–%s, WUE %s', (site, prov, region, pMin, pMax, wue) => {
    const p = A.providers[providerOf(site)];
    expect(providerOf(site)).toBe(prov);
    expect(p.region).toBe(region);
    expect(p.pue).toEqual({ min: pMin, max: pMax });
    expect(p.wueOnSiteLPerKwh).toBe(wue);
    expect(p.wueOffSiteLPerKwh).toBe(offsiteWue(region).lPerKwh);
  });
  it('defaults: tokenprint method, average intensity, detect on every site, large tier', () => {
    expect(A.method).toBe('tokenprint');
    expect(A.intensity).toBe('average');
    expect(A.siteModel).toEqual({
      chatgpt: 'detect',
      claude: 'detect',
      lechat: 'detect',
      gemini: 'detect',
    });
    expect(A.defaultTier).toBe('large');
  });
});

describe("estimate with method 'ecologits' equals ecologitsImpacts", () => {
  it.each([
    ['gpt-4o', 'chatgpt', 400],
    ['claude-sonnet-4-5', 'claude', 800],
    ['mistral-large', 'lechat', 400],
    ['gpt-4o-mini', 'chatgpt', 120],
  ] as const)('%s on %s, %i output tokens', (model, site, out) => {
    const m = MODELS[model]!;
    const p = A.providers[providerOf(site)];
    const e = estimate(agg(1, [500], out), model, site, ECO);
    const ref = ecologitsImpacts({
      activeParamsB: m.activeParamsB,
      totalParamsB: m.totalParamsB,
      outputTokens: out,
      gridKgCo2PerKwh: gridIntensity(p.region, 'average') / 1000,
      pue: p.pue,
      wueOnSiteLPerKwh: {
        min: p.wueOnSiteLPerKwh,
        max: p.wueOnSiteLPerKwhMax ?? p.wueOnSiteLPerKwh,
      },
      wueOffSiteLPerKwh: p.wueOffSiteLPerKwh,
      tps: m.deployment?.tps,
      ttftS: m.deployment?.ttftS,
    });
    close(e.energyWh.min, ref.energyKwh.min * 1000);
    close(e.energyWh.max, ref.energyKwh.max * 1000);
    close(e.gco2e.min, ref.kgCo2e.min * 1000);
    close(e.gco2e.max, ref.kgCo2e.max * 1000);
    close(e.waterMl.max, ref.waterL.max * 1000);
  });
});

describe("estimate with method 'ecologits' and default regions vs EcoLogits' own figures (±1 %)", () => {
  // Hand-computed in ecologits.test.ts with EcoLogits' electricity mixes (USA 0.38355,
  // SWE 0.03582 kg/kWh); estimate() uses CO2.js instead (USA 383.55, SWE 35.89 g/kWh).
  it.each([
    ['gpt-4o', 'chatgpt', [0.642456, 1.027289], [0.246414 + 0.0289115, 0.394017 + 0.0289115]],
    [
      'mistral-large',
      'lechat',
      [0.240135, 0.240135],
      [0.0086016 + 0.0075263, 0.0086016 + 0.0075263],
    ],
  ] as const)('%s on %s, 400 output tokens', (model, site, wh, g) => {
    const e = estimate(agg(1, [0], 400), model, site, ECO);
    expect(Math.abs(e.energyWh.min / wh[0] - 1)).toBeLessThan(0.01);
    expect(Math.abs(e.energyWh.max / wh[1] - 1)).toBeLessThan(0.01);
    expect(Math.abs(e.gco2e.min / g[0] - 1)).toBeLessThan(0.01);
    expect(Math.abs(e.gco2e.max / g[1] - 1)).toBeLessThan(0.01);
  });
});

const CASES = [
  ['gpt-4o', 'chatgpt'],
  ['gpt-5-5-thinking', 'chatgpt'],
  ['claude-opus-4-1', 'claude'],
  ['claude-haiku-4-5', 'claude'],
  ['magistral-medium', 'lechat'],
  ['unknown', 'lechat'],
] as const;

describe('properties of estimate()', () => {
  it.each(CASES)('%s on %s: additive over aggregates (daily rollups)', (model, site) => {
    for (const a of [A, ECO]) {
      const x = agg(3, [120, 4000, 30], 900);
      const y = agg(2, [15000, 800], 2100);
      const sum: UsageAggregate = {
        count: x.count + y.count,
        inputTokens: x.inputTokens + y.inputTokens,
        inputTokensSq: x.inputTokensSq + y.inputTokensSq,
        outputTokens: x.outputTokens + y.outputTokens,
      };
      const whole = estimate(sum, model, site, a);
      const parts = addEstimates([estimate(x, model, site, a), estimate(y, model, site, a)]);
      for (const k of KEYS) {
        close(whole[k].min, parts[k].min);
        close(whole[k].central, parts[k].central);
        close(whole[k].max, parts[k].max);
      }
    }
  });

  it.each(CASES)(
    '%s on %s: monotone in output and input tokens, min ≤ central ≤ max',
    (model, site) => {
      let prev: Estimate | null = null;
      for (const [ins, out] of [
        [0, 0],
        [10, 50],
        [10, 500],
        [2000, 500],
        [2000, 5000],
        [50000, 5000],
      ] as const) {
        const e = estimate(agg(1, [ins], out), model, site, A);
        for (const b of bands(e)) {
          expect(b.min).toBeLessThanOrEqual(b.central);
          expect(b.central).toBeLessThanOrEqual(b.max);
          expect(Number.isNaN(b.min + b.central + b.max)).toBe(false);
        }
        if (prev)
          for (const k of KEYS) expect(e[k].central).toBeGreaterThanOrEqual(prev[k].central);
        prev = e;
      }
    },
  );

  it.each(CASES)(
    '%s on %s: zero tokens and zero requests → zero energy, carbon and water',
    (model, site) => {
      for (const a of [A, ECO]) {
        const e = estimate(agg(0, [], 0), model, site, a);
        for (const b of bands(e)) expect(b).toEqual({ min: 0, central: 0, max: 0 });
      }
    },
  );

  it('zero tokens in one request: EcoLogits charges the time-to-first-token server share, by hand', () => {
    // GPT-4o: ttft 0.52 s on 16 GPUs: 0.52/3600 h × 1.2 kW × 16/8 ÷ 64 = 5.4167e-6 kWh; × PUE 1.2
    // = 6.5e-3 Wh.
    const e = estimate(agg(1, [0], 0), 'gpt-4o', 'chatgpt', ECO);
    close(e.energyWh.max, 6.5e-3, 1e-6);
    close(e.energyWh.min, 6.5e-3, 1e-6);
  });

  it('zero tokens in one request: tokenprint charges no energy (host ∝ accelerator work) but the TTFT hardware share, by hand', () => {
    // Embodied: 0.52 s × (2·5700 + 16·273) kg ÷ (94,608,000 s · 64) = 1.35412e-6 kg at F = 1,
    // × F × (1 + idle reserve) at each end.
    const e = estimate(agg(1, [0], 0), 'gpt-4o', 'chatgpt', A);
    expect(e.energyWh).toEqual({ min: 0, central: 0, max: 0 });
    const perF = (0.52 * (2 * 5700 + 16 * 273)) / (94_608_000 * 64);
    const t = TOKENPRINT;
    close(
      e.embodiedGco2e.min,
      perF * 1000 * decodeFactor().min * (1 + t.idleReserveMin!.value),
      1e-6,
    );
    close(
      e.embodiedGco2e.max,
      perF * 1000 * decodeFactor().max * (1 + t.idleReserveMax!.value),
      1e-6,
    );
  });

  it.each([
    ['USA', 'FRA'],
    ['SWE', 'DEU'],
    ['USA', 'WORLD'],
  ])('region %s → %s scales usage carbon by the intensity ratio, nothing else', (from, to) => {
    const u = agg(4, [300, 2000, 50, 9000], 3000);
    const a1 = withRegion(A, 'openai', from);
    const a2 = withRegion(A, 'openai', to);
    const e1 = estimate(u, 'gpt-5', 'chatgpt', a1);
    const e2 = estimate(u, 'gpt-5', 'chatgpt', a2);
    const ratio = gridIntensity(to, 'average') / gridIntensity(from, 'average');
    for (const k of ['min', 'central', 'max'] as const) {
      close(e2.usageGco2e[k], e1.usageGco2e[k] * ratio);
      close(e2.energyWh[k], e1.energyWh[k]);
      close(e2.embodiedGco2e[k], e1.embodiedGco2e[k]);
    }
  });

  it('tokenprint adds prefill: input tokens raise energy, EcoLogits ignores them', () => {
    const short = agg(1, [100], 500);
    const long = agg(1, [20000], 500);
    expect(estimate(long, 'gpt-4o', 'chatgpt', A).energyWh.central).toBeGreaterThan(
      2 * estimate(short, 'gpt-4o', 'chatgpt', A).energyWh.central,
    );
    expect(estimate(long, 'gpt-4o', 'chatgpt', ECO).energyWh).toEqual(
      estimate(short, 'gpt-4o', 'chatgpt', ECO).energyWh,
    );
  });

  it('prefill grows super-linearly: one 20k prompt costs more than two 10k prompts', () => {
    const one20k = estimate(agg(1, [20000], 0), 'gpt-4o', 'chatgpt', A).energyWh.central;
    const two10k = estimate(agg(2, [10000, 10000], 0), 'gpt-4o', 'chatgpt', A).energyWh.central;
    expect(one20k).toBeGreaterThan(two10k);
  });

  it('marginal intensity changes usage carbon by the marginal/average ratio', () => {
    const u = agg(1, [100], 400);
    const avg = estimate(u, 'gpt-4o', 'chatgpt', A);
    const mar = estimate(u, 'gpt-4o', 'chatgpt', { ...A, intensity: 'marginal' });
    close(
      mar.usageGco2e.central / avg.usageGco2e.central,
      gridIntensity('USA', 'marginal') / 383.55,
    );
    expect(mar.basis?.gPerKwh).toBe(416);
  });
});

describe('model choice', () => {
  it("'unknown' uses the default tier's representative", () => {
    const u = agg(1, [100], 400);
    for (const t of TIER_IDS) {
      const e = estimate(u, 'unknown', 'chatgpt', { ...A, defaultTier: t });
      expect(e.basis).toMatchObject({
        modelId: TIERS[t].representative,
        via: 'default-tier',
        tier: t,
      });
    }
  });
  it('an unlisted model id (e.g. from an older catalogue) falls back to the default tier', () => {
    const e = estimate(agg(1, [100], 400), 'gpt-9-ultra', 'chatgpt', A);
    expect(e.basis).toMatchObject({ modelId: 'gpt-4o', via: 'default-tier' });
  });
  it('a forced site tier overrides the detected model', () => {
    const a: Assumptions = { ...A, siteModel: { ...A.siteModel, claude: 'small' } };
    const e = estimate(agg(1, [100], 400), 'claude-opus-4-1', 'claude', a);
    expect(e.basis).toMatchObject({
      modelId: TIERS.small.representative,
      via: 'site-tier',
      tier: 'small',
    });
    expect(estimate(agg(1, [100], 400), 'claude-opus-4-1', 'chatgpt', a).basis?.via).toBe(
      'detected',
    );
  });
});

describe('bad input', () => {
  it.each<[string, UsageAggregate]>([
    ['negative output', { count: 1, inputTokens: 0, inputTokensSq: 0, outputTokens: -5 }],
    ['negative input', { count: 1, inputTokens: -1, inputTokensSq: 1, outputTokens: 5 }],
    ['NaN input²', { count: 1, inputTokens: 1, inputTokensSq: Number.NaN, outputTokens: 5 }],
    [
      'infinite count',
      { count: Number.POSITIVE_INFINITY, inputTokens: 1, inputTokensSq: 1, outputTokens: 5 },
    ],
  ])('%s → RangeError naming the field', (_n, u) => {
    expect(() => estimate(u, 'gpt-4o', 'chatgpt', A)).toThrow(
      /must be a finite, non-negative number/,
    );
  });
  it.each<[string, Partial<Assumptions['providers']['openai']>]>([
    ['PUE below 1', { pue: { min: 0.9, max: 1.2 } }],
    ['inverted PUE', { pue: { min: 1.3, max: 1.2 } }],
    ['NaN PUE', { pue: { min: Number.NaN, max: 1.2 } }],
    ['negative off-site WUE', { wueOffSiteLPerKwh: -1 }],
    ['on-site WUE max below min', { wueOnSiteLPerKwh: 0.5, wueOnSiteLPerKwhMax: 0.1 }],
  ])('bad provider assumption (%s) → RangeError', (_n, patch) => {
    const a: Assumptions = {
      ...A,
      providers: { ...A.providers, openai: { ...A.providers.openai, ...patch } },
    };
    expect(() => estimate(agg(1, [10], 10), 'gpt-4o', 'chatgpt', a)).toThrow(RangeError);
  });
  it('an unknown region falls back to WORLD, flagged in the basis, never NaN', () => {
    const e = estimate(agg(1, [10], 10), 'gpt-4o', 'chatgpt', withRegion(A, 'openai', 'ATLANTIS'));
    expect(e.basis?.region).toBe('WORLD');
    expect(e.basis?.intensityFallback).toBe('world');
    expect(e.basis?.gPerKwh).toBe(472.94);
    for (const b of bands(e)) expect(Number.isFinite(b.central)).toBe(true);
  });
});

describe('tierSlopes', () => {
  it.each(['openai', 'anthropic', 'mistral'] as const)(
    '%s: one slope per tier, increasing with tier',
    (p) => {
      const s = tierSlopes(A, p);
      expect(s.map((x) => x.tier)).toEqual([...TIER_IDS]);
      for (let i = 1; i < s.length; i++) {
        expect(s[i]!.gPer1kTokens.central).toBeGreaterThan(s[i - 1]!.gPer1kTokens.central);
      }
      for (const x of s) {
        expect(x.gPer1kTokens.min).toBeLessThanOrEqual(x.gPer1kTokens.central);
        expect(x.gPer1kTokens.central).toBeLessThanOrEqual(x.gPer1kTokens.max);
      }
    },
  );
  it('slopes are linear: 1,000 output tokens of the large tier = its slope', () => {
    const s = tierSlopes(A, 'openai').find((x) => x.tier === 'large')!;
    const e = estimate(
      { count: 0, inputTokens: 0, inputTokensSq: 0, outputTokens: 3000 },
      'gpt-4o',
      'chatgpt',
      A,
    );
    close(e.gco2e.central, 3 * s.gPer1kTokens.central);
  });
  it('a forced site tier does not bend the slopes chart', () => {
    const forced: Assumptions = { ...A, siteModel: { ...A.siteModel, chatgpt: 'small' } };
    expect(tierSlopes(forced, 'openai')).toEqual(tierSlopes(A, 'openai'));
  });
});

describe('sources', () => {
  it('ids are unique and every entry has a title, author, year, url and use', () => {
    const ids = SOURCES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SOURCES) {
      expect(s.title && s.author && s.url && s.usedFor).toBeTruthy();
      expect(s.year).toBeGreaterThan(1990);
    }
  });
  it('every coefficient and model names known sources', () => {
    const referenced = [
      ...Object.values(ECOLOGITS).flatMap((c) => c.sourceIds),
      ...Object.values(TOKENPRINT).flatMap((c) => c.sourceIds),
      ...Object.values(MODELS).flatMap((m) => m.sourceIds),
      ...EQUIVALENTS.flatMap((e) => e.sourceIds),
    ];
    for (const id of referenced) expect(() => source(id), id).not.toThrow();
    expect(() => source('nope')).toThrow(/Unknown source id/);
  });
});

describe("pickRegion (the options page's region picker)", () => {
  const A = DEFAULT_ASSUMPTIONS;
  const wue = (a: Assumptions) => a.providers.openai.wueOffSiteLPerKwh;

  it('moves the grid and the table off-site WUE with the region', () => {
    const a = pickRegion(A, 'openai', 'SWE');
    expect(a.providers.openai.region).toBe('SWE');
    expect(wue(a)).toBe(offsiteWue('SWE').lPerKwh);
    expect(wue(a)).not.toBe(wue(A));
    // Back again: the table value of the first region.
    expect(wue(pickRegion(a, 'openai', 'USA'))).toBe(offsiteWue('USA').lPerKwh);
    // The other providers are untouched.
    expect(a.providers.anthropic).toEqual(A.providers.anthropic);
  });

  it('keeps an off-site WUE typed by hand', () => {
    const typed: Assumptions = {
      ...A,
      providers: { ...A.providers, openai: { ...A.providers.openai, wueOffSiteLPerKwh: 2.5 } },
    };
    const a = pickRegion(typed, 'openai', 'SWE');
    expect(a.providers.openai.region).toBe('SWE');
    expect(wue(a)).toBe(2.5);
    expect(wue(pickRegion(a, 'openai', 'FRA'))).toBe(2.5);
    // withRegion, used by the what-ifs, always takes the region's value.
    expect(wue(withRegion(typed, 'openai', 'SWE'))).toBe(offsiteWue('SWE').lPerKwh);
  });
});

describe('boundaries (issue #15): switchable, physically complete by default', () => {
  const u = agg(3, [200, 1500, 40], 2400);
  const providerSite = { openai: 'chatgpt', anthropic: 'claude', mistral: 'lechat' } as const;
  const withShare = (share: { min: number; max: number }): Assumptions => ({
    ...A,
    carbonBoundary: 'market',
    providers: { ...A.providers, openai: { ...A.providers.openai, cleanEnergyShare: share } },
  });

  it('defaults: location-based carbon, on-site + off-site water, and the basis says so', () => {
    expect(A.carbonBoundary).toBe('location');
    expect(A.waterBoundary).toBe('onsite+offsite');
    expect(estimate(u, 'gpt-5', 'chatgpt', A).basis).toMatchObject({
      carbonBoundary: 'location',
      waterBoundary: 'onsite+offsite',
    });
  });

  it.each([A, ECO])(
    'on-site water is server energy × on-site WUE only; nothing else moves',
    (a) => {
      const full = estimate(u, 'gpt-4o', 'chatgpt', a);
      const on = estimate(u, 'gpt-4o', 'chatgpt', { ...a, waterBoundary: 'onsite' });
      const p = a.providers.openai; // one PUE, one WUE: the ratio is exact at every end
      const ratio = p.wueOnSiteLPerKwh / (p.wueOnSiteLPerKwh + p.pue.min * p.wueOffSiteLPerKwh);
      for (const k of ['min', 'central', 'max'] as const) {
        close(on.waterMl[k], full.waterMl[k] * ratio);
        close(on.energyWh[k], full.energyWh[k]);
        close(on.gco2e[k], full.gco2e[k]);
      }
      expect(on.basis?.waterBoundary).toBe('onsite');
    },
  );

  it('market-based carbon nets the published clean share out of usage carbon; embodied stays', () => {
    const loc = estimate(u, 'gpt-4o', 'chatgpt', A);
    const mkt = estimate(u, 'gpt-4o', 'chatgpt', withShare({ min: 0.6, max: 0.8 }));
    close(mkt.usageGco2e.min, loc.usageGco2e.min * (1 - 0.8));
    close(mkt.usageGco2e.central, loc.usageGco2e.central * (1 - 0.7));
    close(mkt.usageGco2e.max, loc.usageGco2e.max * (1 - 0.6));
    expect(mkt.embodiedGco2e).toEqual(loc.embodiedGco2e);
    expect(mkt.energyWh).toEqual(loc.energyWh);
    expect(mkt.basis).toMatchObject({ carbonBoundary: 'market' });
    expect(mkt.basis?.carbonBoundaryFallback).toBeUndefined();
  });

  it('market-based for a provider without a share stays location-based, and says so', () => {
    const { cleanEnergyShare: _, ...anthropic } = A.providers.anthropic;
    const none: Assumptions = {
      ...withShare({ min: 0.6, max: 0.8 }),
      providers: { ...A.providers, anthropic },
    };
    const loc = estimate(u, 'claude-sonnet-4-5', 'claude', A);
    const asked = estimate(u, 'claude-sonnet-4-5', 'claude', none);
    expect(asked.gco2e).toEqual(loc.gco2e);
    expect(asked.basis).toMatchObject({
      carbonBoundary: 'location',
      carbonBoundaryFallback: 'location-for-market',
    });
  });

  it.each(['openai', 'anthropic', 'mistral'] as const)(
    '%s has a sourced default clean share (low confidence), used only on the market boundary',
    (p) => {
      const share = A.providers[p].cleanEnergyShare!;
      expect(share).toEqual({ min: CLEAN_ENERGY[p].min.value, max: CLEAN_ENERGY[p].max.value });
      expect(share.min).toBeGreaterThan(0.5);
      expect(share.max).toBeLessThanOrEqual(1);
      for (const c of [CLEAN_ENERGY[p].min, CLEAN_ENERGY[p].max]) {
        expect(c.confidence).toBe('low');
        for (const id of c.sourceIds) expect(() => source(id)).not.toThrow();
      }
      const site = providerSite[p];
      const loc = estimate(u, 'unknown', site, A);
      const mkt = estimate(u, 'unknown', site, { ...A, carbonBoundary: 'market' });
      expect(mkt.basis?.carbonBoundary).toBe('market');
      close(mkt.usageGco2e.min, loc.usageGco2e.min * (1 - share.max));
      close(mkt.usageGco2e.max, loc.usageGco2e.max * (1 - share.min));
    },
  );

  it.each([
    { min: 0.8, max: 0.6 },
    { min: 0.5, max: 1.2 },
    { min: -0.1, max: 0.5 },
  ])('refuses a clean share %j', (share) => {
    expect(() => estimate(u, 'gpt-4o', 'chatgpt', withShare(share))).toThrow(RangeError);
  });
});

describe('siblings of one maker and tier (issue #15)', () => {
  const SITE = {
    openai: 'chatgpt',
    anthropic: 'claude',
    mistral: 'lechat',
    google: 'gemini',
  } as const;
  const reply = agg(1, [100], 400);
  const models = Object.values(MODELS);
  const pairs = models.flatMap((x) =>
    models
      .filter((y) => x.id < y.id && x.provider === y.provider && x.tier === y.tier)
      .map((y) => [x.id, y.id] as const),
  );

  it('covers the Opus generations that EcoLogits sizes 3× apart', () => {
    expect(pairs).toContainEqual(['claude-opus-4-1', 'claude-opus-4-5']);
  });

  it.each(pairs)('%s and %s: each central inside the other’s band', (x, y) => {
    const ex = estimate(reply, x, SITE[MODELS[x]!.provider], A).energyWh;
    const ey = estimate(reply, y, SITE[MODELS[y]!.provider], A).energyWh;
    const inside = (c: number, b: Band) => c >= b.min && c <= b.max;
    const consistent = inside(ex.central, ey) && inside(ey.central, ex);
    expect(consistent, `${x} ${ex.central} vs ${y} ${ey.central}`).toBe(true);
  });

  it('over the whole catalogue, every quantity, short and long replies, long prompts: no two siblings differ by more than their bands', () => {
    const scenarios = [
      agg(1, [100], 400),
      agg(1, [500], 5000),
      agg(1, [10_000], 500),
      agg(1, [100_000], 500),
    ];
    const inside = (c: number, b: Band) => c >= b.min && c <= b.max;
    const bad: string[] = [];
    for (const u of scenarios) {
      for (const [x, y] of pairs) {
        const ex = estimate(u, x, SITE[MODELS[x]!.provider], A);
        const ey = estimate(u, y, SITE[MODELS[y]!.provider], A);
        for (const q of ['energyWh', 'gco2e', 'waterMl'] as const) {
          if (!inside(ex[q].central, ey[q]) || !inside(ey[q].central, ex[q])) {
            bad.push(`${x}/${y} ${q} at ${u.inputTokens}/${u.outputTokens}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
    expect(pairs.length).toBeGreaterThan(40);
  });
});
