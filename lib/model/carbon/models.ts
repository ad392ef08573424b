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
import type { Range, SiteId } from '../../shared/types';
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
  /** Ids in SOURCES (lib/model/carbon/sources.ts). */
  sourceIds: string[];
  note?: string;
  /** Closed models: the readings their size range spans (SPEED_REFERENCES). */
  sizeEvidence?: SizeEvidence;
}

type Row = [
  id: string,
  name: string,
  provider: ProviderId,
  arch: 'dense' | 'moe',
  totalParamsB: [number, number?],
  activeParamsB: [number, number?],
  confidence: ModelConfidence,
  tier: TierId,
  reasoning: boolean,
  ecologitsName: string,
  tps: number,
  ttftS: number,
];

/**
 * The catalogue as a table, one model a row, figures from EcoLogits models.json (MoE
 * entries there put active parameters at 10–30 % of the total). GPT-5 (ChatGPT's default,
 * non-thinking) takes the serving speed of `gpt-5-chat-latest`; GPT-5 Thinking that of the
 * API `gpt-5`, whose 9.8 s time to first token is mostly hidden reasoning.
 */
// prettier-ignore
const ROWS: Row[] = [
  // id                name                 provider     arch     total B    active B     confidence   tier        reason. EcoLogits entry               tps    ttft s
  ['gpt-4o',            'GPT-4o',            'openai',    'moe',   [440],     [44, 132],   'estimated', 'large',    false,  'gpt-4o',                     37.8,  0.52],
  ['gpt-4o-mini',       'GPT-4o mini',       'openai',    'dense', [8, 28],   [8, 28],     'estimated', 'small',    false,  'gpt-4o-mini',                36.8,  0.49],
  ['gpt-4-1',           'GPT-4.1',           'openai',    'moe',   [352],     [35, 106],   'estimated', 'large',    false,  'gpt-4.1',                    40,    0.79],
  ['gpt-4-1-mini',      'GPT-4.1 mini',      'openai',    'dense', [40, 112], [40, 112],   'estimated', 'medium',   false,  'gpt-4.1-mini',               36.2,  0.62],
  ['gpt-5',             'GPT-5',             'openai',    'moe',   [300],     [30, 90],    'estimated', 'large',    false,  'gpt-5-chat-latest',          71.1,  0.56],
  ['gpt-5-thinking',    'GPT-5 Thinking',    'openai',    'moe',   [300],     [30, 90],    'estimated', 'large',    true,   'gpt-5',                      44.9,  9.8],
  ['gpt-5-mini',        'GPT-5 mini',        'openai',    'dense', [25, 70],  [25, 70],    'estimated', 'medium',   false,  'gpt-5-mini',                 57,    7.98],
  ['gpt-5-nano',        'GPT-5 nano',        'openai',    'dense', [5, 18.5], [5, 18.5],   'estimated', 'small',    false,  'gpt-5-nano',                 91.6,  4.45],
  ['gpt-5-pro',         'GPT-5 Pro',         'openai',    'moe',   [3600],    [360, 1080], 'estimated', 'frontier', true,   'gpt-5-pro',                  11.8,  61.71],
  ['gpt-5-1',           'GPT-5.1',           'openai',    'moe',   [300],     [30, 90],    'estimated', 'large',    false,  'gpt-5.1',                    50.4,  5.18],
  ['gpt-5-2',           'GPT-5.2',           'openai',    'moe',   [420],     [42, 126],   'estimated', 'large',    false,  'gpt-5.2-chat-latest',        46.1,  1.54],
  ['gpt-5-4',           'GPT-5.4',           'openai',    'moe',   [450],     [45, 150],   'estimated', 'large',    false,  'gpt-5.4',                    42.2,  1.27],
  ['gpt-5-5',           'GPT-5.5',           'openai',    'moe',   [450],     [45, 150],   'assumed',   'large',    false,  'gpt-5.4',                    42.2,  1.27],
  ['gpt-5-5-thinking',  'GPT-5.5 Thinking',  'openai',    'moe',   [450],     [45, 150],   'assumed',   'large',    true,   'gpt-5.4',                    42.2,  1.27],
  ['gpt-5-3',           'GPT-5.3',           'openai',    'moe',   [420],     [42, 126],   'estimated', 'large',    false,  'gpt-5.3-chat-latest',        64.6,  1.87],
  ['gpt-5-6',           'GPT-5.6',           'openai',    'moe',   [450],     [45, 150],   'assumed',   'large',    false,  'gpt-5.4',                    42.2,  1.27],
  ['gpt-5-6-thinking',  'GPT-5.6 Thinking',  'openai',    'moe',   [450],     [45, 150],   'assumed',   'large',    true,   'gpt-5.4',                    42.2,  1.27],
  ['o1',                'o1',                'openai',    'moe',   [440],     [44, 132],   'estimated', 'large',    true,   'o1',                         126.7, 6.19],
  ['o3',                'o3',                'openai',    'moe',   [440],     [44, 132],   'assumed',   'large',    true,   'o1',                         126.7, 6.19],
  ['o4-mini',           'o4-mini',           'openai',    'dense', [8, 28],   [8, 28],     'estimated', 'small',    true,   'o4-mini',                    91.8,  6.12],
  ['claude-haiku-4-5',  'Claude Haiku 4.5',  'anthropic', 'dense', [10, 35],  [10, 35],    'estimated', 'small',    false,  'claude-haiku-4-5-20251001',  69.9,  0.58],
  ['claude-sonnet-4',   'Claude Sonnet 4',   'anthropic', 'moe',   [440],     [44, 132],   'estimated', 'large',    false,  'claude-sonnet-4-20250514',   47.5,  1.13],
  ['claude-sonnet-4-5', 'Claude Sonnet 4.5', 'anthropic', 'moe',   [440],     [44, 132],   'estimated', 'large',    false,  'claude-sonnet-4-5-20250929', 36.1,  1.83],
  ['claude-sonnet-4-6', 'Claude Sonnet 4.6', 'anthropic', 'moe',   [440],     [44, 132],   'estimated', 'large',    false,  'claude-sonnet-4-6',          42,    1.38],
  ['claude-opus-4',     'Claude Opus 4',     'anthropic', 'moe',   [2000],    [200, 600],  'estimated', 'frontier', false,  'claude-opus-4-20250514',     24.2,  1.62],
  ['claude-opus-4-1',   'Claude Opus 4.1',   'anthropic', 'moe',   [2000],    [200, 600],  'estimated', 'frontier', false,  'claude-opus-4-1-20250805',   25.1,  1.95],
  ['claude-opus-4-5',   'Claude Opus 4.5',   'anthropic', 'moe',   [670],     [67, 200],   'estimated', 'frontier', false,  'claude-opus-4-5-20251101',   32.5,  1.65],
  ['claude-opus-4-6',   'Claude Opus 4.6',   'anthropic', 'moe',   [670],     [67, 200],   'estimated', 'frontier', false,  'claude-opus-4-6',            34,    2.09],
  ['mistral-large',     'Mistral Large 2',   'mistral',   'dense', [123],     [123],       'disclosed', 'large',    false,  'mistral-large-latest',       36.1,  0.48],
  ['mistral-medium',    'Mistral Medium 3',  'mistral',   'dense', [70, 120], [70, 120],   'estimated', 'medium',   false,  'mistral-medium-latest',      42.5,  0.36],
  ['mistral-small',     'Mistral Small 3',   'mistral',   'dense', [23.6],    [23.6],      'disclosed', 'small',    false,  'mistral-small-latest',       105.6, 0.34],
  ['magistral-medium',  'Magistral Medium',  'mistral',   'dense', [70, 120], [70, 120],   'estimated', 'medium',   true,   'magistral-medium-latest',    51.9,  0.75],
  ['magistral-small',   'Magistral Small',   'mistral',   'dense', [23.6],    [23.6],      'disclosed', 'small',    true,   'magistral-small-latest',     127.8, 0.21],
  ['gemini-2-5-flash',  'Gemini 2.5 Flash',  'google',    'moe',   [440],     [44, 132],   'estimated', 'medium',   false,  'gemini-2.5-flash',           71,    0.66],
  ['gemini-2-5-flash-lite', 'Gemini 2.5 Flash-Lite', 'google', 'dense', [8, 28], [8, 28],  'estimated', 'small',    false,  'gemini-2.5-flash-lite',      76.9,  0.57],
  ['gemini-2-5-pro',    'Gemini 2.5 Pro',    'google',    'moe',   [2000],    [200, 600],  'estimated', 'frontier', true,   'gemini-2.5-pro',             92,    2.67],
  ['gemini-3-flash',    'Gemini 3 Flash',    'google',    'moe',   [300],     [100, 300],  'estimated', 'large',    false,  'gemini-3-flash-preview',     60.4,  1.47],
  ['gemini-3-flash-thinking', 'Gemini 3 Flash Thinking', 'google', 'moe', [300], [100, 300], 'estimated', 'large', true,   'gemini-3-flash-preview',     60.4,  1.47],
  ['gemini-3-5-flash',  'Gemini 3.5 Flash',  'google',    'moe',   [300],     [100, 300],  'assumed',   'large',    false,  'gemini-3-flash-preview',     60.4,  1.47],
  ['gemini-3-pro',      'Gemini 3 Pro',      'google',    'moe',   [1200],    [120, 360],  'estimated', 'frontier', true,   'gemini-3-pro-preview',       71.6,  4.47],
  ['gemini-3-1-pro',    'Gemini 3.1 Pro',    'google',    'moe',   [1200],    [120, 360],  'estimated', 'frontier', true,   'gemini-3.1-pro-preview',     57.8,  4.68],
];

