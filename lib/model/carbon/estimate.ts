/**
 * The estimate the UI shows: energy, carbon (usage + embodied) and water for some usage,
 * each a Band (min, central, max), by one of two methods:
 * - 'ecologits': EcoLogits 0.11.2's chain (output tokens only);
 * - 'tokenprint' (default): EcoLogits' GPU energy scaled to production serving, plus the
 *   prefill (input-token) energy EcoLogits ignores, then host and idle reserve as Google
 *   reports them. See METHODOLOGY.md §5.
 * Carbon and water boundaries are switchable (METHODOLOGY.md §6.1).
 * Everything is linear in the UsageAggregate sums (count, Σinput, Σinput², Σoutput), so
 * estimate(a + b) = estimate(a) + estimate(b) and history can be recomputed from rollups.
 */
import { SITE_IDS, type Range, type SiteId } from '../../shared/types';
import {
  ECOLOGITS,
  assertFiniteNonNegative,
  chainPoint,
  gpuWhPerToken,
  secondsPerToken,
  type ChainPoint,
} from './ecologits';
import { offsiteWue, resolveIntensity } from './grid';
import { MODELS, TIERS, TIER_IDS, UNKNOWN_MODEL, modelSpec, type ModelSpec } from './models';
import {
  CACHED_COST,
  CACHED_SHARE,
  FILE_TOKENS,
  IMAGE_WH,
  PART_IDS,
  SEARCH_TOKENS,
  SYSTEM_PROMPT,
  contextCostFactor,
  hiddenReasoningTokens,
  plausibleStreamMs,
} from './exchange';
import type { Coefficient } from './sources';
import { EXCHANGE_SUMS } from './usage';
import type {
  Assumptions,
  Band,
  Estimate,
  EstimateBasis,
  EstimatePart,
  PartId,
  ProviderAssumptions,
  ProviderId,
  TierId,
  UsageAggregate,
} from './types';

// ---- Provider defaults --------------------------------------------------------------

/** EcoLogits' provider configuration (source 'ecologits-providers'); off-site WUE by region. */
function provider(
  region: string,
  pue: Range,
  wueOn: number,
  wueOnMax?: number,
  clean?: Range,
): ProviderAssumptions {
  return {
    region,
    pue,
    wueOnSiteLPerKwh: wueOn,
    ...(wueOnMax !== undefined ? { wueOnSiteLPerKwhMax: wueOnMax } : {}),
    wueOffSiteLPerKwh: offsiteWue(region).lPerKwh,
    ...(clean ? { cleanEnergyShare: clean } : {}),
  };
}

/**
 * Carbon-free share of each provider's electricity for the market-based boundary only
 * (METHODOLOGY.md §6.1): 1 − market-based ÷ location-based Scope 2 emissions of the cloud it
 * runs on, or the hourly carbon-free share where that is published. Annual certificates and
 * PPAs are not hourly clean power, and none of the three chat providers publishes its own
 * figure: low confidence for all, which is why location-based stays the default.
 */
export const CLEAN_ENERGY: Record<ProviderId, { min: Coefficient; max: Coefficient }> = {
  // OpenAI on Microsoft Azure: Microsoft's Scope 2 market ÷ location, FY19 0.077 … FY21 0.035.
  openai: {
    min: {
      value: 1 - 275_420 / 3_557_518,
      unit: 'share',
      sourceIds: ['microsoft-esr-scope2'],
      confidence: 'low',
    },
    max: {
      value: 1 - 163_935 / 4_745_197,
      unit: 'share',
      sourceIds: ['microsoft-esr-scope2'],
      confidence: 'low',
    },
  },
  // Anthropic on Google Cloud and AWS: Google's hourly carbon-free energy (64 % in 2023) to
  // Amazon's 100 % annual renewable matching (2023, 2024).
  anthropic: {
    min: {
      value: 0.64,
      unit: 'share',
      sourceIds: ['google-environmental-2025'],
      confidence: 'low',
    },
    max: {
      value: 1,
      unit: 'share',
      sourceIds: ['amazon-sustainability-2024'],
      confidence: 'low',
    },
  },
  // Mistral AI on Microsoft Azure (Sweden, EcoLogits): Microsoft's figures, as for OpenAI.
  mistral: {
    min: {
      value: 1 - 275_420 / 3_557_518,
      unit: 'share',
      sourceIds: ['microsoft-esr-scope2', 'ecologits-providers'],
      confidence: 'low',
    },
    max: {
      value: 1 - 163_935 / 4_745_197,
      unit: 'share',
      sourceIds: ['microsoft-esr-scope2', 'ecologits-providers'],
      confidence: 'low',
    },
  },
  // Google's own data centres: its hourly carbon-free energy, 64 % (2023) to 66 % (2024).
  google: {
    min: {
      value: 0.64,
      unit: 'share',
      sourceIds: ['google-environmental-2025'],
      confidence: 'medium',
    },
    max: {
      value: 0.66,
      unit: 'share',
      sourceIds: ['google-environmental-2025'],
      confidence: 'medium',
    },
  },
};

const clean = (p: ProviderId): Range => ({
  min: CLEAN_ENERGY[p].min.value,
  max: CLEAN_ENERGY[p].max.value,
});

export const DEFAULT_ASSUMPTIONS: Assumptions = Object.freeze({
  method: 'tokenprint',
  intensity: 'average',
  providers: {
    // OpenAI on Microsoft Azure, USA: PUE 1.20, WUE 0.569 L/kWh.
    openai: provider('USA', { min: 1.2, max: 1.2 }, 0.569, undefined, clean('openai')),
    // Anthropic on AWS and Google, USA: PUE 1.09–1.14, WUE 0.13–0.999 L/kWh.
    anthropic: provider('USA', { min: 1.09, max: 1.14 }, 0.13, 0.999, clean('anthropic')),
    // Mistral AI on Microsoft Azure, Sweden: PUE 1.16, WUE 0.09 L/kWh.
    mistral: provider('SWE', { min: 1.16, max: 1.16 }, 0.09, undefined, clean('mistral')),
    // Google, own data centres, USA: PUE 1.09, WUE 0.999 L/kWh.
    google: provider('USA', { min: 1.09, max: 1.09 }, 0.999, undefined, clean('google')),
  },
  siteModel: detectEverywhere(),
  // Most chat traffic on the three sites goes to their flagship models (GPT-4o/5,
  // Sonnet, Mistral Medium/Large): 'large' is the honest default when nothing is shown.
  defaultTier: 'large',
  // The physically complete boundaries (issue #15): the grid's carbon, and water on and
  // off site.
  carbonBoundary: 'location',
  waterBoundary: 'onsite+offsite',
}) as Assumptions;

