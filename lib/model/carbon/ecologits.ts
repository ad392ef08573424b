/**
 * EcoLogits' LLM inference model (mlco2/ecologits, MPL-2.0), reimplemented from its
 * formulas in `ecologits/impacts/llm.py` (`compute_llm_impacts`) as of release 0.11.2
 * (commit c739e8d), checked against the parity vectors mlco2/ecologits.js generated from
 * that release (tests/unit/carbon/data/ecologits-0.11.2-vectors.json). Units follow
 * EcoLogits: kWh, kgCO2e, litres. Only the quantities Tokenprint shows are computed
 * (energy, GWP, water), not ADPe/PE. What changed since 0.9.3: METHODOLOGY.md §4.
 */
import type { Range } from '../../shared/types';
import type { Coefficient } from './sources';

const c = (
  value: number,
  unit: string,
  sourceIds: string[],
  confidence: Coefficient['confidence'],
  note?: string,
): Coefficient => ({ value, unit, sourceIds, confidence, ...(note ? { note } : {}) });

/** EcoLogits' constants, with where EcoLogits took them from. */
export const ECOLOGITS = {
  /** f_E(P, B) = α·e^(β·B)·P + γ, Wh per output token per GPU; fitted on ML.ENERGY. */
  gpuEnergyAlpha: c(
    1.1665273170451914e-6,
    'Wh/token/B-params',
    ['ecologits-code', 'ml-energy'],
    'medium',
  ),
  gpuEnergyBeta: c(-0.011205921025579175, '1/batch', ['ecologits-code', 'ml-energy'], 'medium'),
  gpuEnergyGamma: c(4.052928146734005e-5, 'Wh/token', ['ecologits-code', 'ml-energy'], 'medium'),
  /** f_L(P, B) = α·P + β·B + γ, seconds per output token (used when no tps is known). */
  latencyAlpha: c(
    0.0006785088094353663,
    's/token/B-params',
    ['ecologits-code', 'ml-energy'],
    'medium',
  ),
  latencyBeta: c(0.0003119310311688259, 's/token/batch', ['ecologits-code', 'ml-energy'], 'medium'),
  latencyGamma: c(0.019473717579473387, 's/token', ['ecologits-code', 'ml-energy'], 'medium'),
  batchSize: c(64, 'requests', ['ecologits-code', 'ecologits-methodology'], 'low'),
  quantizationBits: c(16, 'bits', ['ecologits-code'], 'medium'),
  memoryOverhead: c(1.2, '×', ['ecologits-code', 'ecologits-methodology'], 'medium'),
  gpuMemoryGb: c(80, 'GB', ['ecologits-code', 'nvidia-h100-datasheet'], 'high'),
  serverGpus: c(8, 'GPUs', ['ecologits-code', 'boavizta-p5'], 'high'),
  serverPowerKw: c(1.2, 'kW', ['ecologits-code', 'boavizta-p5'], 'medium'),
  serverEmbodiedKg: c(5700, 'kgCO2e', ['ecologits-code', 'boavizta-p5'], 'medium'),
  /** 0.11.x; EcoLogits 0.9.3 used 164 kg (NVIDIA's HGX H100 footprint ÷ 8). */
  gpuEmbodiedKg: c(
    273,
    'kgCO2e',
    ['ecologits-code', 'ecologits-js-vectors'],
    'medium',
    'EcoLogits 0.11.2 constant GPU_EMBODIED_IMPACT_GWP; the release does not cite a new source.',
  ),
  lifetimeS: c(3 * 365 * 24 * 60 * 60, 's', ['ecologits-code', 'gpu-lifetime'], 'medium'),
} as const;

const K = Object.fromEntries(Object.entries(ECOLOGITS).map(([k, v]) => [k, v.value])) as Record<
  keyof typeof ECOLOGITS,
  number
>;

export type ValueOrRange = number | Range;