/**
 * What each closed model's EcoLogits estimate rests on (prices: lib/model/carbon/prices.ts,
 * output $ per million tokens), and our assumptions. The speed reading's sentence, naming
 * the reading behind each end of the range, is appended from SPEED_REFERENCES.
 */
const NOTES: Record<string, string> = {
  'gpt-4o':
    'EcoLogits’ 440 B MoE, GPT-4 (1.76 T, leaked) scaled down by price through GPT-4 Turbo.',
  'gpt-4o-mini': 'EcoLogits’ 8–28 B dense estimate ($0.60 output, 1/17 of GPT-4o).',
  'gpt-4-1': 'EcoLogits’ 352 B = GPT-4o’s 440 B × its price ratio ($8 vs $10 output).',
  'gpt-4-1-mini': 'EcoLogits’ 40–112 B dense estimate ($1.60 output).',
  'gpt-5':
    'EcoLogits’ 300 B MoE (gpt-5-chat-latest), the base its GPT-5.x estimates are scaled from by price; launched at GPT-4o’s $10 output price.',
  'gpt-5-thinking': 'EcoLogits’ 300 B MoE for the API’s gpt-5 (reasoning), as GPT-5.',
  'gpt-5-mini': 'EcoLogits’ 25–70 B dense estimate ($2 output).',
  'gpt-5-nano': 'EcoLogits’ 5–18.5 B dense estimate ($0.40 output).',
  'gpt-5-pro':
    'EcoLogits’ 3,600 B = GPT-5’s 300 B × 12, its price ratio ($120 vs $10 output). Alone in its tier: no speed reading (across tiers, 11.8 vs GPT-5 Thinking’s 44.9 tok/s would give 114–342 B active).',
  'gpt-5-1': 'EcoLogits’ 300 B, GPT-5’s (same $10 output price).',
  'gpt-5-2': 'EcoLogits’ 420 B = GPT-5’s 300 B × 1.4, its price ratio ($14 vs $10).',
  'gpt-5-3':
    'EcoLogits’ 420 B for gpt-5.3-chat-latest (served on chatgpt.com as gpt-5-3, chat-sites-2026.md §1.3), GPT-5.2’s; no public API price recorded.',
  'gpt-5-4': 'EcoLogits’ 450 B = GPT-5’s 300 B × 1.5, its price ratio ($15 vs $10).',
  'gpt-5-5':
    'Not in EcoLogits (2026-03): assumed the size and speed of GPT-5.4, its predecessor. Its $30 output price (2× GPT-5.4) would make it 900 B on EcoLogits’ price chain; not used, as OpenAI’s prices move without the model (o3: −80 % in June 2025) and it would put GPT-5.5’s central above GPT-4o’s band (METHODOLOGY.md §3).',
  'gpt-5-5-thinking':
    'Not in EcoLogits (2026-03): assumed the size and speed of GPT-5.4, as GPT-5.5 (its price reading not used, see GPT-5.5).',
  o1: 'EcoLogits’ 440 B, GPT-4o’s size ($60 output, 6× GPT-4o).',
  o3: 'Not in EcoLogits (2026-03, only o3-mini): assumed the size and speed of o1, its predecessor. Its price is no size reading: $10 / $40 at launch, $2 / $8 from 2025-06-10 under the same API id.',
  'o4-mini': 'EcoLogits’ 8–28 B dense, o3-mini’s estimate ($4.40 output).',
  'gpt-5-6':
    'Served on chatgpt.com in late 2026 (slugs gpt-5-6-thinking, gpt-5-6-pro; chat-sites-2026.md §1.3); not in EcoLogits and no public API price: assumed the size and speed of GPT-5.5 (= GPT-5.4).',
  'gpt-5-6-thinking':
    'Served on chatgpt.com in late 2026 (slug gpt-5-6-thinking, chat-sites-2026.md §1.3); not in EcoLogits and no public API price: assumed the size and speed of GPT-5.5 (= GPT-5.4).',
  'claude-haiku-4-5':
    'EcoLogits’ 10–35 B dense estimate ($5 output, 1/3 of Sonnet). Alone in its tier: no speed reading.',
  'claude-sonnet-4': 'EcoLogits’ 440 B MoE, the GPT-4o class ($15 output, 1/5 of Opus 4.1).',
  'claude-sonnet-4-5': 'EcoLogits’ 440 B, Sonnet 4’s (same $15 output price).',
  'claude-sonnet-4-6': 'EcoLogits’ 440 B, Sonnet 4’s (same $15 output price).',
  'claude-opus-4':
    'EcoLogits’ 2,000 B, Claude 3 Opus’s (benchmarks on a par with GPT-4; same $75 output price).',
  'claude-opus-4-1': 'EcoLogits’ 2,000 B, as Opus 4 (same $75 output price).',
  'claude-opus-4-5':
    'EcoLogits’ 670 B = Opus 4.1’s 2,000 B ÷ 3, its price ratio ($25 vs $75 output).',
  'claude-opus-4-6': 'EcoLogits’ 670 B, Opus 4.5’s (same $25 output price).',
  'gemini-2-5-flash':
    'EcoLogits’ 440 B MoE, the GPT-4o class. Medium tier by its price class ($0.30 / $2.50 per million tokens, as GPT-5 mini); in the large tier its estimate contradicts Gemini 3 Flash’s (100–300 B active). Alone in its tier: no speed reading.',
  'gemini-2-5-flash-lite':
    'EcoLogits’ 8–28 B dense estimate ($0.40 output). Alone in its tier: no speed reading.',
  'gemini-2-5-pro':
    'EcoLogits’ 2,000 B MoE, the Claude 3 Opus class; its $10 output price is below Gemini 3 Pro’s $12, as the speed reading has it.',
  'gemini-3-pro':
    'EcoLogits’ 1,200 B MoE, the base its Gemini 3 estimates are scaled from by price (3 Flash = ÷ 4, $3 vs $12).',
  'gemini-3-1-pro': 'EcoLogits’ 1,200 B, Gemini 3 Pro’s; no list price recorded.',
  'gemini-3-flash':
    'EcoLogits’ 300 B MoE (100–300 B active) = Gemini 3 Pro’s 1,200 B ÷ 4, its price ratio ($3 vs $12 output).',
  'gemini-3-flash-thinking':
    'Gemini 3 Flash with thinking on (the app’s "Thinking" mode): EcoLogits’ gemini-3-flash-preview figures, marked as reasoning.',
  'gemini-3-5-flash':
    'In the Gemini app’s 2026 picker ("3.5 Flash", gemini-2026.md §3); not in EcoLogits (2026-03): assumed the size and speed of Gemini 3 Flash.',
};

