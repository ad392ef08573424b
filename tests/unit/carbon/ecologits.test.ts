import { describe, expect, it } from 'vitest';
import { ecologitsImpacts, gpuCount, type EcologitsInput } from '../../../lib/model/carbon';

/**
 * Reference values computed by hand from EcoLogits 0.11.2's formulas (ecologits/impacts/llm.py;
 * the release's own outputs are checked in ecologits-vectors.test.ts):
 *   f_E = α·e^(β·64)·P + γ  [Wh/token/GPU], α = 1.16653e-6, β = −0.0112059, γ = 4.05293e-5
 *       e^(−0.0112059·64) = e^(−0.717179) = 0.488116, so f_E = 5.69403e-7·P + 4.05293e-5
 *   GPUs = 2^⌈log2 ⌈1.2·P_total·2 / 80⌉⌉
 *   latency = n_out / tps + ttft   (or n_out·(6.78509e-4·P + 3.11931e-4·64 + 0.0194737))
 *   server = latency/3600 · 1.2 kW · GPUs/8 / 64
 *   energy = PUE · (server + GPUs · n_out · f_E)
 *   embodied = latency · (GPUs/8 · 5700 + GPUs · 273) / (3·365·24·3600 s · 64)
 *   water = energy / PUE · (WUE_on + PUE · WUE_off)   (IT energy; 0.9.3 used energy · …)
 * Grid and off-site WUE are EcoLogits' own (electricity_mixes.csv) so the numbers are
 * EcoLogits' exactly.
 */
interface Ref {
  name: string;
  input: EcologitsInput;
  energyWh: [number, number];
  usageG: [number, number];
  embodiedG: [number, number];
  waterMl: [number, number];
}