export const SITE_PROVIDER: Readonly<Record<SiteId, ProviderId>> = {
  chatgpt: 'openai',
  claude: 'anthropic',
  lechat: 'mistral',
  gemini: 'google',
};

/** Every provider, in the order of the sites they serve. */
export const PROVIDER_IDS: readonly ProviderId[] = [...new Set(Object.values(SITE_PROVIDER))];

/** The model of every site detected from its page (no tier forced). */
export function detectEverywhere(): Record<SiteId, TierId | 'detect'> {
  return Object.fromEntries(SITE_IDS.map((s) => [s, 'detect'])) as Record<
    SiteId,
    TierId | 'detect'
  >;
}

export function providerOf(site: SiteId): ProviderId {
  const p = SITE_PROVIDER[site];
  if (!p) throw new Error(`Unknown site '${String(site)}'`);
  return p;
}

/** Assumptions with one provider moved to another region (off-site water follows the region). */
export function withRegion(a: Assumptions, p: ProviderId, region: string): Assumptions {
  return {
    ...a,
    providers: {
      ...a.providers,
      [p]: { ...a.providers[p], region, wueOffSiteLPerKwh: offsiteWue(region).lPerKwh },
    },
  };
}

/**
 * The user picks another region for a provider (options page): the grid and the off-site
 * water follow it, except an off-site WUE typed by hand — one that differs from the old
 * region's table value — which stays as typed.
 */
export function pickRegion(a: Assumptions, p: ProviderId, region: string): Assumptions {
  const before = a.providers[p];
  const moved = withRegion(a, p, region);
  if (before.wueOffSiteLPerKwh === offsiteWue(before.region).lPerKwh) return moved;
  return {
    ...moved,
    providers: {
      ...moved.providers,
      [p]: { ...moved.providers[p], wueOffSiteLPerKwh: before.wueOffSiteLPerKwh },
    },
  };
}

// ---- Tokenprint's own coefficients ----------------------------------------------------

/**
 * Epoch AI (2025) for a GPT-4o-class model (100 B active, PUE 1.2): a typical query
 * ≈ 0.3 Wh, ≈ 2.5 Wh with 10k input tokens, ≈ 40 Wh with 100k. The input part
 * E(n) − 0.3 Wh is fitted exactly by a·n + b·n² through the two long-prompt points.
 */
export const EPOCH_PREFILL_ANCHORS = {
  baseWh: 0.3,
  points: [
    { inputTokens: 10_000, wh: 2.5 },
    { inputTokens: 100_000, wh: 40 },
  ],
  pue: 1.2,
  activeParamsB: 100,
} as const;

function fitPrefill(): { a: number; b: number } {
  const [p1, p2] = EPOCH_PREFILL_ANCHORS.points;
  const y1 = (p1.wh - EPOCH_PREFILL_ANCHORS.baseWh) / EPOCH_PREFILL_ANCHORS.pue;
  const y2 = (p2.wh - EPOCH_PREFILL_ANCHORS.baseWh) / EPOCH_PREFILL_ANCHORS.pue;
  const [n1, n2] = [p1.inputTokens, p2.inputTokens];
  // Solve a·n1 + b·n1² = y1, a·n2 + b·n2² = y2.
  const b = (y2 * n1 - y1 * n2) / (n1 * n2 * n2 - n2 * n1 * n1);
  const a = (y1 - b * n1 * n1) / n1;
  return { a, b };
}
const PREFILL_FIT = fitPrefill();

/**
 * The H100 measurement (shared/data/h100-decode-energy.csv, 'h100-measured'): GPU-board
 * energy per output token of the 8.0 B model at batch 128, eager and torch.compile, against
 * EcoLogits' f_E for the same size. The production decode factor's ends derive from these.
 */
export const H100_8B_BATCH128 = {
  paramsB: 8.0303,
  eagerWhPerToken: 2.2701e-5,
  compileWhPerToken: 2.1372e-5,
} as const;

/** ML.ENERGY v3 vs v2 (Dec 2025): Llama-3.1-405B with native FP8 up to 39 % less energy per token. */
const FP8_SAVING = 0.39;

const M = H100_8B_BATCH128;
// Production engines run decode compiled (CUDA graphs in vLLM and TensorRT-LLM), not eager.
const F_HI_VALUE = M.compileWhPerToken / gpuWhPerToken(M.paramsB);
const F_LO_VALUE = (M.compileWhPerToken / gpuWhPerToken(M.paramsB)) * (1 - FP8_SAVING);