/** Sources beyond EcoLogits' models.json. */
const EXTRA_SOURCES: Record<string, string[]> = {
  'mistral-large': ['mistral-large-2'],
  'claude-opus-4-5': ['anthropic-pricing'],
  'claude-opus-4-6': ['anthropic-pricing'],
  'gpt-5-5': ['openai-pricing'],
  o3: ['openai-pricing'],
};

const range = ([min, max = min]: [number, number?]): Range => ({ min, max });

const LIST: ModelSpec[] = ROWS.map(
  ([id, name, provider, arch, total, active, confidence, tier, reasoning, eco, tps, ttftS]) => ({
    id,
    name,
    provider,
    arch,
    totalParamsB: range(total),
    activeParamsB: range(active),
    confidence,
    tier,
    reasoning,
    ecologitsName: eco,
    deployment: { tps, ttftS },
    sourceIds: ['ecologits-models', ...(EXTRA_SOURCES[id] ?? [])],
    ...(NOTES[id] ? { note: NOTES[id] } : {}),
  }),
);

/**
 * The speed reading (issue #15, METHODOLOGY.md §3). Decode is memory-bound, so on one
 * maker's serving stack a model's tokens per second fall as the active weights read per
 * token grow. Each closed model is read against its maker-and-tier reference: the size the
 * speed ratio implies is the reference's EcoLogits range × tps(reference) ÷ tps(model), on
 * total and active alike, and the model's range spans that reading and its own EcoLogits
 * estimate. Across tiers serving targets differ (cheap tiers are batched harder), so speed
 * is only compared within one. A reading disjoint from EcoLogits' range contradicts it
 * rather than widening it (o1: faster than GPT-4o mini); it is kept as evidence, not used.
 * Disclosed models (Mistral) are never read.
 */