const REFS: Ref[] = [
  {
    // GPT-4o: 440B total → 1.2·440·2 = 1056 GB / 80 = 13.2 → 14 → 16 GPUs.
    // f_E(44) = 5.69403e-7·44 + 4.05293e-5 = 6.5583e-5 Wh; ·400·16 = 0.419734 Wh
    // f_E(132) = 1.15692e-4 Wh; ·400·16 = 0.740428 Wh
    // latency = 400/37.8 + 0.52 = 11.10201 s; server = 11.10201/3600·1.2·2/64 = 1.15646e-4 kWh
    // energy min = 1.2·(0.115646 + 0.419734) = 0.642456 Wh; max = 1.2·(0.115646+0.740428) = 1.027289 Wh
    // usage = energy · 0.38355 kg/kWh → 0.246414 g … 0.394017 g
    // embodied = 11.10201·(2·5700 + 16·273)/(94,608,000·64) kg = 11.10201·15768/6.05491e9 = 2.89115e-5 kg
    // water = energy/1.2·(0.569 + 1.2·3.1321) = energy/1.2·4.32752 → 2.31687 mL … 3.70468 mL
    name: 'GPT-4o, 400 tokens, USA, PUE 1.2',
    input: {
      activeParamsB: { min: 44, max: 132 },
      totalParamsB: 440,
      outputTokens: 400,
      gridKgCo2PerKwh: 0.38355,
      pue: 1.2,
      wueOnSiteLPerKwh: 0.569,
      wueOffSiteLPerKwh: 3.1321,
      tps: 37.8,
      ttftS: 0.52,
    },
    energyWh: [0.642456, 1.027289],
    usageG: [0.246414, 0.394017],
    embodiedG: [0.0289115, 0.0289115],
    waterMl: [2.316869, 3.704678],
  },
  {
    // Mistral Large 2: 123B dense → 295.2 GB / 80 = 3.69 → 4 GPUs.
    // f_E(123) = 5.69403e-7·123 + 4.05293e-5 = 1.10567e-4; ·400·4 = 0.176908 Wh
    // latency = 400/36.1 + 0.48 = 11.56033 s; server = 11.56033/3600·1.2·0.5/64 = 3.0105e-5 kWh
    // energy = 1.16·(0.030105 + 0.176908) = 0.240135 Wh (EcoLogits' blog: 0.23 Wh)
    // usage = 0.240135e-3·0.03582·1000 = 0.0086016 g; embodied = 11.56033·(2850+1092)/6.05491e9 = 7.5263e-6 kg
    // water = 0.240135/1.16·(0.09 + 1.16·6.0315) = 0.207013·7.08654 = 1.46700 mL (0.9.3: 1.70 mL; blog 1.63)
    name: 'Mistral Large 2, 400 tokens, Sweden, PUE 1.16',
    input: {
      activeParamsB: 123,
      totalParamsB: 123,
      outputTokens: 400,
      gridKgCo2PerKwh: 0.03582,
      pue: 1.16,
      wueOnSiteLPerKwh: 0.09,
      wueOffSiteLPerKwh: 6.0315,
      tps: 36.1,
      ttftS: 0.48,
    },
    energyWh: [0.240135, 0.240135],
    usageG: [0.0086016, 0.0086016],
    embodiedG: [0.0075263, 0.0075263],
    waterMl: [1.467003, 1.467003],
  },
  {
    // Dense 70B without serving speed → ML.ENERGY latency: 6.78509e-4·70 + 3.11931e-4·64
    // + 0.0194737 = 0.0869329 s/token; ·1000 = 86.93292 s. 168 GB → 3 → 4 GPUs.
    // server = 86.93292/3600·1.2·0.5/64 = 2.26388e-4 kWh; GPUs: 4·1000·8.0388e-5 = 0.321553 Wh
    // energy = PUE·0.547941 Wh with PUE 1.09 … 1.14 → 0.597256 … 0.624653 Wh
    // usage (France 0.04418) = 0.026387 … 0.027597 g; embodied = 86.93292·(2850+1092)/6.05491e9 = 5.65969e-5 kg
    // water = energy/PUE·(WUE_on + PUE·3.6737): 0.547941·(0.13+1.09·3.6737) = 2.26537 mL;
    //         0.547941·(0.999 + 1.14·3.6737) = 2.84218 mL
    name: 'dense 70B, 1000 tokens, France, PUE 1.09–1.14, WUE 0.13–0.999, no tps',
    input: {
      activeParamsB: 70,
      totalParamsB: 70,
      outputTokens: 1000,
      gridKgCo2PerKwh: 0.04418,
      pue: { min: 1.09, max: 1.14 },
      wueOnSiteLPerKwh: { min: 0.13, max: 0.999 },
      wueOffSiteLPerKwh: 3.6737,
    },
    energyWh: [0.597256, 0.624653],
    usageG: [0.026387, 0.027597],
    embodiedG: [0.0565969, 0.0565969],
    waterMl: [2.26537, 2.842179],
  },
  {
    // Claude Opus 4.1: 2000B total → 4800 GB / 80 = 60 → 64 GPUs.
    // f_E(200) = 1.54412e-4, f_E(600) = 3.82178e-4; ·250·64 = 2.470593 … 6.114842 Wh
    // latency = 250/25.1 + 1.95 = 11.91016 s; server = 11.91016/3600·1.2·8/64 = 4.96257e-4 kWh
    // energy = 1.09·2.966850 = 3.233866 Wh … 1.14·6.611099 = 7.536652 Wh
    // usage (Germany 0.34414) = 1.112903 … 2.593664 g
    // embodied = 11.91016·(8·5700 + 64·273)/6.05491e9 = 11.91016·63072/6.05491e9 = 1.24064e-4 kg
    // water = 2.966850·(0.13 + 1.09·1.947) = 6.68203 mL … 6.611099·(0.999 + 1.14·1.947) = 21.27835 mL
    name: 'Claude Opus 4.1, 250 tokens, Germany, PUE 1.09–1.14',
    input: {
      activeParamsB: { min: 200, max: 600 },
      totalParamsB: 2000,
      outputTokens: 250,
      gridKgCo2PerKwh: 0.34414,
      pue: { min: 1.09, max: 1.14 },
      wueOnSiteLPerKwh: { min: 0.13, max: 0.999 },
      wueOffSiteLPerKwh: 1.947,
      tps: 25.1,
      ttftS: 1.95,
    },
    energyWh: [3.233866, 7.536652],
    usageG: [1.112903, 2.593664],
    embodiedG: [0.124064, 0.124064],
    waterMl: [6.682028, 21.278349],
  },
  {
    // GPT-4o mini 8–28B dense, 500 tokens, latency capped by a measured 5 s request.
    // Uncapped latency would be 500·(6.78509e-4·8 + 0.0194737 + 0.0199636) ≥ 22 s → capped to 5 s.
    // server = 5/3600·1.2·(1/8)/64 = 3.25521e-6 kWh; GPU: 500·4.5085e-5 = 0.0225423 Wh (8B),
    // 500·5.6473e-5 = 0.0282364 Wh (28B); energy = 1.2·(0.0032552 + …) = 0.0309570 … 0.0377900 Wh
    // usage (world 0.47301) = 0.0146430 … 0.0178750 g; embodied = 5·(712.5+273)/6.05491e9 = 8.1380e-7 kg
    name: 'GPT-4o mini, 500 tokens, world, latency cap 5 s',
    input: {
      activeParamsB: { min: 8, max: 28 },
      totalParamsB: { min: 8, max: 28 },
      outputTokens: 500,
      requestLatencyS: 5,
      gridKgCo2PerKwh: 0.47301,
      pue: 1.2,
      wueOnSiteLPerKwh: 0.569,
      wueOffSiteLPerKwh: 3.908,
    },
    energyWh: [0.030957, 0.03779],
    usageG: [0.014643, 0.017875],
    embodiedG: [0.0008138, 0.0008138],
    waterMl: [0.135659, 0.165602],
  },
];

