/**
 * The model catalogue: the chat models of the three sites with their parameter counts as
 * ranges, and the tiers the user can pick when the page shows no model (or to override it).
 *
 * Parameter counts start from EcoLogits' `ecologits/data/models.json` (mlco2/ecologits,
 * MPL-2.0, snapshot of 2026-03-13, commit 5be90da). Figures are re-typed here with their
 * provenance, not copied code. Only Mistral discloses sizes; every OpenAI and Anthropic
 * figure is an EcoLogits estimate (its warning `model-arch-not-released`), and a few
 * entries that EcoLogits does not list are our own assumptions (confidence 'assumed').
 */
import type { Range, SiteId } from '../types';
import type { ProviderId, TierId } from './types';

/** How much we trust a model's parameter counts. */
export type ModelConfidence =
  /** The maker published the parameter count. */
  | 'disclosed'
  /** EcoLogits' estimate (models.json, `model-arch-not-released`). */
  | 'estimated'
  /** Not in EcoLogits: Tokenprint's own assumption from the nearest sibling; see `note`. */
  | 'assumed';

export interface ModelSpec {
  id: string;
  name: string;
  provider: ProviderId;
  arch: 'dense' | 'moe';
  /** Billions of parameters held in GPU memory (decides the GPU count). */
  totalParamsB: Range;
  /** Billions of parameters used per token (decides the energy per token). */
  activeParamsB: Range;
  confidence: ModelConfidence;
  tier: TierId;
  /**
   * Reasoning ("thinking") model: it generates hidden reasoning tokens the page does not
   * show, so visible output tokens understate the work. See METHODOLOGY.md.
   */
  reasoning: boolean;
  /** The EcoLogits models.json entry the figures come from (or are assumed from). */
  ecologitsName: string;
  /**
   * Serving speed from EcoLogits models.json (`deployment`, OpenRouter statistics):
   * output tokens per second and time to first token. Sets the generation latency that
   * the server's non-GPU power and the embodied impacts are charged over.
   */
  deployment?: { tps: number; ttftS: number };
  /** Ids in SOURCES (lib/carbon/sources.ts). */
  sourceIds: string[];
  note?: string;
}

const r = (min: number, max: number = min): Range => ({ min, max });

type Entry = Omit<ModelSpec, 'sourceIds' | 'reasoning'> & {
  sourceIds?: string[];
  reasoning?: boolean;
};

function spec(e: Entry): ModelSpec {
  return { reasoning: false, sourceIds: ['ecologits-models'], ...e };
}