export const SPEED_REFERENCES: Readonly<Partial<Record<`${ProviderId}/${TierId}`, string>>> =
  Object.freeze({
    'openai/small': 'gpt-4o-mini',
    'openai/medium': 'gpt-4-1-mini',
    'openai/large': 'gpt-4o',
    'anthropic/large': 'claude-sonnet-4',
    'anthropic/frontier': 'claude-opus-4-1',
    'google/large': 'gemini-3-flash',
    'google/frontier': 'gemini-3-pro',
  });

/** The size of a model on one reading of the evidence, in billions. */
export interface SizeReading {
  totalParamsB: Range;
  activeParamsB: Range;
}

export interface SpeedReading extends SizeReading {
  /** The catalogue id read against (same maker and tier). */
  reference: string;
  /** tps(reference) ÷ tps(model): the factor on the reference's EcoLogits size. */
  factor: number;
  /** False where the reading is disjoint from EcoLogits' range (see SPEED_REFERENCES). */
  used: boolean;
}

/** The readings behind a closed model's range: EcoLogits' estimate and the speed reading. */
export interface SizeEvidence {
  ecologits: SizeReading;
  speed?: SpeedReading;
}

const scale = (r: Range, k: number): Range => ({ min: r.min * k, max: r.max * k });
const hull = (a: Range, b: Range): Range => ({
  min: Math.min(a.min, b.min),
  max: Math.max(a.max, b.max),
});
const overlaps = (a: Range, b: Range) => a.min <= b.max && b.min <= a.max;

