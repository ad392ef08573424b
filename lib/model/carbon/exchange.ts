/**
 * The whole exchange (issue #14): what the provider computes beyond the prompt typed and the
 * reply seen — the re-read conversation with the site's system prompt (priced with a prompt-
 * caching assumption), hidden reasoning, and images, files and tool calls. Coefficients and
 * the pure per-row functions; lib/model/carbon/estimate.ts prices them. METHODOLOGY.md §12.
 */
import type { Range, SiteId } from '../../shared/types';
import type { ModelSpec } from './models';
import type { Coefficient } from './sources';
import type { Band, PartId } from './types';

/** The parts of an estimate, in the order the UI lists them. */
export const PART_IDS: readonly PartId[] = ['prompts', 'context', 'replies', 'reasoning', 'extras'];

/** A coefficient known as a range with a central value. */
export interface BandCoefficient extends Omit<Coefficient, 'value'> {
  band: Band;
}

/**
 * Share of the re-read context (conversation and system prompt) served from the provider's
 * prompt cache. No provider publishes its hit rate on the chat sites: 0 (no cache) to 90 %
 * (a long conversation whose prefix is cached each turn), central half. User-settable.
 */
export const CACHED_SHARE: BandCoefficient = {
  band: { min: 0, central: 0.5, max: 0.9 },
  unit: 'share of context tokens',
  sourceIds: ['openai-prompt-caching', 'tokenprint-assumption'],
  confidence: 'low',
  note: 'Both providers cache prefixes automatically (OpenAI from 1,024 tokens); the hit rate on the chat sites is not published.',
};

/**
 * What a cached token costs, as a share of a fresh one: the providers' cache discounts as a
 * proxy for compute saved (a price reflects more than energy). Anthropic bills cache reads
 * at 0.1×; OpenAI cached input at 0.1–0.5×.
 */
export const CACHED_COST: BandCoefficient = {
  band: { min: 0.1, central: 0.3, max: 0.5 },
  unit: '× a fresh input token’s prefill',
  sourceIds: ['anthropic-prompt-caching', 'openai-prompt-caching'],
  confidence: 'low',
};

/** The site's own system prompt, re-read with every response (tokens; sources in each note). */
export const SYSTEM_PROMPT: Record<SiteId, BandCoefficient> = {
  chatgpt: {
    band: { min: 900, central: 1_700, max: 8_000 },
    unit: 'tokens per response',
    sourceIds: ['chatgpt-system-prompt', 'tokenprint-assumption'],
    confidence: 'low',
    note: '900 (GPT-4o, weighmyprompt.com) and 1,700 (GPT-4 with tools, 2024) counted; 8,000 assumed for GPT-5 with every tool (2025 leaks, longer, not counted).',
  },
  claude: {
    band: { min: 2_500, central: 10_000, max: 24_000 },
    unit: 'tokens per response',
    sourceIds: ['claude-system-prompt', 'tokenprint-assumption'],
    confidence: 'low',
    note: '24,000: the May 2025 leak with tool definitions; 10,000 central (the prompt with some tools, ~10k words reported); 2,500 assumed for the published prompt alone.',
  },
  lechat: {
    band: { min: 1_000, central: 2_500, max: 3_000 },
    unit: 'tokens per response',
    sourceIds: ['lechat-system-prompt', 'tokenprint-assumption'],
    confidence: 'medium',
    note: 'The 2024-11 leak: 9.8 KB ≈ 2,500 tokens with web, image and canvas sections; ~1,000 without them.',
  },
  gemini: {
    band: { min: 500, central: 2_000, max: 8_000 },
    unit: 'tokens per response',
    sourceIds: ['tokenprint-assumption'],
    confidence: 'low',
    note: 'Assumed: no Gemini app system prompt was found in the evidence; the band spans the other sites’ (a short persona to one with tool definitions).',
  },
};

/**
 * Generation speed of hidden reasoning as a share of the catalogue's tps (OpenRouter's median
 * throughput, one figure per model): first-party serving and load move it both ways.
 * Assumed ±50 %: 0.67–1.5×.
 */
export const REASONING_TPS_SPREAD: BandCoefficient = {
  band: { min: 1 / 1.5, central: 1, max: 1.5 },
  unit: '× catalogue tokens per second',
  sourceIds: ['ecologits-models', 'tokenprint-assumption'],
  confidence: 'low',
};

/** Tokens of a file known only by its kind (no extracted text): a page (~500) to a report. */
export const FILE_TOKENS: BandCoefficient = {
  band: { min: 500, central: 3_000, max: 20_000 },
  unit: 'tokens per file',
  sourceIds: ['tokenprint-assumption'],
  confidence: 'low',
};

/** Context a web search or tool call feeds back to the model (results, snippets, pages). */
export const SEARCH_TOKENS: BandCoefficient = {
  band: { min: 1_000, central: 4_000, max: 15_000 },
  unit: 'tokens per call',
  sourceIds: ['tokenprint-assumption'],
  confidence: 'low',
};

/** Server energy (before PUE) per generated image: Luccioni et al. 2024 (mean 2.9, worst 11.5). */
export const IMAGE_WH: BandCoefficient = {
  band: { min: 1, central: 2.9, max: 11.5 },
  unit: 'Wh per image before PUE',
  sourceIds: ['luccioni-2024', 'tokenprint-assumption'],
  confidence: 'low',
  note: 'Open diffusion models on A100s; the sites’ image models are not measured publicly. Lower end assumed for newer, faster models.',
};