export const TOKENPRINT: Record<string, Coefficient> = {
  /**
   * Decode energy under production serving as a share of EcoLogits' f_E (vLLM, bf16, batch
   * 64, H100). Upper end: our bf16 decode step at batch 128, compiled as production engines
   * run it (0.47 of f_E for the 8 B model, where f_E's shape is closest to the measurement;
   * eager PyTorch 0.50). Lower end: the same with FP8 weights at a larger batch (ML.ENERGY
   * v3: up to 39 % less, 405 B FP8 at batch 256) = 0.29. Checked against the memory-traffic
   * fit of shared/data for a disclosed dense model (anchors test). This is H100; the
   * hardware generation is the next factor (decodeFactor, METHODOLOGY.md §5.1).
   */
  productionEfficiencyMin: {
    value: F_LO_VALUE,
    unit: '× EcoLogits decode',
    sourceIds: ['h100-measured', 'ml-energy-v3'],
    confidence: 'low',
  },
  productionEfficiencyMax: {
    value: F_HI_VALUE,
    unit: '× EcoLogits decode',
    sourceIds: ['h100-measured'],
    confidence: 'medium',
  },
  /**
   * Hardware generation (METHODOLOGY.md §5.1): the share of late-2026 inference served on
   * accelerators newer than H100 (H200, B200/GB200/GB300, TPU, Trainium). No provider
   * publishes its mix; NVIDIA's shipment statements (Hopper peaked at 1.3 M GPUs to the four
   * largest clouds in 2024; Blackwell 3.6 M to them by March 2025 and 6 M in the four quarters
   * to October 2025, counted in dies) and the announced GB200/GB300, Trainium2 and TPU
   * build-outs for OpenAI and Anthropic put it between 0.3 and 0.7.
   */
  newHardwareShareMin: {
    value: 0.3,
    unit: 'share of decode on post-H100 accelerators',
    sourceIds: ['nvidia-shipments-2025', 'fleet-buildouts-2025'],
    confidence: 'low',
  },
  newHardwareShareMax: {
    value: 0.7,
    unit: 'share of decode on post-H100 accelerators',
    sourceIds: ['nvidia-shipments-2025', 'fleet-buildouts-2025'],
    confidence: 'low',
  },
  /**
   * Decode energy per token on those accelerators ÷ H100's, same model and precision. Decode
   * is memory-bound: the memory-traffic fit's 0.206 J per GB read is H100's board power over
   * its bandwidth (700 W ÷ 3.35 TB/s = 0.209 J/GB), so a board moves a GB for power ÷
   * bandwidth: H200 700 W ÷ 4.8 TB/s → 0.70×, B200 1,000 W ÷ 8 TB/s → 0.60× (the low end).
   * High end: a vLLM bf16 benchmark of B200 against H100 at batch 128, 26.5 % less per token
   * (0.735×). FP4 on Blackwell is not counted here (precision is in the factor above).
   */
  newHardwareEnergyRatioMin: {
    value: 1000 / 8000 / (700 / 3350),
    unit: '× H100 decode energy per token',
    sourceIds: ['nvidia-datasheets', 'h100-measured'],
    confidence: 'medium',
  },
  newHardwareEnergyRatioMax: {
    value: 1 - 0.265,
    unit: '× H100 decode energy per token',
    sourceIds: ['b200-vllm-benchmark-2026'],
    confidence: 'low',
  },
  /**
   * Host CPU, DRAM and networking as a share of accelerator energy. Low: EcoLogits'
   * 1.2 kW non-GPU server ('boavizta-p5') over 8 × 0.7 kW H100 boards = 0.21. High:
   * Google's measured median prompt, host 0.06 Wh over accelerators 0.14 Wh = 0.43.
   */
  hostShareMin: {
    value: 1.2 / (8 * 0.7),
    unit: '× accelerator energy',
    sourceIds: ['boavizta-p5', 'nvidia-h100-datasheet'],
    confidence: 'medium',
  },
  hostShareMax: {
    value: 0.06 / 0.14,
    unit: '× accelerator energy',
    sourceIds: ['google-gemini-2025'],
    confidence: 'medium',
  },
  /**
   * Idle capacity kept for peaks and failover, as a share of active machine energy. Google
   * reports 0.02 Wh of idle over 0.20 Wh of active machines (0.10); the range is that
   * figure's rounding, 0.015–0.025 Wh (one source: low confidence).
   */
  idleReserveMin: {
    value: 0.015 / 0.2,
    unit: '× active machine energy',
    sourceIds: ['google-gemini-2025'],
    confidence: 'low',
  },
  idleReserveMax: {
    value: 0.025 / 0.2,
    unit: '× active machine energy',
    sourceIds: ['google-gemini-2025'],
    confidence: 'low',
  },
  prefillWhPerToken: {
    value: PREFILL_FIT.a,
    unit: 'Wh per input token at 100 B active, before PUE',
    sourceIds: ['epoch-2025'],
    confidence: 'low',
    note: 'a of a·n + b·n², fitted on Epoch AI’s 10k and 100k points after removing the 0.3 Wh base and PUE 1.2.',
  },
  prefillWhPerTokenSq: {
    value: PREFILL_FIT.b,
    unit: 'Wh per input token² at 100 B active, before PUE',
    sourceIds: ['epoch-2025'],
    confidence: 'low',
    note: 'b of a·n + b·n² (attention over the prompt grows with its square).',
  },
  prefillReferenceActiveB: {
    value: EPOCH_PREFILL_ANCHORS.activeParamsB,
    unit: 'B active parameters',
    sourceIds: ['epoch-2025'],
    confidence: 'medium',
  },
  /**
   * Prefill keeps its GPUs busy: its embodied share is prefill energy ÷ the power of the
   * hardware it occupies (per GPU: 0.7 kW board + 1.2 kW/8 of server) × that hardware's
   * embodied carbon per second of its 3-year life (per GPU: EcoLogits' 273 kg + 5,700 kg/8).
   */
  gpuBoardKw: {
    value: 0.7,
    unit: 'kW',
    sourceIds: ['nvidia-h100-datasheet'],
    confidence: 'high',
  },
};

const F_LO = TOKENPRINT.productionEfficiencyMin!.value;
const F_HI = TOKENPRINT.productionEfficiencyMax!.value;

/**
 * The decode factor: serving (precision, batch, engine) on H100 × the hardware generation
 * 1 − s·(1 − ρ) (s: post-H100 share, ρ: its energy ratio; TOKENPRINT). 'h100' is the
 * H100-only fleet of the measurements and of Microsoft's scenarios (the anchors test).
 * The fleet's range combines the two independent levers' ranges in log space, half-widths
 * added in quadrature (as independent uncertainties combine): the product of both worst
 * cases is not a plausible fleet, and stacking them would widen every band by 1.28×.
 * Central: the geometric middle of both.
 */
