/**
 * The contract between the carbon model (lib/model/carbon), the storage layer (lib/db) and the UI.
 * Implementations live in lib/model/carbon/index.ts; this file only fixes the shapes.
 */
import type { Range, SiteId } from '../../shared/types';

/** A value with its range: `central` is what the UI shows big, min–max always next to it. */
export interface Band extends Range {
  central: number;
}

/**
 * Usage in a form that can be summed (daily rollups): every estimate method must be
 * computable from these sums alone, so history can be recomputed from rollups in O(days)
 * when an assumption changes. `inputTokensSq` (Σ input²) lets the prefill term grow
 * super-linearly with prompt length (attention), as Epoch AI's figures do.
 */
export interface UsageAggregate {
  /** Completed responses (interactions). */
  count: number;
  inputTokens: number;
  inputTokensSq: number;
  outputTokens: number;
  /**
   * The whole exchange (issue #14), all optional so rollups written before it still read.
   * Σ tokens of conversation re-read as input (turns above the prompt on its branch, earlier
   * files and tool results included), over the `contextRows` responses whose context is known.
   */
  contextTokens?: number;
  contextRows?: number;
  /** Σ (inputTokens + contextTokens + fileTokens)² over all responses: the prefill term's square. */
  fullInputSq?: number;
  /** Σ hidden reasoning duration (ms) over the `thinkRows` responses that have an estimate. */
  thinkMs?: number;
  thinkRows?: number;
  /** Σ visible reasoning tokens of those `thinkRows` responses (shown, so not hidden). */
  thinkVisible?: number;
  /** Σ measured streaming duration (ms) over the `streamRows` responses that have one. */
  streamMs?: number;
  streamRows?: number;
  /** Generated images; files attached to prompts, counted exactly / only known by kind; tool calls. */
  images?: number;
  fileTokens?: number;
  filesGuessed?: number;
  searches?: number;
}

export type ProviderId = 'openai' | 'anthropic' | 'mistral' | 'google';
export type TierId = 'small' | 'medium' | 'large' | 'frontier';
export type Method = 'tokenprint' | 'ecologits';
export type IntensityKind = 'average' | 'marginal';
/**
 * Which carbon the usage figure counts: the grid's ('location', the default) or net of the
 * provider's published carbon-free energy purchases ('market'; needs `cleanEnergyShare`).
 */
export type CarbonBoundary = 'location' | 'market';
/** Which water: cooling on site plus the water of generating the power (default), or on site only. */
export type WaterBoundary = 'onsite+offsite' | 'onsite';

/** Where a provider's models run and how efficient the data centre is. */
export interface ProviderAssumptions {
  /** CO2.js zone/country code (ISO 3166-1 alpha-3 such as 'USA', or 'WORLD'). */
  region: string;
  pue: Range;
  /** Litres per kWh evaporated on site. */
  wueOnSiteLPerKwh: number;
  /**
   * Upper end when the on-site WUE is a range (EcoLogits: Anthropic 0.13–0.999 L/kWh);
   * absent means `wueOnSiteLPerKwh` is exact. (Added for issue #5, additive.)
   */
  wueOnSiteLPerKwhMax?: number;
  /** Litres per kWh consumed by electricity generation (off-site). */
  wueOffSiteLPerKwh: number;
  /**
   * Share of the provider's electricity covered by carbon-free energy it buys, as the
   * provider publishes it; only the 'market' carbon boundary uses it. Absent: none published.
   * (Added for issue #15, additive.)
   */
  cleanEnergyShare?: Range;
}

/** Everything the user can change that affects the numbers. */
export interface Assumptions {
  method: Method;
  intensity: IntensityKind;
  providers: Record<ProviderId, ProviderAssumptions>;
  /** Model handling per site: use the model the page shows, or a fixed tier. */
  siteModel: Record<SiteId, 'detect' | TierId>;
  /** Tier used when the page shows no model (model id 'unknown'). */
  defaultTier: TierId;
  /** Carbon boundary; absent means 'location' (issue #15, additive). */
  carbonBoundary?: CarbonBoundary;
  /** Water boundary; absent means 'onsite+offsite' (issue #15, additive). */
  waterBoundary?: WaterBoundary;
  /**
   * Accelerators the decode runs on: the 2026 fleet mix (absent, the default) or H100 only,
   * the hardware of the measurements and of Microsoft's scenarios (issue #15, additive).
   */
  hardware?: 'fleet' | 'h100';
  /**
   * Share of re-read context served from the prompt cache (issue #14); absent: the default
   * 0–90 %, central 50 % (lib/model/carbon/exchange.ts CACHED_SHARE).
   */
  cachedShare?: Band;
  /** The site's system prompt in tokens per response; absent: the sourced default per site. */
  systemPromptTokens?: Partial<Record<SiteId, Band>>;
}

/**
 * The parts of an estimate (issue #14): the prompts typed, the conversation and system prompt
 * re-read as input, the visible replies, hidden reasoning (estimated), images/files/search.
 */
export type PartId = 'prompts' | 'context' | 'replies' | 'reasoning' | 'extras';

/** One part of an estimate, each quantity a Band. */
export interface EstimatePart {
  energyWh: Band;
  gco2e: Band;
  waterMl: Band;
}

/** The estimate for some usage, all quantities with ranges. */
export interface Estimate {
  energyWh: Band;
  /** usage + embodied */
  gco2e: Band;
  usageGco2e: Band;
  embodiedGco2e: Band;
  waterMl: Band;
  /** What the estimate was computed with (added for issue #5, additive; optional). */
  basis?: EstimateBasis;
  /** The same totals split by part (issue #14); the parts sum to the totals. */
  parts?: Record<PartId, EstimatePart>;
  /** Hidden reasoning tokens estimated (never counted tokens), with their own range. */
  hiddenReasoningTokens?: Band;
}

/** The assumptions behind one Estimate, for the UI to show next to the numbers. */
export interface EstimateBasis {
  method: Method;
  /** The catalogue model whose figures were used. */
  modelId: string;
  /** How that model was chosen: shown by the page, forced by a site setting, or the default tier. */
  via: 'detected' | 'site-tier' | 'default-tier';
  tier: TierId;
  region: string;
  gPerKwh: number;
  /** Set when the region had no figure of the chosen kind (see lib/model/carbon/grid.ts). */
  intensityFallback?: 'average-for-marginal' | 'world';
  pue: Range;
  /** The boundaries the figures use (issue #15; optional for older callers). */
  carbonBoundary?: CarbonBoundary;
  waterBoundary?: WaterBoundary;
  /** Set when 'market' was asked for a provider that publishes no clean-energy share. */
  carbonBoundaryFallback?: 'location-for-market';
}