/**
 * A model's usual time to first token when it does not reason: queueing, prefill and the
 * network. The catalogue's non-reasoning chat entries span 0.34–2.09 s (median 1.27 s;
 * OpenRouter medians via EcoLogits). A reasoning model's own figure above 2.09 s already holds
 * the API's hidden reasoning (GPT-5's 9.8 s), so the median stands in for it.
 */
export const USUAL_TTFT_S: BandCoefficient = {
  band: { min: 0.34, central: 1.27, max: 2.09 },
  unit: 's to first token, without reasoning',
  sourceIds: ['ecologits-models'],
  confidence: 'low',
  note: 'The non-reasoning catalogue rows at or under 2.09 s (API reasoning models flagged non-reasoning, such as GPT-5 mini at 7.98 s, left out).',
};

/** Every issue #14 coefficient, for the sources list and tests. */
export const EXCHANGE_COEFFICIENTS: Record<string, BandCoefficient> = {
  cachedShare: CACHED_SHARE,
  cachedCost: CACHED_COST,
  systemPromptChatgpt: SYSTEM_PROMPT.chatgpt,
  systemPromptClaude: SYSTEM_PROMPT.claude,
  systemPromptLechat: SYSTEM_PROMPT.lechat,
  systemPromptGemini: SYSTEM_PROMPT.gemini,
  reasoningTpsSpread: REASONING_TPS_SPREAD,
  fileTokens: FILE_TOKENS,
  searchTokens: SEARCH_TOKENS,
  imageWh: IMAGE_WH,
  usualTtftS: USUAL_TTFT_S,
};

const finite = (x: number) => typeof x === 'number' && Number.isFinite(x);

/**
 * Hidden reasoning tokens of one response (or of sums): reasoning time × generation speed,
 * minus the reasoning the page showed, floored at 0. `tps` is the model's catalogue speed;
 * the band's ends use REASONING_TPS_SPREAD. Non-finite or negative input gives 0.
 */
export function hiddenReasoningTokens(
  thinkMs: number,
  tps: number,
  visibleReasoningTokens = 0,
  spread: Band = REASONING_TPS_SPREAD.band,
): Band {
  if (!finite(thinkMs) || thinkMs <= 0 || !finite(tps) || tps <= 0) {
    return { min: 0, central: 0, max: 0 };
  }
  const vis =
    finite(visibleReasoningTokens) && visibleReasoningTokens > 0 ? visibleReasoningTokens : 0;
  const at = (k: number) => Math.max(0, (thinkMs / 1000) * tps * k - vis);
  return { min: at(spread.min), central: at(spread.central), max: at(spread.max) };
}

/**
 * Hidden reasoning of a reply that showed no duration, from the measured stream timing
 * (issue #14): time to the first visible token minus the model's usual time to first token
 * (its catalogue figure when that is a plain serving time, else USUAL_TTFT_S), floored at 0.
 * Null when the model does not reason or the timing was not measured. `reasoning` defaults to
 * the catalogue flag; the caller may know better (a "Thinking" label on a model catalogued
 * without it).
 */
export function timingThinkMs(
  ttftMs: number | undefined,
  spec: ModelSpec | undefined,
  reasoning = spec?.reasoning ?? false,
): number | null {
  if (!reasoning || ttftMs === undefined || !finite(ttftMs) || ttftMs < 0) return null;
  const own = spec?.deployment?.ttftS;
  const usual = own !== undefined && own <= USUAL_TTFT_S.band.max ? own : USUAL_TTFT_S.band.central;
  return Math.max(0, Math.round(ttftMs - usual * 1000));
}

/** Effective cost of the re-read context: 1 − cached share × (1 − cached cost), per band end. */
export function contextCostFactor(
  share: Band = CACHED_SHARE.band,
  cost: Band = CACHED_COST.band,
): Band {
  for (const [k, v] of Object.entries({ ...share }).concat(Object.entries({ ...cost }))) {
    if (!finite(v) || v < 0 || v > 1)
      throw new RangeError(`cache ${k} must be in [0, 1], got ${v}`);
  }
  if (share.min > share.max || cost.min > cost.max) {
    throw new RangeError('cache ranges must satisfy min ≤ max');
  }
  // The low end: most context cached at the cheapest rate; the high end: none cached.
  return {
    min: 1 - share.max * (1 - cost.min),
    central: 1 - share.central * (1 - cost.central),
    max: 1 - share.min * (1 - cost.max),
  };
}

/**
 * Whether a measured streaming duration is plausible for `outputTokens` at the model's speed:
 * within a factor 4 of output ÷ tps either way (the catalogue is a median; a tab in the
 * background or a stalled stream is not generation time).
 */
export function plausibleStreamMs(streamMs: number, outputTokens: number, tps: number): boolean {
  if (!finite(streamMs) || streamMs <= 0 || !finite(tps) || tps <= 0 || outputTokens <= 0) {
    return false;
  }
  const expected = (outputTokens / tps) * 1000;
  return streamMs >= expected / 4 && streamMs <= expected * 4;
}

/** A Range as a Band with its midpoint as central. */
export const mid = (r: Range): Band => ({ ...r, central: (r.min + r.max) / 2 });