export function decodeFactor(hardware: 'fleet' | 'h100' = 'fleet'): Band {
  const serving = { min: F_LO, central: Math.sqrt(F_LO * F_HI), max: F_HI };
  if (hardware === 'h100') return serving;
  const t = TOKENPRINT;
  const s = { min: t.newHardwareShareMin!.value, max: t.newHardwareShareMax!.value };
  const rho = { min: t.newHardwareEnergyRatioMin!.value, max: t.newHardwareEnergyRatioMax!.value };
  const gLo = 1 - s.max * (1 - rho.min);
  const gHi = 1 - s.min * (1 - rho.max);
  const half = Math.hypot(Math.log(F_HI / F_LO) / 2, Math.log(gHi / gLo) / 2);
  const central = serving.central * Math.sqrt(gLo * gHi);
  return { min: central * Math.exp(-half), central, max: central * Math.exp(half) };
}
const DECODE_FLEET = decodeFactor('fleet');
const DECODE_H100 = decodeFactor('h100');
const HOST: Range = { min: TOKENPRINT.hostShareMin!.value, max: TOKENPRINT.hostShareMax!.value };
const IDLE: Range = {
  min: TOKENPRINT.idleReserveMin!.value,
  max: TOKENPRINT.idleReserveMax!.value,
};
const PREFILL_A = TOKENPRINT.prefillWhPerToken!.value;
const PREFILL_B = TOKENPRINT.prefillWhPerTokenSq!.value;
const PREFILL_REF_B = TOKENPRINT.prefillReferenceActiveB!.value;
const GPU_KW = TOKENPRINT.gpuBoardKw!.value;

/** kgCO2e of hardware per kWh of prefill energy (derivation in TOKENPRINT.gpuBoardKw). */
const PREFILL_EMBODIED_KG_PER_KWH = (() => {
  const E = ECOLOGITS;
  const kgPerGpu = E.gpuEmbodiedKg.value + E.serverEmbodiedKg.value / E.serverGpus.value;
  const kwPerGpu = GPU_KW + E.serverPowerKw.value / E.serverGpus.value;
  const lifetimeH = E.lifetimeS.value / 3600;
  return kgPerGpu / (kwPerGpu * lifetimeH);
})();

/**
 * Prefill energy in Wh (before PUE) for Σn and Σn², for a model with `activeParamsB`:
 * the linear term scales with active parameters (FLOPs per token = 2·P), the quadratic
 * (attention) term with P^(2/3) (∝ layers × width for a fixed shape).
 */
export function prefillWh(activeParamsB: number, sumInput: number, sumInputSq: number): number {
  const s = activeParamsB / PREFILL_REF_B;
  return PREFILL_A * s * sumInput + PREFILL_B * Math.pow(s, 2 / 3) * sumInputSq;
}

/**
 * GPU-board energy per output token on one GPU (Wh) under the tokenprint method: EcoLogits'
 * f_E at batch 64 times the production decode factor [min, max] (decodeFactor; 'h100' for
 * the H100-only fleet the measurement was made on). This is the quantity the
 * H100 measurement in shared/data reports, so the anchors test it directly.
 */
export function decodeGpuWhPerToken(
  activeParamsB: number,
  hardware: 'fleet' | 'h100' = 'fleet',
): Range {
  assertFiniteNonNegative('activeParamsB', activeParamsB);
  const wh = gpuWhPerToken(activeParamsB);
  const f = decodeFactor(hardware);
  return { min: f.min * wh, max: f.max * wh };
}

// ---- Choosing the model ----------------------------------------------------------------

export interface ModelChoice {
  spec: ModelSpec;
  via: EstimateBasis['via'];
  tier: TierId;
}

/**
 * Which catalogue model stands for this usage: a forced site tier wins; then the detected
 * model; an 'unknown' or unlisted id (e.g. from an older catalogue) falls back to the
 * default tier's representative. Never throws for a model id.
 */
export function chooseModel(modelId: string, site: SiteId, a: Assumptions): ModelChoice {
  const forced = a.siteModel[site];
  if (forced && forced !== 'detect') {
    const spec = tierSpec(forced);
    return { spec, via: 'site-tier', tier: forced };
  }
  const detected = modelId !== UNKNOWN_MODEL ? modelSpec(modelId) : undefined;
  if (detected) return { spec: detected, via: 'detected', tier: detected.tier };
  return { spec: tierSpec(a.defaultTier), via: 'default-tier', tier: a.defaultTier };
}

function tierSpec(t: TierId): ModelSpec {
  const tier = TIERS[t];
  if (!tier) throw new Error(`Unknown tier '${String(t)}'; expected one of ${TIER_IDS.join(', ')}`);
  return MODELS[tier.representative]!;
}

// ---- The estimate ------------------------------------------------------------------------

export function assertUsage(u: UsageAggregate): void {
  if (!u || typeof u !== 'object') throw new TypeError('usage must be a UsageAggregate object');
  assertFiniteNonNegative('usage.count', u.count);
  assertFiniteNonNegative('usage.inputTokens', u.inputTokens);
  assertFiniteNonNegative('usage.inputTokensSq', u.inputTokensSq);
  assertFiniteNonNegative('usage.outputTokens', u.outputTokens);
  for (const k of EXCHANGE_SUMS) {
    const v = u[k];
    // The name is built only for a bad value: this runs for every bucket the popup estimates.
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v < Infinity))
      assertFiniteNonNegative(`usage.${k}`, v);
  }
}

/**
 * The sums the estimate is linear in (issue #14 adds all but the first four). `extraSq` is
 * what the context and files add to the prefill square: Σ(input + context + files)² − Σinput²
 * (0 for rollups without it). Hidden reasoning is not here: it is floored, so not linear.
 */