/** MoE entries in EcoLogits put active parameters at 10–30 % of the total. */
const LIST: ModelSpec[] = [
  // ---- OpenAI (ChatGPT) ---------------------------------------------------------------
  spec({
    id: 'gpt-4o',
    name: 'GPT-4o',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(440),
    activeParamsB: r(44, 132),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'gpt-4o',
    deployment: { tps: 37.8, ttftS: 0.52 },
  }),
  spec({
    id: 'gpt-4o-mini',
    name: 'GPT-4o mini',
    provider: 'openai',
    arch: 'dense',
    totalParamsB: r(8, 28),
    activeParamsB: r(8, 28),
    confidence: 'estimated',
    tier: 'small',
    ecologitsName: 'gpt-4o-mini',
    deployment: { tps: 36.8, ttftS: 0.49 },
  }),
  spec({
    id: 'gpt-4-1',
    name: 'GPT-4.1',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(352),
    activeParamsB: r(35, 106),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'gpt-4.1',
    deployment: { tps: 40.0, ttftS: 0.79 },
  }),
  spec({
    id: 'gpt-4-1-mini',
    name: 'GPT-4.1 mini',
    provider: 'openai',
    arch: 'dense',
    totalParamsB: r(40, 112),
    activeParamsB: r(40, 112),
    confidence: 'estimated',
    tier: 'medium',
    ecologitsName: 'gpt-4.1-mini',
    deployment: { tps: 36.2, ttftS: 0.62 },
  }),
  spec({
    id: 'gpt-5',
    name: 'GPT-5',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(300),
    activeParamsB: r(30, 90),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'gpt-5-chat-latest',
    deployment: { tps: 71.1, ttftS: 0.56 },
  }),
  spec({
    id: 'gpt-5-thinking',
    name: 'GPT-5 Thinking',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(300),
    activeParamsB: r(30, 90),
    confidence: 'estimated',
    tier: 'large',
    reasoning: true,
    ecologitsName: 'gpt-5',
    deployment: { tps: 44.9, ttftS: 9.8 },
  }),
  spec({
    id: 'gpt-5-mini',
    name: 'GPT-5 mini',
    provider: 'openai',
    arch: 'dense',
    totalParamsB: r(25, 70),
    activeParamsB: r(25, 70),
    confidence: 'estimated',
    tier: 'medium',
    ecologitsName: 'gpt-5-mini',
    deployment: { tps: 57.0, ttftS: 7.98 },
  }),
  spec({
    id: 'gpt-5-nano',
    name: 'GPT-5 nano',
    provider: 'openai',
    arch: 'dense',
    totalParamsB: r(5, 18.5),
    activeParamsB: r(5, 18.5),
    confidence: 'estimated',
    tier: 'small',
    ecologitsName: 'gpt-5-nano',
    deployment: { tps: 91.6, ttftS: 4.45 },
  }),
  spec({
    id: 'gpt-5-pro',
    name: 'GPT-5 Pro',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(3600),
    activeParamsB: r(360, 1080),
    confidence: 'estimated',
    tier: 'frontier',
    reasoning: true,
    ecologitsName: 'gpt-5-pro',
    deployment: { tps: 11.8, ttftS: 61.71 },
  }),
  spec({
    id: 'gpt-5-1',
    name: 'GPT-5.1',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(300),
    activeParamsB: r(30, 90),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'gpt-5.1',
    deployment: { tps: 50.4, ttftS: 5.18 },
  }),
  spec({
    id: 'gpt-5-2',
    name: 'GPT-5.2',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(420),
    activeParamsB: r(42, 126),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'gpt-5.2',
    deployment: { tps: 46.1, ttftS: 1.54 },
  }),
  spec({
    id: 'gpt-5-4',
    name: 'GPT-5.4',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(450),
    activeParamsB: r(45, 150),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'gpt-5.4',
    deployment: { tps: 42.2, ttftS: 1.27 },
  }),
  spec({
    id: 'gpt-5-5',
    name: 'GPT-5.5',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(450),
    activeParamsB: r(45, 150),
    confidence: 'assumed',
    tier: 'large',
    ecologitsName: 'gpt-5.4',
    deployment: { tps: 42.2, ttftS: 1.27 },
    note: 'Not in EcoLogits (2026-03); assumed the size of GPT-5.4, its predecessor.',
  }),
  spec({
    id: 'gpt-5-5-thinking',
    name: 'GPT-5.5 Thinking',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(450),
    activeParamsB: r(45, 150),
    confidence: 'assumed',
    tier: 'large',
    reasoning: true,
    ecologitsName: 'gpt-5.4',
    deployment: { tps: 42.2, ttftS: 1.27 },
    note: 'Not in EcoLogits (2026-03); assumed the size of GPT-5.4, its predecessor.',
  }),
  spec({
    id: 'o1',
    name: 'o1',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(440),
    activeParamsB: r(44, 132),
    confidence: 'estimated',
    tier: 'large',
    reasoning: true,
    ecologitsName: 'o1',
    deployment: { tps: 126.7, ttftS: 6.19 },
  }),
  spec({
    id: 'o3',
    name: 'o3',
    provider: 'openai',
    arch: 'moe',
    totalParamsB: r(440),
    activeParamsB: r(44, 132),
    confidence: 'assumed',
    tier: 'large',
    reasoning: true,
    ecologitsName: 'o1',
    deployment: { tps: 126.7, ttftS: 6.19 },
    note: 'Not in EcoLogits (2026-03, only o3-mini); assumed the size of o1, its predecessor.',
  }),
  spec({
    id: 'o4-mini',
    name: 'o4-mini',
    provider: 'openai',
    arch: 'dense',
    totalParamsB: r(8, 28),
    activeParamsB: r(8, 28),
    confidence: 'estimated',
    tier: 'small',
    reasoning: true,
    ecologitsName: 'o4-mini',
    deployment: { tps: 91.8, ttftS: 6.12 },
  }),
  // ---- Anthropic (Claude) -------------------------------------------------------------
  spec({
    id: 'claude-haiku-4-5',
    name: 'Claude Haiku 4.5',
    provider: 'anthropic',
    arch: 'dense',
    totalParamsB: r(10, 35),
    activeParamsB: r(10, 35),
    confidence: 'estimated',
    tier: 'small',
    ecologitsName: 'claude-haiku-4-5-20251001',
    deployment: { tps: 69.9, ttftS: 0.58 },
  }),
  spec({
    id: 'claude-sonnet-4',
    name: 'Claude Sonnet 4',
    provider: 'anthropic',
    arch: 'moe',
    totalParamsB: r(440),
    activeParamsB: r(44, 132),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'claude-sonnet-4-20250514',
    deployment: { tps: 47.5, ttftS: 1.13 },
  }),
  spec({
    id: 'claude-sonnet-4-5',
    name: 'Claude Sonnet 4.5',
    provider: 'anthropic',
    arch: 'moe',
    totalParamsB: r(440),
    activeParamsB: r(44, 132),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'claude-sonnet-4-5-20250929',
    deployment: { tps: 36.1, ttftS: 1.83 },
  }),
  spec({
    id: 'claude-sonnet-4-6',
    name: 'Claude Sonnet 4.6',
    provider: 'anthropic',
    arch: 'moe',
    totalParamsB: r(440),
    activeParamsB: r(44, 132),
    confidence: 'estimated',
    tier: 'large',
    ecologitsName: 'claude-sonnet-4-6',
    deployment: { tps: 42.0, ttftS: 1.38 },
  }),
  spec({
    id: 'claude-opus-4',
    name: 'Claude Opus 4',
    provider: 'anthropic',
    arch: 'moe',
    totalParamsB: r(2000),
    activeParamsB: r(200, 600),
    confidence: 'estimated',
    tier: 'frontier',
    ecologitsName: 'claude-opus-4-20250514',
    deployment: { tps: 24.2, ttftS: 1.62 },
  }),
  spec({
    id: 'claude-opus-4-1',
    name: 'Claude Opus 4.1',
    provider: 'anthropic',
    arch: 'moe',
    totalParamsB: r(2000),
    activeParamsB: r(200, 600),
    confidence: 'estimated',
    tier: 'frontier',
    ecologitsName: 'claude-opus-4-1-20250805',
    deployment: { tps: 25.1, ttftS: 1.95 },
  }),
  spec({
    id: 'claude-opus-4-5',
    name: 'Claude Opus 4.5',
    provider: 'anthropic',
    arch: 'moe',
    totalParamsB: r(670),
    activeParamsB: r(67, 200),
    confidence: 'estimated',
    tier: 'frontier',
    ecologitsName: 'claude-opus-4-5-20251101',
    deployment: { tps: 32.5, ttftS: 1.65 },
  }),
  spec({
    id: 'claude-opus-4-6',
    name: 'Claude Opus 4.6',
    provider: 'anthropic',
    arch: 'moe',
    totalParamsB: r(670),
    activeParamsB: r(67, 200),
    confidence: 'estimated',
    tier: 'frontier',
    ecologitsName: 'claude-opus-4-6',
    deployment: { tps: 34.0, ttftS: 2.09 },
  }),
  // ---- Mistral (Le Chat) --------------------------------------------------------------
  spec({
    id: 'mistral-large',
    name: 'Mistral Large 2',
    provider: 'mistral',
    arch: 'dense',
    totalParamsB: r(123),
    activeParamsB: r(123),
    confidence: 'disclosed',
    tier: 'large',
    ecologitsName: 'mistral-large-latest',
    deployment: { tps: 36.1, ttftS: 0.48 },
    sourceIds: ['ecologits-models', 'mistral-large-2'],
  }),
  spec({
    id: 'mistral-medium',
    name: 'Mistral Medium 3',
    provider: 'mistral',
    arch: 'dense',
    totalParamsB: r(70, 120),
    activeParamsB: r(70, 120),
    confidence: 'estimated',
    tier: 'medium',
    ecologitsName: 'mistral-medium-latest',
    deployment: { tps: 42.5, ttftS: 0.36 },
  }),
  spec({
    id: 'mistral-small',
    name: 'Mistral Small 3',
    provider: 'mistral',
    arch: 'dense',
    totalParamsB: r(23.6),
    activeParamsB: r(23.6),
    confidence: 'disclosed',
    tier: 'small',
    ecologitsName: 'mistral-small-latest',
    deployment: { tps: 105.6, ttftS: 0.34 },
  }),
  spec({
    id: 'magistral-medium',
    name: 'Magistral Medium',
    provider: 'mistral',
    arch: 'dense',
    totalParamsB: r(70, 120),
    activeParamsB: r(70, 120),
    confidence: 'estimated',
    tier: 'medium',
    reasoning: true,
    ecologitsName: 'magistral-medium-latest',
    deployment: { tps: 51.9, ttftS: 0.75 },
  }),
  spec({
    id: 'magistral-small',
    name: 'Magistral Small',
    provider: 'mistral',
    arch: 'dense',
    totalParamsB: r(23.6),
    activeParamsB: r(23.6),
    confidence: 'disclosed',
    tier: 'small',
    reasoning: true,
    ecologitsName: 'magistral-small-latest',
    deployment: { tps: 127.8, ttftS: 0.21 },
  }),
];