/** Input of `ecologitsImpacts`, the names and units of the issue (#5). */
export interface EcologitsInput {
  /** Billions. */
  activeParamsB: ValueOrRange;
  /** Billions. */
  totalParamsB: ValueOrRange;
  outputTokens: number;
  /** Measured request latency in seconds: caps the generation latency (as EcoLogits). */
  requestLatencyS?: number;
  /** kgCO2e per kWh. */
  gridKgCo2PerKwh: number;
  pue: ValueOrRange;
  wueOnSiteLPerKwh: ValueOrRange;
  wueOffSiteLPerKwh: number;
  /** Optional serving speed (EcoLogits `tps`): output tokens per second. */
  tps?: number;
  /** Optional time to first token in seconds (EcoLogits `ttft`). */
  ttftS?: number;
}

/** Output of `ecologitsImpacts`: EcoLogits' `compute_llm_impacts` quantities. */
export interface EcologitsOutput {
  energyKwh: Range;
  usageKgCo2e: Range;
  embodiedKgCo2e: Range;
  kgCo2e: Range;
  waterL: Range;
}

export function lo(v: ValueOrRange): number {
  return typeof v === 'number' ? v : v.min;
}
export function hi(v: ValueOrRange): number {
  return typeof v === 'number' ? v : v.max;
}