interface Sums {
  count: number;
  input: number;
  inputSq: number;
  output: number;
  context: number;
  contextRows: number;
  extraSq: number;
  files: number;
  guessed: number;
  searches: number;
  images: number;
  /**
   * Measured streaming (issue #14): seconds of the replies whose stream timing is used, and
   * their output tokens, whose catalogue latency those seconds replace. 0 when not plausible.
   */
  streamS: number;
  streamedOut: number;
}
const SUM_KEYS = [
  'count',
  'input',
  'inputSq',
  'output',
  'context',
  'contextRows',
  'extraSq',
  'files',
  'guessed',
  'searches',
  'images',
  'streamS',
  'streamedOut',
] as const satisfies readonly (keyof Sums)[];

/**
 * The measured part of the replies' latency: the streamed replies' output is taken as their
 * share of the output (rollups keep no per-row split), and their Σ stream time is used where
 * plausibleStreamMs finds it plausible for that output at the model's speed `tps`; else none
 * (the catalogue figure stands). METHODOLOGY.md §12.
 */
export function measuredStream(
  u: UsageAggregate,
  tps: number,
): { streamS: number; streamedOut: number } {
  const rows = Math.min(u.streamRows ?? 0, u.count);
  const ms = u.streamMs ?? 0;
  if (rows <= 0 || u.count <= 0) return { streamS: 0, streamedOut: 0 };
  const out = (u.outputTokens * rows) / u.count;
  return plausibleStreamMs(ms, out, tps)
    ? { streamS: ms / 1000, streamedOut: out }
    : { streamS: 0, streamedOut: 0 };
}

const NO_STREAM = { streamS: 0, streamedOut: 0 } as const;

function sumsOf(u: UsageAggregate, tps: number): Sums {
  const m = u.streamRows ? measuredStream(u, tps) : NO_STREAM;
  return {
    streamS: m.streamS,
    streamedOut: m.streamedOut,
    count: u.count,
    input: u.inputTokens,
    inputSq: u.inputTokensSq,
    output: u.outputTokens,
    context: u.contextTokens ?? 0,
    contextRows: u.contextRows ?? 0,
    extraSq: Math.max(0, (u.fullInputSq ?? u.inputTokensSq) - u.inputTokensSq),
    files: u.fileTokens ?? 0,
    guessed: u.filesGuessed ?? 0,
    searches: u.searches ?? 0,
    images: u.images ?? 0,
  };
}

/** Energy, carbon (usage, embodied) and water of one part at one end of the range. */
interface Point {
  energyWh: number;
  usageG: number;
  embodiedG: number;
  waterMl: number;
}
type PartPoints = Record<PartId, Point>;

interface PointParams {
  activeB: number;
  totalB: number;
  pue: number;
  wueOn: number;
  /** Production decode factor (tokenprint), × EcoLogits' GPU energy. */
  efficiency: number;
  /** Host share of accelerator energy (tokenprint). */
  host: number;
  /** Idle reserve share of active machine energy (tokenprint). */
  idle: number;
  /** Carbon-free share netted out of the grid's intensity (market boundary; else 0). */
  cleanShare: number;
  /** Whether off-site water (of generating the power) is counted. */
  offsiteWater: boolean;
  /** Issue #14, per end: cost of re-read context (cache), system prompt, guessed sizes, image energy. */
  contextCost: number;
  systemTokens: number;
  fileTokens: number;
  searchTokens: number;
  imageWh: number;
}

function point(
  u: Sums,
  hidden: number,
  spec: ModelSpec,
  pp: PointParams,
  method: Assumptions['method'],
  gridGPerKwh: number,
  gridWueOff: number,
): PartPoints {
  // On-site-only water drops the off-site term; market-based carbon nets out the clean share.
  const wueOff = pp.offsiteWater ? gridWueOff : 0;
  const gPerKwh = gridGPerKwh * (1 - pp.cleanShare);
  const of = (serverKwh: number, embodiedKg: number): Point => {
    const kwh = pp.pue * serverKwh;
    return {
      energyWh: kwh * 1000,
      usageG: kwh * gPerKwh,
      embodiedG: embodiedKg * 1000,
      // Li et al. (2025), EcoLogits' documented formula: server energy × (WUE_on + PUE × WUE_off).
      waterMl: serverKwh * (pp.wueOn + pp.pue * wueOff) * 1000,
    };
  };
  const deploy = { tps: spec.deployment?.tps, ttftS: spec.deployment?.ttftS };
  const catalogue: ChainPoint = chainPoint(pp.activeB, pp.totalB, u.output, {
    ...deploy,
    requests: u.count,
  });
  // Measured streaming replaces the catalogue's generation time of the streamed output: the
  // server's non-GPU share and the embodied share follow the latency, the GPU energy does not.
  const seconds = u.streamS - u.streamedOut * secondsPerToken(pp.activeB, deploy.tps);
  const chain = seconds === 0 ? catalogue : withLatency(catalogue, pp, seconds);
  // Hidden reasoning is more output of the same requests: no second time to first token.
  const think: ChainPoint = chainPoint(pp.activeB, pp.totalB, hidden, { ...deploy, requests: 0 });
  // Generated images: measured as whole-system energy (no host share), embodied not counted.
  const imagesKwh = (u.images * pp.imageWh) / 1000;
  if (method === 'ecologits') {
    // EcoLogits counts output tokens only (reasoning tokens are output to it).
    return {
      prompts: of(0, 0),
      context: of(0, 0),
      replies: of(chain.serverKwh, chain.embodiedKg),
      reasoning: of(think.serverKwh, think.embodiedKg),
      extras: of(imagesKwh, 0),
    };
  }
  // Google's breakdown: accelerators, host (∝ accelerators), idle reserve, then PUE.
  const machine = (acceleratorKwh: number) => acceleratorKwh * (1 + pp.host) * (1 + pp.idle);
  const prefill = (kwh: number) =>
    of(machine(kwh), kwh * PREFILL_EMBODIED_KG_PER_KWH * (1 + pp.idle));
  const decode = (c: ChainPoint) =>
    of(machine(pp.efficiency * c.gpuKwh), pp.efficiency * c.embodiedKg * (1 + pp.idle));
  // Context: the conversation and the system prompt s, prefilled with the prompt. Its square
  // adds Σ(n+s)² − Σn² = extraSq + 2s·(context + files) + s²·rows (the 2s·prompt cross term
  // is left out: < 2 % of the term for prompts under 1,000 tokens). Cache: × contextCost.
  const s = pp.systemTokens;
  const ctxIn = u.context + s * u.contextRows;
  const ctxSq = u.extraSq + 2 * s * (u.context + u.files) + s * s * u.contextRows;
  const ctxKwh = (pp.contextCost * prefillWh(pp.activeB, ctxIn, ctxSq)) / 1000;
  const extraIn = u.files + u.guessed * pp.fileTokens + u.searches * pp.searchTokens;
  const extras = prefill(prefillWh(pp.activeB, extraIn, 0) / 1000);
  const img = of(imagesKwh, 0);
  return {
    prompts: prefill(prefillWh(pp.activeB, u.input, u.inputSq) / 1000),
    context: prefill(ctxKwh),
    replies: decode(chain),
    reasoning: decode(think),
    extras: {
      energyWh: extras.energyWh + img.energyWh,
      usageG: extras.usageG + img.usageG,
      embodiedG: extras.embodiedG + img.embodiedG,
      waterMl: extras.waterMl + img.waterMl,
    },
  };
}