function speedReading(m: ModelSpec, ref: ModelSpec): SpeedReading {
  const factor = ref.deployment!.tps / m.deployment!.tps;
  const activeParamsB = scale(ref.activeParamsB, factor);
  return {
    reference: ref.id,
    factor,
    totalParamsB: scale(ref.totalParamsB, factor),
    activeParamsB,
    used: overlaps(activeParamsB, m.activeParamsB),
  };
}

const b = (x: number) => `${x < 100 ? Number(x.toPrecision(3)) : Math.round(x)}`;
const span = (r: Range) => (r.min === r.max ? `${b(r.min)} B` : `${b(r.min)}–${b(r.max)} B`);

/** Which reading gives each end of the active range, in words (appended to the note). */
function endsNote(m: ModelSpec, e: SizeEvidence, ref: ModelSpec): string {
  const s = e.speed!;
  const speed = `the speed reading (${ref.name} ${ref.deployment!.tps} ÷ ${m.deployment!.tps} tok/s = ${s.factor.toFixed(2)}× its ${span(ref.activeParamsB)} active)`;
  if (!s.used) {
    return `Speed reading ${span(s.activeParamsB)} active (${ref.name} ${ref.deployment!.tps} ÷ ${m.deployment!.tps} tok/s) is disjoint from EcoLogits’ ${span(e.ecologits.activeParamsB)}: not used, the range is EcoLogits’.`;
  }
  const eco = `EcoLogits’ estimate`;
  const lo = s.activeParamsB.min < e.ecologits.activeParamsB.min ? speed : eco;
  const hi = s.activeParamsB.max > e.ecologits.activeParamsB.max ? speed : eco;
  if (lo === hi) {
    return `Active ${span(m.activeParamsB)}: both ends ${lo} (speed reading ${s.factor.toFixed(2)}× ${ref.name}’s).`;
  }
  return `Active ${span(m.activeParamsB)}: low end ${lo}, high end ${hi}.`;
}