export const MODELS: Readonly<Record<string, ModelSpec>> = Object.freeze(
  Object.fromEntries(LIST.map((m) => [m.id, Object.freeze(m)])),
);

export const TIER_IDS: readonly TierId[] = ['small', 'medium', 'large', 'frontier'];

export interface TierSpec {
  id: TierId;
  label: string;
  /** What the tier stands for, in words the options page can show. */
  description: string;
  /** The catalogue model whose figures stand for the tier. */
  representative: string;
}

/**
 * Tiers stand for a class of model; each borrows the figures of one representative model
 * so tier results are exactly those of a real catalogue entry (no invented numbers).
 */
export const TIERS: Readonly<Record<TierId, TierSpec>> = Object.freeze({
  small: {
    id: 'small',
    label: 'Small',
    description: '≈8–28 B parameters: GPT-4o mini, GPT-5 nano, Claude Haiku, Mistral Small',
    representative: 'gpt-4o-mini',
  },
  medium: {
    id: 'medium',
    label: 'Medium',
    description: '≈70–120 B dense: Mistral Medium, GPT-5 mini class',
    representative: 'mistral-medium',
  },
  large: {
    id: 'large',
    label: 'Large',
    description: '≈300–450 B mixture-of-experts, 44–132 B active: GPT-4o, GPT-5, Claude Sonnet',
    representative: 'gpt-4o',
  },
  frontier: {
    id: 'frontier',
    label: 'Frontier',
    description: '≈2 T mixture-of-experts, 200–600 B active: Claude Opus 4/4.1 class',
    representative: 'claude-opus-4-1',
  },
});