/** `c` with `seconds` more (or, negative, less) latency: EcoLogits' latency terms, linear in it. */
function withLatency(c: ChainPoint, pp: PointParams, seconds: number): ChainPoint {
  const d = chainPoint(pp.activeB, pp.totalB, 0, { ttftS: seconds, requests: 1 });
  return {
    ...c,
    latencyS: c.latencyS + d.latencyS,
    serverKwh: c.serverKwh + d.serverKwh,
    embodiedKg: c.embodiedKg + d.embodiedKg,
  };
}

function band(min: number, central: number, max: number): Band {
  // Guards against float noise making central stray a hair outside [min, max].
  return { min, central: Math.min(max, Math.max(min, central)), max };
}

/** Everything estimate() resolves from the assumptions before any usage: checked once. */
interface Prepared {
  spec: ModelSpec;
  ends: [PointParams, PointParams, PointParams];
  method: Assumptions['method'];
  gPerKwh: number;
  wueOff: number;
  basis: EstimateBasis;
}

const QTY = ['energyWh', 'usageG', 'embodiedG', 'waterMl'] as const;
/** Raw figures: for each end (min, central, max), each part, each quantity. */
const RAW_LEN = 3 * PART_IDS.length * QTY.length;

function raw(p: Prepared, u: Sums, hidden: Band): Float64Array {
  const out = new Float64Array(RAW_LEN);
  const h = [hidden.min, hidden.central, hidden.max];
  let n = 0;
  p.ends.forEach((pp, e) => {
    const pts = point(u, h[e]!, p.spec, pp, p.method, p.gPerKwh, p.wueOff);
    for (const part of PART_IDS) for (const q of QTY) out[n++] = pts[part][q];
  });
  return out;
}

/**
 * A model's generation speed (tokens per second), as the estimate times hidden reasoning with
 * it: the catalogue's tps, else EcoLogits' f_L at the central size.
 */
export function modelTps(spec: ModelSpec): number {
  return (
    spec.deployment?.tps ??
    1 / secondsPerToken((spec.activeParamsB.min + spec.activeParamsB.max) / 2)
  );
}

const tpsOf = (p: Prepared): number => modelTps(p.spec);

/** Hidden reasoning tokens of the usage's thinking rows at the model's speed (exchange.ts). */
function hiddenOf(u: UsageAggregate, tps: number): Band {
  return hiddenReasoningTokens(u.thinkMs ?? 0, tps, u.thinkVisible ?? 0);
}

function fromRaw(r: Float64Array, basis: EstimateBasis, hidden: Band): Estimate {
  const per = PART_IDS.length * QTY.length;
  const at = (part: number, q: number): Band => {
    const i = part * QTY.length + q;
    return band(r[i]!, r[per + i]!, r[2 * per + i]!);
  };
  const sumParts = (q: number): Band => {
    const b = { min: 0, central: 0, max: 0 };
    for (let part = 0; part < PART_IDS.length; part++) {
      const x = at(part, q);
      b.min += x.min;
      b.central += x.central;
      b.max += x.max;
    }
    return band(b.min, b.central, b.max);
  };
  const parts = {} as Record<PartId, EstimatePart>;
  PART_IDS.forEach((id, part) => {
    const usage = at(part, 1);
    const emb = at(part, 2);
    parts[id] = {
      energyWh: at(part, 0),
      gco2e: {
        min: usage.min + emb.min,
        central: usage.central + emb.central,
        max: usage.max + emb.max,
      },
      waterMl: at(part, 3),
    };
  });
  const e = assemble(sumParts(0), sumParts(1), sumParts(2), sumParts(3), {
    ...basis,
    pue: { ...basis.pue },
  });
  return { ...e, parts, hiddenReasoningTokens: { ...hidden } };
}