export function assertFiniteNonNegative(name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${name} must be a finite, non-negative number, got ${String(v)}`);
  }
}

function assertValueOrRange(name: string, v: ValueOrRange, positive = false): void {
  for (const [k, x] of typeof v === 'number' ? [['', v] as const] : Object.entries(v)) {
    assertFiniteNonNegative(`${name}${k ? '.' + k : ''}`, x);
    if (positive && x === 0) throw new RangeError(`${name} must be positive`);
  }
  if (typeof v !== 'number' && v.min > v.max) {
    throw new RangeError(`${name}.min (${v.min}) is greater than ${name}.max (${v.max})`);
  }
}

/** GPUs needed to hold the weights: ⌈1.2 · P_total · Q/8 ÷ 80 GB⌉, rounded up to a power of two. */
export function gpuCount(totalParamsB: number): number {
  const memoryGb = (K.memoryOverhead * totalParamsB * K.quantizationBits) / 8;
  const n = Math.max(1, Math.ceil(memoryGb / K.gpuMemoryGb));
  return 2 ** Math.ceil(Math.log2(n));
}

/** f_E: Wh per output token for one GPU at EcoLogits' batch size. */
export function gpuWhPerToken(activeParamsB: number, batch = K.batchSize): number {
  return K.gpuEnergyAlpha * Math.exp(K.gpuEnergyBeta * batch) * activeParamsB + K.gpuEnergyGamma;
}

/** Seconds per output token from ML.ENERGY (f_L), or 1/tps when the serving speed is known. */
export function secondsPerToken(activeParamsB: number, tps?: number, batch = K.batchSize): number {
  if (tps !== undefined) return 1 / tps;
  return K.latencyAlpha * activeParamsB + K.latencyBeta * batch + K.latencyGamma;
}

/** One point of the chain (one parameter pair, scalar PUE/WUE): EcoLogits' DAG. */
export interface ChainPoint {
  gpus: number;
  latencyS: number;
  /** Energy of the GPUs alone, kWh (GPUs × output tokens × f_E). */
  gpuKwh: number;
  /** Server energy before PUE, kWh (GPUs + non-GPU share). */
  serverKwh: number;
  /** kgCO2e of hardware manufacturing charged to this usage. */
  embodiedKg: number;
}

/**
 * GPU energy × GPU count + non-GPU server power over the latency (shared by the batch),
 * and embodied impacts over latency ÷ (lifetime × batch). `requests` multiplies the
 * per-request time to first token so the result stays additive over many requests.
 */
export function chainPoint(
  activeParamsB: number,
  totalParamsB: number,
  outputTokens: number,
  opts: { tps?: number; ttftS?: number; requestLatencyS?: number; requests?: number } = {},
): ChainPoint {
  const gpus = gpuCount(totalParamsB);
  const gpuKwh = (outputTokens * gpuWhPerToken(activeParamsB)) / 1000;
  let latencyS =
    outputTokens * secondsPerToken(activeParamsB, opts.tps) +
    (opts.ttftS ?? 0) * (opts.requests ?? 1);
  if (opts.requestLatencyS !== undefined && opts.requestLatencyS < latencyS)
    latencyS = opts.requestLatencyS;
  const serverNonGpuKwh =
    (latencyS / 3600) * K.serverPowerKw * (gpus / K.serverGpus) * (1 / K.batchSize);
  const allGpusKwh = gpus * gpuKwh;
  const serverKwh = serverNonGpuKwh + allGpusKwh;
  const hardwareKg = (gpus / K.serverGpus) * K.serverEmbodiedKg + gpus * K.gpuEmbodiedKg;
  const embodiedKg = (latencyS * hardwareKg) / (K.lifetimeS * K.batchSize);
  return { gpus, latencyS, gpuKwh: allGpusKwh, serverKwh, embodiedKg };
}

/**
 * EcoLogits' `compute_llm_impacts` for energy, GWP and water. Min runs the chain with the
 * low ends of the parameter, PUE and WUE ranges, max with the high ends (EcoLogits pairs
 * active.min with total.min and active.max with total.max the same way).
 * Water as EcoLogits 0.11: IT energy (before PUE) × (WUE_on + PUE × WUE_off).
 */
export function ecologitsImpacts(input: EcologitsInput): EcologitsOutput {
  assertValueOrRange('activeParamsB', input.activeParamsB, true);
  assertValueOrRange('totalParamsB', input.totalParamsB, true);
  assertFiniteNonNegative('outputTokens', input.outputTokens);
  assertFiniteNonNegative('gridKgCo2PerKwh', input.gridKgCo2PerKwh);
  assertValueOrRange('pue', input.pue, true);
  assertValueOrRange('wueOnSiteLPerKwh', input.wueOnSiteLPerKwh);
  assertFiniteNonNegative('wueOffSiteLPerKwh', input.wueOffSiteLPerKwh);
  if (input.requestLatencyS !== undefined)
    assertFiniteNonNegative('requestLatencyS', input.requestLatencyS);
  if (input.tps !== undefined) assertValueOrRange('tps', input.tps, true);
  if (input.ttftS !== undefined) assertFiniteNonNegative('ttftS', input.ttftS);

  const opts = { tps: input.tps, ttftS: input.ttftS, requestLatencyS: input.requestLatencyS };
  const at = (act: number, tot: number, pue: number, wueOn: number) => {
    const p = chainPoint(act, tot, input.outputTokens, opts);
    const energyKwh = pue * p.serverKwh;
    return {
      energyKwh,
      usageKgCo2e: energyKwh * input.gridKgCo2PerKwh,
      embodiedKgCo2e: p.embodiedKg,
      waterL: p.serverKwh * (wueOn + pue * input.wueOffSiteLPerKwh),
    };
  };
  const a = at(
    lo(input.activeParamsB),
    lo(input.totalParamsB),
    lo(input.pue),
    lo(input.wueOnSiteLPerKwh),
  );
  const b = at(
    hi(input.activeParamsB),
    hi(input.totalParamsB),
    hi(input.pue),
    hi(input.wueOnSiteLPerKwh),
  );
  const range = (x: number, y: number): Range => ({ min: Math.min(x, y), max: Math.max(x, y) });
  const usage = range(a.usageKgCo2e, b.usageKgCo2e);
  const embodied = range(a.embodiedKgCo2e, b.embodiedKgCo2e);
  return {
    energyKwh: range(a.energyKwh, b.energyKwh),
    usageKgCo2e: usage,
    embodiedKgCo2e: embodied,
    kgCo2e: { min: usage.min + embodied.min, max: usage.max + embodied.max },
    waterL: range(a.waterL, b.waterL),
  };
}