const within1pct = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01);

describe('ecologitsImpacts reproduces EcoLogits compute_llm_impacts (±1 %)', () => {
  it.each(REFS)('$name', (ref) => {
    const out = ecologitsImpacts(ref.input);
    within1pct(out.energyKwh.min * 1000, ref.energyWh[0]);
    within1pct(out.energyKwh.max * 1000, ref.energyWh[1]);
    within1pct(out.usageKgCo2e.min * 1000, ref.usageG[0]);
    within1pct(out.usageKgCo2e.max * 1000, ref.usageG[1]);
    within1pct(out.embodiedKgCo2e.min * 1000, ref.embodiedG[0]);
    within1pct(out.embodiedKgCo2e.max * 1000, ref.embodiedG[1]);
    within1pct(out.kgCo2e.min * 1000, ref.usageG[0] + ref.embodiedG[0]);
    within1pct(out.kgCo2e.max * 1000, ref.usageG[1] + ref.embodiedG[1]);
    within1pct(out.waterL.min * 1000, ref.waterMl[0]);
    within1pct(out.waterL.max * 1000, ref.waterMl[1]);
  });

  it.each([
    [7, 1],
    [8, 1],
    [28, 1],
    [34, 2],
    [70, 4],
    [123, 4],
    [300, 16],
    [440, 16],
    [670, 32],
    [2000, 64],
  ])('%sB total parameters need %i H100s', (p, n) => {
    expect(gpuCount(p)).toBe(n);
  });

  it('zero output tokens → zero energy and water, and only the ttft share of embodied', () => {
    const out = ecologitsImpacts({ ...REFS[0]!.input, outputTokens: 0, ttftS: 0 });
    expect(out.energyKwh).toEqual({ min: 0, max: 0 });
    expect(out.waterL).toEqual({ min: 0, max: 0 });
    expect(out.embodiedKgCo2e).toEqual({ min: 0, max: 0 });
  });

  it.each<[string, Partial<EcologitsInput>]>([
    ['negative tokens', { outputTokens: -1 }],
    ['NaN tokens', { outputTokens: Number.NaN }],
    ['infinite tokens', { outputTokens: Number.POSITIVE_INFINITY }],
    ['zero active parameters', { activeParamsB: 0 }],
    ['inverted range', { activeParamsB: { min: 132, max: 44 } }],
    ['negative grid', { gridKgCo2PerKwh: -0.1 }],
    ['NaN PUE', { pue: Number.NaN }],
  ])('rejects %s with a RangeError', (_name, patch) => {
    expect(() => ecologitsImpacts({ ...REFS[0]!.input, ...patch })).toThrow(RangeError);
  });
});