function prepare(modelId: string, site: SiteId, a: Assumptions): Prepared {
  const prov = a.providers[providerOf(site)];
  if (!prov) throw new Error(`No provider assumptions for site '${site}'`);
  const choice = chooseModel(modelId, site, a);
  const spec = choice.spec;
  const grid = resolveIntensity(prov.region, a.intensity);
  const wueOff = prov.wueOffSiteLPerKwh;
  assertFiniteNonNegative('wueOffSiteLPerKwh', wueOff);
  assertFiniteNonNegative('wueOnSiteLPerKwh', prov.wueOnSiteLPerKwh);
  assertFiniteNonNegative('pue.min', prov.pue.min);
  assertFiniteNonNegative('pue.max', prov.pue.max);
  const wueOnMax = prov.wueOnSiteLPerKwhMax ?? prov.wueOnSiteLPerKwh;
  assertFiniteNonNegative('wueOnSiteLPerKwhMax', wueOnMax);
  if (prov.pue.min > prov.pue.max || prov.pue.min < 1) {
    throw new RangeError(`pue must satisfy 1 ≤ min ≤ max, got ${prov.pue.min}–${prov.pue.max}`);
  }
  if (wueOnMax < prov.wueOnSiteLPerKwh) {
    throw new RangeError(
      `wueOnSiteLPerKwhMax (${wueOnMax}) is below wueOnSiteLPerKwh (${prov.wueOnSiteLPerKwh})`,
    );
  }
  const carbonBoundary = a.carbonBoundary ?? 'location';
  const waterBoundary = a.waterBoundary ?? 'onsite+offsite';
  const share = prov.cleanEnergyShare;
  if (share) {
    assertFiniteNonNegative('cleanEnergyShare.min', share.min);
    assertFiniteNonNegative('cleanEnergyShare.max', share.max);
    if (share.min > share.max || share.max > 1) {
      throw new RangeError(`cleanEnergyShare must satisfy 0 ≤ min ≤ max ≤ 1`);
    }
  }
  const market = carbonBoundary === 'market' && share !== undefined;
  // The low end nets out the larger clean share.
  const clean: Range = market ? { min: share.max, max: share.min } : { min: 0, max: 0 };
  const offsiteWater = waterBoundary === 'onsite+offsite';
  const tp = a.method === 'tokenprint';
  const eff: Band = tp
    ? a.hardware === 'h100'
      ? DECODE_H100
      : DECODE_FLEET
    : { min: 1, central: 1, max: 1 };
  const host: Range = tp ? HOST : { min: 0, max: 0 };
  const idle: Range = tp ? IDLE : { min: 0, max: 0 };
  const ctx = contextCostFactor(a.cachedShare ?? CACHED_SHARE.band, CACHED_COST.band);
  const sys = a.systemPromptTokens?.[site] ?? SYSTEM_PROMPT[site].band;
  for (const v of [sys.min, sys.central, sys.max]) assertFiniteNonNegative('systemPromptTokens', v);
  const fileT = FILE_TOKENS.band;
  const searchT = SEARCH_TOKENS.band;
  const img = IMAGE_WH.band;

  const ends: [PointParams, PointParams, PointParams] = [
    {
      activeB: spec.activeParamsB.min,
      totalB: spec.totalParamsB.min,
      pue: prov.pue.min,
      wueOn: prov.wueOnSiteLPerKwh,
      efficiency: eff.min,
      host: host.min,
      idle: idle.min,
      cleanShare: clean.min,
      offsiteWater,
      contextCost: ctx.min,
      systemTokens: sys.min,
      fileTokens: fileT.min,
      searchTokens: searchT.min,
      imageWh: img.min,
    },
    {
      // Central: midpoints of the parameter, PUE, WUE, host and idle ranges (EcoLogits'
      // RangeValue mean) and the decode factor's central (geometric middles).
      activeB: (spec.activeParamsB.min + spec.activeParamsB.max) / 2,
      totalB: (spec.totalParamsB.min + spec.totalParamsB.max) / 2,
      pue: (prov.pue.min + prov.pue.max) / 2,
      wueOn: (prov.wueOnSiteLPerKwh + wueOnMax) / 2,
      efficiency: eff.central,
      host: (host.min + host.max) / 2,
      idle: (idle.min + idle.max) / 2,
      cleanShare: (clean.min + clean.max) / 2,
      offsiteWater,
      contextCost: ctx.central,
      systemTokens: sys.central,
      fileTokens: fileT.central,
      searchTokens: searchT.central,
      imageWh: img.central,
    },
    {
      activeB: spec.activeParamsB.max,
      totalB: spec.totalParamsB.max,
      pue: prov.pue.max,
      wueOn: wueOnMax,
      efficiency: eff.max,
      host: host.max,
      idle: idle.max,
      cleanShare: clean.max,
      offsiteWater,
      contextCost: ctx.max,
      systemTokens: sys.max,
      fileTokens: fileT.max,
      searchTokens: searchT.max,
      imageWh: img.max,
    },
  ];
  return {
    spec,
    ends,
    method: a.method,
    gPerKwh: grid.gPerKwh,
    wueOff,
    basis: {
      method: a.method,
      modelId: spec.id,
      via: choice.via,
      tier: choice.tier,
      region: grid.code,
      gPerKwh: grid.gPerKwh,
      ...(grid.fallback ? { intensityFallback: grid.fallback } : {}),
      pue: { ...prov.pue },
      carbonBoundary: market ? 'market' : 'location',
      waterBoundary,
      ...(carbonBoundary === 'market' && !market
        ? { carbonBoundaryFallback: 'location-for-market' as const }
        : {}),
    },
  };
}

/**
 * Energy, carbon and water for `usage` of `modelId` on `site` under assumptions `a`, in
 * total and by part (prompts, re-read context, replies, hidden reasoning, images/files/search).
 * Throws a RangeError for negative or non-finite usage; never returns NaN.
 */
export function estimate(
  usage: UsageAggregate,
  modelId: string,
  site: SiteId,
  a: Assumptions,
): Estimate {
  assertUsage(usage);
  const p = prepare(modelId, site, a);
  const tps = tpsOf(p);
  const hidden = hiddenOf(usage, tps);
  return fromRaw(raw(p, sumsOf(usage, tps), hidden), p.basis, hidden);
}

/** An estimate from its parts: carbon is usage plus embodied, band by band. */
function assemble(
  energyWh: Band,
  usageG: Band,
  embodiedG: Band,
  waterMl: Band,
  basis: EstimateBasis,
): Estimate {
  return {
    energyWh,
    gco2e: {
      min: usageG.min + embodiedG.min,
      central: usageG.central + embodiedG.central,
      max: usageG.max + embodiedG.max,
    },
    usageGco2e: usageG,
    embodiedGco2e: embodiedG,
    waterMl,
    basis,
  };
}