function withEvidence(m: ModelSpec, byId: Map<string, ModelSpec>): ModelSpec {
  if (m.confidence === 'disclosed' || m.provider === 'mistral') return m;
  const ecologits: SizeReading = { totalParamsB: m.totalParamsB, activeParamsB: m.activeParamsB };
  const refId = SPEED_REFERENCES[`${m.provider}/${m.tier}`];
  if (refId === m.id) {
    const note = 'The speed reading’s reference for its maker and tier: EcoLogits’ range.';
    return { ...m, sizeEvidence: { ecologits }, note: [m.note, note].filter(Boolean).join(' ') };
  }
  const ref = refId === undefined ? undefined : byId.get(refId);
  if (!ref) return { ...m, sizeEvidence: { ecologits } };
  const speed = speedReading(m, ref);
  const evidence: SizeEvidence = { ecologits, speed };
  const out: ModelSpec = speed.used
    ? {
        ...m,
        totalParamsB: hull(m.totalParamsB, speed.totalParamsB),
        activeParamsB: hull(m.activeParamsB, speed.activeParamsB),
        sizeEvidence: evidence,
      }
    : { ...m, sizeEvidence: evidence };
  return { ...out, note: [m.note, endsNote(out, evidence, ref)].filter(Boolean).join(' ') };
}

const BY_ID = new Map(LIST.map((m) => [m.id, m]));

export const MODELS: Readonly<Record<string, ModelSpec>> = Object.freeze(
  Object.fromEntries(LIST.map((m) => [m.id, Object.freeze(withEvidence(m, BY_ID))])),
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
  'gpt-5-3': 'gpt-5-3',
  'gpt-5-3-instant': 'gpt-5-3',
  'gpt-5-3-thinking': 'gpt-5-3',
  'gpt-5-6': 'gpt-5-6',
  'gpt-5-6-instant': 'gpt-5-6',
  'gpt-5-6-thinking': 'gpt-5-6-thinking',
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

/**
 * Gemini: the picker showed modes "Fast" / "Thinking" (2025-11), then "Fast" / "Thinking" /
 * "Pro" (2026-02), then model names ("3 Flash", "3.1 Pro", "3.5 Flash", "3.1 Flash-Lite",
 * 2026-05; gemini-2026.md §3). Google never pairs a mode with a model on the page.
 * ASSUMPTION (low): Fast → Gemini 3 Flash, Thinking → 3 Flash with thinking, Pro → 3.1 Pro,
 * the app's defaults since the 3 Flash launch (Dec 2025) and the 3.1 Pro label (2026-05).
 * "3.1 Flash-Lite" is left to the default tier: EcoLogits' 30–105 B dense estimate fits no
 * tier beside 2.5 Flash and 2.5 Flash-Lite without contradicting one of them.
 */
const GEMINI_ALIASES: Record<string, string> = {
  fast: 'gemini-3-flash',
  thinking: 'gemini-3-flash-thinking',
  pro: 'gemini-3-1-pro',
  '2-5-flash': 'gemini-2-5-flash',
  '2-5-flash-lite': 'gemini-2-5-flash-lite',
  '2-5-pro': 'gemini-2-5-pro',
  '3-flash': 'gemini-3-flash',
  '3-pro': 'gemini-3-pro',
  '3-1-pro': 'gemini-3-1-pro',
  '3-5-flash': 'gemini-3-5-flash',
};

/** The Le Chat mode mapping above is an assumption; the UI can label these ids. */
export const ASSUMED_MAPPINGS: Readonly<Record<string, string>> = Object.freeze({
  'lechat:fast': 'Le Chat "Fast" assumed to be Mistral Medium 3 (Mistral names no model).',
  'lechat:think': 'Le Chat "Think" assumed to be Magistral Medium (Mistral names no model).',
  'claude:family':
    'A Claude model not in the catalogue ("Opus 5") is assumed to be its family’s newest listed model (Opus 4.6, Sonnet 4.6, Haiku 4.5), keeping its tier.',
  'chatgpt:modes':
    'ChatGPT "Instant"/"Thinking"/"Pro" assumed to be GPT-5.5 / GPT-5.5 Thinking / GPT-5 Pro (2026-08 menu ids).',
  'gemini:modes':
    'Gemini "Fast"/"Thinking"/"Pro" assumed to be Gemini 3 Flash / 3 Flash with thinking / 3.1 Pro (Google names no model for a mode).',
});

function normalise(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(chatgpt|claude|le chat|mistral ai|gemini)\s+/, '');
}

