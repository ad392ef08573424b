/**
 * API list prices per catalogue model (issue #19): what the same tokens would cost on the
 * provider's API, in US dollars per million tokens. Chat subscriptions are not priced per
 * token; this is an "API-equivalent" for comparing models, not what the user pays.
 *
 * Each price names the API model it is for, the date that list price took effect (launch or
 * price change) and the provider's public page that lists it. Recorded 2026-12-03 from those
 * pages as published (cross-checked against third-party price tables where a page was not at
 * hand); the extension never fetches them. A catalogue model without an entry here has no
 * public price: the UI says so and never guesses one. Cache writes (Anthropic: 1.25× input)
 * and batch discounts are not modelled.
 */
import { CACHED_SHARE, FILE_TOKENS, SEARCH_TOKENS } from './exchange';
import type { Assumptions, UsageAggregate } from './types';

/** One list price, USD per million tokens. */
export interface Price {
  /** The API model id the price is listed under. */
  apiModel: string;
  inputPerM: number;
  /** Cache hits (OpenAI "cached input", Anthropic "cache read"); null when none is published. */
  cachedInputPerM: number | null;
  outputPerM: number;
  /** yyyy-mm-dd the list price took effect. */
  since: string;
  /** The provider's public page listing it. */
  url: string;
  note?: string;
}

/** When the table below was last compared with the providers' pages. */
export const PRICES_RECORDED = '2026-12-03';

const OPENAI = 'https://platform.openai.com/docs/pricing';
const ANTHROPIC = 'https://platform.claude.com/docs/en/about-claude/pricing';
const MISTRAL = 'https://mistral.ai/pricing#api-pricing';
const GOOGLE = 'https://ai.google.dev/gemini-api/docs/pricing';

type Row = [
  id: string,
  apiModel: string,
  input: number,
  cached: number | null,
  output: number,
  since: string,
  url: string,
];

// prettier-ignore
const ROWS: Row[] = [
  // catalogue id        API model                     in     cached  out    since         page
  ['gpt-4o',             'gpt-4o',                     2.5,   1.25,   10,    '2024-10-01', OPENAI],
  ['gpt-4o-mini',        'gpt-4o-mini',                0.15,  0.075,  0.6,   '2024-10-01', OPENAI],
  ['gpt-4-1',            'gpt-4.1',                    2,     0.5,    8,     '2025-04-14', OPENAI],
  ['gpt-4-1-mini',       'gpt-4.1-mini',               0.4,   0.1,    1.6,   '2025-04-14', OPENAI],
  ['gpt-5',              'gpt-5-chat-latest',          1.25,  0.125,  10,    '2025-08-07', OPENAI],
  ['gpt-5-thinking',     'gpt-5',                      1.25,  0.125,  10,    '2025-08-07', OPENAI],
  ['gpt-5-mini',         'gpt-5-mini',                 0.25,  0.025,  2,     '2025-08-07', OPENAI],
  ['gpt-5-nano',         'gpt-5-nano',                 0.05,  0.005,  0.4,   '2025-08-07', OPENAI],
  ['gpt-5-pro',          'gpt-5-pro',                  15,    null,   120,   '2025-10-06', OPENAI],
  ['gpt-5-1',            'gpt-5.1',                    1.25,  0.125,  10,    '2025-11-13', OPENAI],
  ['gpt-5-2',            'gpt-5.2',                    1.75,  0.175,  14,    '2025-12-11', OPENAI],
  ['gpt-5-4',            'gpt-5.4',                    2.5,   0.25,   15,    '2026-03-05', 'https://developers.openai.com/api/docs/models/gpt-5.4'],
  ['gpt-5-5',            'gpt-5.5',                    5,     0.5,    30,    '2026-04-23', OPENAI],
  ['gpt-5-5-thinking',   'gpt-5.5',                    5,     0.5,    30,    '2026-04-23', OPENAI],
  ['o1',                 'o1',                         15,    7.5,    60,    '2024-12-17', OPENAI],
  ['o3',                 'o3',                         2,     0.5,    8,     '2025-06-10', OPENAI],
  ['o4-mini',            'o4-mini',                    1.1,   0.275,  4.4,   '2025-04-16', OPENAI],
  ['claude-haiku-4-5',   'claude-haiku-4-5',           1,     0.1,    5,     '2025-10-15', ANTHROPIC],
  ['claude-sonnet-4',    'claude-sonnet-4-20250514',   3,     0.3,    15,    '2025-05-22', ANTHROPIC],
  ['claude-sonnet-4-5',  'claude-sonnet-4-5',          3,     0.3,    15,    '2025-09-29', ANTHROPIC],
  ['claude-sonnet-4-6',  'claude-sonnet-4-6',          3,     0.3,    15,    '2026-02-17', 'https://platform.claude.com/docs/en/models/sonnet-4-6/overview'],
  ['claude-opus-4',      'claude-opus-4-20250514',     15,    1.5,    75,    '2025-05-22', ANTHROPIC],
  ['claude-opus-4-1',    'claude-opus-4-1',            15,    1.5,    75,    '2025-08-05', ANTHROPIC],
  ['claude-opus-4-5',    'claude-opus-4-5',            5,     0.5,    25,    '2025-11-24', ANTHROPIC],
  ['claude-opus-4-6',    'claude-opus-4-6',            5,     0.5,    25,    '2026-02-05', 'https://platform.claude.com/docs/en/models/opus-4-6/overview'],
  ['mistral-large',      'mistral-large-2411',         2,     null,   6,     '2024-11-18', MISTRAL],
  ['mistral-medium',     'mistral-medium-2505',        0.4,   null,   2,     '2025-05-07', MISTRAL],
  ['mistral-small',      'mistral-small-2501',         0.1,   null,   0.3,   '2025-01-30', MISTRAL],
  ['magistral-medium',   'magistral-medium-2506',      2,     null,   5,     '2025-06-10', MISTRAL],
  ['magistral-small',    'magistral-small-2506',       0.5,   null,   1.5,   '2025-06-10', MISTRAL],
  // Prompts up to 200k tokens (Google prices longer ones higher); Gemini 3.x entries are the
  // preview list prices. 3.1 Pro, 3.1 Flash-Lite and 3.5 Flash: none recorded here.
  ['gemini-2-5-flash',   'gemini-2.5-flash',           0.3,   0.03,   2.5,   '2025-06-17', GOOGLE],
  ['gemini-2-5-flash-lite', 'gemini-2.5-flash-lite',   0.1,   0.01,   0.4,   '2025-07-22', GOOGLE],
  ['gemini-2-5-pro',     'gemini-2.5-pro',             1.25,  0.125,  10,    '2025-06-17', GOOGLE],
  ['gemini-3-pro',       'gemini-3-pro-preview',       2,     0.2,    12,    '2025-11-18', GOOGLE],
  ['gemini-3-flash',     'gemini-3-flash-preview',     0.5,   0.05,   3,     '2025-12-17', GOOGLE],
  ['gemini-3-flash-thinking', 'gemini-3-flash-preview', 0.5,  0.05,   3,     '2025-12-17', GOOGLE],
];