export const UNKNOWN_MODEL = 'unknown';

/** The catalogue entry for an id, or undefined ('unknown' and unlisted ids). */
export function modelSpec(id: string): ModelSpec | undefined {
  return Object.prototype.hasOwnProperty.call(MODELS, id) ? MODELS[id] : undefined;
}

// ---- Resolving what a page shows --------------------------------------------------------

/**
 * ChatGPT: model slugs (`data-message-model-slug`, SSE `model_slug`) and switcher text.
 * Keys are normalised (lowercase, spaces and dots → '-', leading 'chatgpt-' and 'gpt-' kept).
 * 2026-08: the composer pill shows modes "Instant" / "Thinking" / "Pro" (or "Fast" /
 * "Balanced" / "Advanced") whose menu options are `model-switcher-gpt-5-5`,
 * `…-gpt-5-5-thinking`, `…-gpt-5-6-pro` (tests/fixtures/NOTES.md §1.4, OpenCLI). The
 * mode → model mapping below follows those option ids and is labelled an assumption.
 */
const CHATGPT_ALIASES: Record<string, string> = {
  '4o': 'gpt-4o',
  'gpt-4o': 'gpt-4o',
  'gpt-4o-canmore': 'gpt-4o',
  'chatgpt-4o-latest': 'gpt-4o',
  '4o-mini': 'gpt-4o-mini',
  'gpt-4o-mini': 'gpt-4o-mini',
  '4-1': 'gpt-4-1',
  'gpt-4-1': 'gpt-4-1',
  '4-1-mini': 'gpt-4-1-mini',
  'gpt-4-1-mini': 'gpt-4-1-mini',
  '5': 'gpt-5',
  'gpt-5': 'gpt-5',
  'gpt-5-instant': 'gpt-5',
  'gpt-5-chat': 'gpt-5',
  'gpt-5-chat-latest': 'gpt-5',
  'gpt-5-auto': 'gpt-5',
  '5-thinking': 'gpt-5-thinking',
  'gpt-5-thinking': 'gpt-5-thinking',
  'gpt-5-t-mini': 'gpt-5-mini',
  'gpt-5-thinking-mini': 'gpt-5-mini',
  'gpt-5-mini': 'gpt-5-mini',
  'gpt-5-nano': 'gpt-5-nano',
  '5-pro': 'gpt-5-pro',
  'gpt-5-pro': 'gpt-5-pro',
  'gpt-5-1': 'gpt-5-1',
  'gpt-5-1-instant': 'gpt-5-1',
  'gpt-5-1-thinking': 'gpt-5-1',
  'gpt-5-2': 'gpt-5-2',
  'gpt-5-2-instant': 'gpt-5-2',
  'gpt-5-2-thinking': 'gpt-5-2',
  'gpt-5-4': 'gpt-5-4',
  'gpt-5-5': 'gpt-5-5',
  'gpt-5-5-instant': 'gpt-5-5',
  'gpt-5-5-thinking': 'gpt-5-5-thinking',
  'gpt-5-6-pro': 'gpt-5-pro',
  o1: 'o1',
  o3: 'o3',
  'o3-pro': 'o3',
  'o4-mini': 'o4-mini',
  'o4-mini-high': 'o4-mini',
  // 2026 composer modes (assumption, see above).
  instant: 'gpt-5-5',
  fast: 'gpt-5-5',
  auto: 'gpt-5-5',
  thinking: 'gpt-5-5-thinking',
  balanced: 'gpt-5-5-thinking',
  pro: 'gpt-5-pro',
  advanced: 'gpt-5-pro',
};