function slugify(s: string): string {
  return s.replace(/[\s._]+/g, '-').replace(/-+/g, '-');
}

function resolveChatgpt(label: string): string {
  // 2026 switcher labels are bare versions ("5.2 Thinking", "5.4 Pro"): read them as slugs.
  const slug = slugify(label).replace(/^(5(?:-\d+)?(?:-|$))/, 'gpt-$1');
  const direct = CHATGPT_ALIASES[slug];
  if (direct) return direct;
  // Dated slugs ('gpt-4o-2024-11-20', 'o3-2025-04-16') resolve to their family.
  const undated = slug.replace(/-20\d\d-\d\d-\d\d$/, '');
  if (CHATGPT_ALIASES[undated]) return CHATGPT_ALIASES[undated];
  // Unseen GPT-5.x point releases: the newest variant we know (thinking / pro / plain).
  const m = /^gpt-5-(\d+)(?:-(.+))?$/.exec(slug);
  if (m) {
    const variant = m[2] ?? '';
    if (variant.includes('pro')) return 'gpt-5-pro';
    if (variant.includes('mini')) return 'gpt-5-mini';
    if (variant.includes('thinking')) return 'gpt-5-6-thinking';
    return 'gpt-5-6';
  }
  return UNKNOWN_MODEL;
}

/**
 * A Claude family the catalogue does not list yet ("Opus 5", "Sonnet 4.7") falls back to the
 * newest listed sibling of that family, so it keeps its tier (Opus: frontier, Sonnet: large,
 * Haiku: small) instead of the default tier. An assumption: ASSUMED_MAPPINGS['claude:family'].
 */
const CLAUDE_FAMILY_NEWEST: Record<string, string> = {
  opus: 'claude-opus-4-6',
  sonnet: 'claude-sonnet-4-6',
  haiku: 'claude-haiku-4-5',
};

function resolveClaude(label: string): string {
  let text = label.replace(/^claude[\s-]+/, '');
  // API ids: 'claude-sonnet-4-5-20250929' → 'sonnet 4.5'.
  const api = /^(haiku|sonnet|opus)-(\d)(?:-(\d))?(?:-\d{8})?$/.exec(slugify(text));
  if (api) text = `${api[1]} ${api[2]}${api[3] ? `.${api[3]}` : ''}`;
  for (const [prefix, id] of CLAUDE_PREFIXES) {
    // "sonnet 4" must not take "sonnet 4.7": the prefix ends the version.
    if (text.startsWith(prefix) && !/^\.?\d/.test(text.slice(prefix.length))) return id;
  }
  const family = /^(opus|sonnet|haiku)\b/.exec(text);
  return family ? CLAUDE_FAMILY_NEWEST[family[1]!]! : UNKNOWN_MODEL;
}

function resolveLechat(label: string): string {
  return LECHAT_ALIASES[slugify(label)] ?? UNKNOWN_MODEL;
}

function resolveGemini(label: string): string {
  // The 2026 pill reads "3.1 Pro" then the thinking level ("Extended"); API ids
  // ('gemini-2.5-flash', '-preview', '-latest') are accepted too.
  const slug = slugify(label)
    .replace(/^gemini-/, '')
    .replace(/-(standard|extended)(-thinking)?$/, '')
    .replace(/-(preview|latest)$/, '');
  return GEMINI_ALIASES[slug] ?? UNKNOWN_MODEL;
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
    case 'gemini':
      return resolveGemini(text);
    default:
      return UNKNOWN_MODEL;
  }
}