/** Why some prices stand for a ChatGPT mode rather than an API model of the same name. */
const NOTES: Record<string, string> = {
  'gpt-5': 'ChatGPT’s default GPT-5 is the API’s gpt-5-chat-latest.',
  'gpt-5-thinking': 'ChatGPT’s GPT-5 Thinking is the API’s gpt-5 (reasoning).',
  'gpt-5-5-thinking': 'ChatGPT’s GPT-5.5 Thinking priced as the API’s gpt-5.5 with reasoning.',
  'gpt-5-pro': 'No cached-input price is published for gpt-5-pro.',
};

export const PRICES: Readonly<Record<string, Price>> = Object.freeze(
  Object.fromEntries(
    ROWS.map(([id, apiModel, inputPerM, cachedInputPerM, outputPerM, since, url]) => [
      id,
      Object.freeze({
        apiModel,
        inputPerM,
        cachedInputPerM,
        outputPerM,
        since,
        url,
        ...(NOTES[id] ? { note: NOTES[id] } : {}),
      }),
    ]),
  ),
);

/** The list price of a catalogue model, or undefined: no public price. */
export function priceOf(modelId: string): Price | undefined {
  return Object.prototype.hasOwnProperty.call(PRICES, modelId) ? PRICES[modelId] : undefined;
}

/**
 * Dollars for `inputTokens` and `outputTokens` at a model's list price, or null without a
 * public price. `cachedTokens` of the input are billed at the cached-input price where the
 * model has one (else at the full input price).
 */
export function apiCost(
  modelId: string,
  inputTokens: number,
  outputTokens: number,
  cachedTokens = 0,
): number | null {
  const p = priceOf(modelId);
  if (!p) return null;
  const cachedPerM = p.cachedInputPerM ?? p.inputPerM;
  return (
    ((inputTokens - cachedTokens) * p.inputPerM +
      cachedTokens * cachedPerM +
      outputTokens * p.outputPerM) /
    1e6
  );
}

/**
 * The API-equivalent cost of some usage (issue #19): input = prompts + re-read context +
 * files (exact tokens; files known by kind and searches at the central token figures the
 * estimate uses), the context's cached share (central) at the cached-input price; output =
 * replies + `hiddenTokens` of hidden reasoning (providers bill reasoning as output). The
 * site's own system prompt is left out: an API caller sends its own. Images are not priced.
 */
export function usageCost(
  modelId: string,
  u: UsageAggregate,
  hiddenTokens: number,
  a: Pick<Assumptions, 'cachedShare'>,
): number | null {
  const context = u.contextTokens ?? 0;
  const input =
    u.inputTokens +
    context +
    (u.fileTokens ?? 0) +
    (u.filesGuessed ?? 0) * FILE_TOKENS.band.central +
    (u.searches ?? 0) * SEARCH_TOKENS.band.central;
  const share = (a.cachedShare ?? CACHED_SHARE.band).central;
  return apiCost(modelId, input, u.outputTokens + hiddenTokens, context * share);
}