/**
 * `estimate` for one model, site and assumptions, as the linear map of the usage sums that it
 * is (file comment): the raw figures of each unit sum are computed once, and each call weighs
 * them by the usage; hidden reasoning (floored, so not linear in the sums) weighs the figures
 * of one hidden token at each end. Equal to estimate() up to float rounding (unit test:
 * relative 1e-12). The popup estimates ~200 (day, site, model) buckets with a handful of these.
 * Throws what estimate() throws for these assumptions, at once; a usage is checked per call.
 */
export function linearEstimator(
  modelId: string,
  site: SiteId,
  a: Assumptions,
): (usage: UsageAggregate) => Estimate {
  const p = prepare(modelId, site, a);
  const zero = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as unknown as Sums;
  const none: Band = { min: 0, central: 0, max: 0 };
  const units = SUM_KEYS.map((k) => raw(p, { ...zero, [k]: 1 }, none));
  const perHidden = raw(p, zero, { min: 1, central: 1, max: 1 });
  const per = RAW_LEN / 3;
  const tps = tpsOf(p);
  return (usage) => {
    assertUsage(usage);
    const s = sumsOf(usage, tps);
    const hidden = hiddenOf(usage, tps);
    const r = new Float64Array(RAW_LEN);
    SUM_KEYS.forEach((k, j) => {
      const w = s[k];
      if (w === 0) return;
      const u = units[j]!;
      for (let i = 0; i < RAW_LEN; i++) r[i]! += w * u[i]!;
    });
    const h = [hidden.min, hidden.central, hidden.max];
    for (let i = 0; i < RAW_LEN; i++) r[i]! += h[Math.floor(i / per)]! * perHidden[i]!;
    return fromRaw(r, p.basis, hidden);
  };
}

/**
 * estimate() under one set of assumptions, for callers that estimate many rollup rows or
 * buckets (the popup's stats and what-ifs, the report): one linearEstimator per (site,
 * model), made on first use. Assumptions the model refuses throw at each call, as estimate()
 * does.
 */
export function estimatorFor(
  a: Assumptions,
): (usage: UsageAggregate, modelId: string, site: SiteId) => Estimate {
  const made = new Map<string, (u: UsageAggregate) => Estimate>();
  return (usage, modelId, site) => {
    const k = `${site}\u0000${modelId}`;
    let f = made.get(k);
    if (!f) {
      try {
        f = linearEstimator(modelId, site, a);
      } catch (e) {
        f = () => {
          throw e;
        };
      }
      made.set(k, f);
    }
    return f(usage);
  };
}

/** A zero estimate (no usage), e.g. for empty days. */
export function zeroEstimate(): Estimate {
  const z = (): Band => ({ min: 0, central: 0, max: 0 });
  return { energyWh: z(), gco2e: z(), usageGco2e: z(), embodiedGco2e: z(), waterMl: z() };
}

/** Sum of estimates, band by band (min + min, central + central, max + max). */
export function addEstimates(list: readonly Estimate[]): Estimate {
  const out = zeroEstimate();
  const keys = ['energyWh', 'gco2e', 'usageGco2e', 'embodiedGco2e', 'waterMl'] as const;
  for (const e of list) {
    for (const k of keys) {
      out[k].min += e[k].min;
      out[k].central += e[k].central;
      out[k].max += e[k].max;
    }
  }
  return out;
}

// ---- Slopes -------------------------------------------------------------------------------

export interface TierSlope {
  tier: TierId;
  /** The catalogue model that stands for the tier. */
  modelId: string;
  /** gCO2e (usage + embodied) per 1,000 output tokens. */
  gPer1kTokens: Band;
  /** gCO2e per 1,000 input tokens (linear prefill part; 0 with the 'ecologits' method). */
  gPer1kInputTokens: Band;
  /** Wh per 1,000 output tokens. */
  whPer1kTokens: Band;
}

/** Per-token slopes for every tier under a provider's assumptions (the "slope" chart). */
export function tierSlopes(a: Assumptions, p: ProviderId): TierSlope[] {
  const site = (Object.keys(SITE_PROVIDER) as SiteId[]).find((s) => SITE_PROVIDER[s] === p);
  if (!site) throw new Error(`Unknown provider '${String(p)}'`);
  const free: Assumptions = { ...a, siteModel: { ...a.siteModel, [site]: 'detect' } };
  return TIER_IDS.map((tier) => {
    const modelId = TIERS[tier].representative;
    const out = estimate(
      { count: 0, inputTokens: 0, inputTokensSq: 0, outputTokens: 1000 },
      modelId,
      site,
      free,
    );
    const inp = estimate(
      { count: 0, inputTokens: 1000, inputTokensSq: 0, outputTokens: 0 },
      modelId,
      site,
      free,
    );
    return {
      tier,
      modelId,
      gPer1kTokens: out.gco2e,
      gPer1kInputTokens: inp.gco2e,
      whPer1kTokens: out.energyWh,
    };
  });
}

// ---- The generic path --------------------------------------------------------------------

/**
 * IT energy × PUE × grid intensity: the plain data-centre arithmetic every figure above
 * reduces to (seed worked example: one 8×H100 server drawing 0.8 kW for 24 h at PUE 1.15
 * on a 0.38 kg/kWh grid → 19.2 kWh IT, 22.08 kWh facility, 8.39 kgCO2e).
 */
export function facilityEmissions(input: {
  powerKw: number;
  hours: number;
  pue: number;
  kgCo2PerKwh: number;
}): {
  itKwh: number;
  facilityKwh: number;
  kgCo2e: number;
} {
  for (const [k, v] of Object.entries(input)) assertFiniteNonNegative(k, v);
  const itKwh = input.powerKw * input.hours;
  const facilityKwh = itKwh * input.pue;
  return { itKwh, facilityKwh, kgCo2e: facilityKwh * input.kgCo2PerKwh };
}