/**
 * Claude: the model selector shows e.g. "Sonnet 4", "Opus 4.1", "Sonnet 4.5", "Haiku 4.5"
 * (no "Claude" prefix in 2026; tests/fixtures/NOTES.md §2.4). Matched with case-insensitive
 * startsWith, longest prefix first, so "Sonnet 4.5 (extended thinking)" is Sonnet 4.5 and
 * "Sonnet 4" does not swallow it. API ids ('claude-sonnet-4-5-20250929') are also accepted.
 */
const CLAUDE_PREFIXES: [string, string][] = [
  ['haiku 4.5', 'claude-haiku-4-5'],
  ['haiku 4', 'claude-haiku-4-5'],
  ['sonnet 4.6', 'claude-sonnet-4-6'],
  ['sonnet 4.5', 'claude-sonnet-4-5'],
  ['sonnet 4', 'claude-sonnet-4'],
  ['opus 4.6', 'claude-opus-4-6'],
  ['opus 4.5', 'claude-opus-4-5'],
  ['opus 4.1', 'claude-opus-4-1'],
  ['opus 4', 'claude-opus-4'],
].sort((a, b) => b[0]!.length - a[0]!.length) as [string, string][];

/**
 * Le Chat shows no model name, only a mode (2026: "Fast" / "Think";
 * tests/fixtures/NOTES.md §3.4). ASSUMPTION (confidence low): Fast → Mistral Medium,
 * Think → Magistral Medium, Mistral's current general and reasoning chat models.
 * METHODOLOGY.md states this as an estimate.
 */
const LECHAT_ALIASES: Record<string, string> = {
  fast: 'mistral-medium',
  think: 'magistral-medium',
  thinking: 'magistral-medium',
  reasoning: 'magistral-medium',
  'mistral-large': 'mistral-large',
  'mistral-large-latest': 'mistral-large',
  'mistral-medium': 'mistral-medium',
  'mistral-medium-latest': 'mistral-medium',
  'mistral-small': 'mistral-small',
  'mistral-small-latest': 'mistral-small',
  'magistral-medium': 'magistral-medium',
  'magistral-medium-latest': 'magistral-medium',
  'magistral-small': 'magistral-small',
  'magistral-small-latest': 'magistral-small',
};

/** The Le Chat mode mapping above is an assumption; the UI can label these ids. */
export const ASSUMED_MAPPINGS: Readonly<Record<string, string>> = Object.freeze({
  'lechat:fast': 'Le Chat "Fast" assumed to be Mistral Medium 3 (Mistral names no model).',
  'lechat:think': 'Le Chat "Think" assumed to be Magistral Medium (Mistral names no model).',
  'chatgpt:modes':
    'ChatGPT "Instant"/"Thinking"/"Pro" assumed to be GPT-5.5 / GPT-5.5 Thinking / GPT-5 Pro (2026-08 menu ids).',
});

function normalise(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(chatgpt|claude|le chat|mistral ai)\s+/, '');
}

function slugify(s: string): string {
  return s.replace(/[\s._]+/g, '-').replace(/-+/g, '-');
}

function resolveChatgpt(label: string): string {
  const slug = slugify(label);
  const direct = CHATGPT_ALIASES[slug];
  if (direct) return direct;
  // Dated slugs ('gpt-4o-2024-11-20', 'o3-2025-04-16') resolve to their family.
  const undated = slug.replace(/-20\d\d-\d\d-\d\d$/, '');
  if (CHATGPT_ALIASES[undated]) return CHATGPT_ALIASES[undated];
  // Unseen GPT-5.x point releases: the nearest variant we know (thinking / pro / plain).
  const m = /^gpt-5-(\d+)(?:-(.+))?$/.exec(slug);
  if (m) {
    const variant = m[2] ?? '';
    if (variant.includes('pro')) return 'gpt-5-pro';
    if (variant.includes('mini')) return 'gpt-5-mini';
    if (variant.includes('thinking')) return 'gpt-5-5-thinking';
    return 'gpt-5-5';
  }
  return UNKNOWN_MODEL;
}

function resolveClaude(label: string): string {
  let text = label.replace(/^claude[\s-]+/, '');
  // API ids: 'claude-sonnet-4-5-20250929' → 'sonnet 4.5'.
  const api = /^(haiku|sonnet|opus)-(\d)(?:-(\d))?(?:-\d{8})?$/.exec(slugify(text));
  if (api) text = `${api[1]} ${api[2]}${api[3] ? `.${api[3]}` : ''}`;
  for (const [prefix, id] of CLAUDE_PREFIXES) {
    if (text.startsWith(prefix)) return id;
  }
  return UNKNOWN_MODEL;
}

function resolveLechat(label: string): string {
  return LECHAT_ALIASES[slugify(label)] ?? UNKNOWN_MODEL;
}

/**
 * Maps what a page shows (a model slug or the model switcher's text) to a catalogue id,
 * or 'unknown' when nothing matches (estimate() then uses the default tier). Never throws.
 */
export function resolveModelId(site: SiteId, label: string | null): string {
  if (label == null) return UNKNOWN_MODEL;
  const text = normalise(label);
  if (!text) return UNKNOWN_MODEL;
  if (modelSpec(slugify(text))) return slugify(text);
  switch (site) {
    case 'chatgpt':
      return resolveChatgpt(text);
    case 'claude':
      return resolveClaude(text);
    case 'lechat':
      return resolveLechat(text);
    default:
      return UNKNOWN_MODEL;
  }
}
