import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import type { SiteId } from '../types';

/** The two tiktoken encodings Tokenprint counts with. */
export type Encoding = 'o200k_base' | 'cl100k_base';

// Walking-skeleton version: js-tiktoken's own encoder. Static imports, because
// `import()` is disallowed in service workers (the MV3 background). The encoder itself
// is built lazily, on first use. (Issue #4 replaces the engine and the rank loading.)
const encoders = new Map<Encoding, Tiktoken>();

/** Exact tiktoken token count of `text` in `encoding`. */
export async function countTokens(text: string, encoding: Encoding): Promise<number> {
  let enc = encoders.get(encoding);
  if (!enc) {
    enc = new Tiktoken(encoding === 'o200k_base' ? o200k : cl100k);
    encoders.set(encoding, enc);
  }
  return enc.encode(text, [], []).length;
}

/** How a site's token count is derived from an o200k count. */
export interface SiteTokenizer {
  /** Multiplier applied to the o200k count. */
  factor: number;
  /** True when the site's own tokenizer is not o200k, so the count is an estimate. */
  approximate: boolean;
  /** Where the factor comes from (shown in docs/UI so the estimate can be judged). */
  source: string;
}

/**
 * Per-site tokenizer mapping (researched 2026-11-23).
 *
 * - ChatGPT: GPT-4o and later models use o200k_base, published by OpenAI in tiktoken: exact.
 * - Claude: Anthropic does not publish its tokenizer; the only exact count is the API's
 *   `messages/count_tokens` endpoint, which we cannot call (no network from the extension).
 *   The one published side-by-side we found (VentureBeat, May 2025, "Hidden costs in AI
 *   deployment") measured Claude 3.5 Sonnet at +16 % (English), +21 % (maths) and +30 %
 *   (Python) over GPT-4o on a handful of prompts: one author, an older model, not
 *   reproduced, and the spread depends on the content. That is not a trustworthy factor,
 *   so we apply none (1) and flag the count as approximate.
 * - Le Chat (Mistral): current Mistral models use "Tekken" (tiktoken-style BPE, ~131k
 *   vocabulary). Mistral's own comparison (Mistral NeMo announcement, July 2024) is against
 *   the Llama 3 / SentencePiece tokenizers, not against o200k, so it yields no factor.
 *   Factor 1, approximate.
 */
export const SITE_TOKENIZERS: Readonly<Record<SiteId, SiteTokenizer>> = {
  chatgpt: { factor: 1, approximate: false, source: 'o200k_base (tiktoken), exact' },
  claude: {
    factor: 1,
    approximate: true,
    source: 'o200k_base count, no correction: Anthropic publishes no tokenizer or o200k ratio',
  },
  lechat: {
    factor: 1,
    approximate: true,
    source: 'o200k_base count, no correction: Mistral (Tekken) publishes no ratio against o200k',
  },
};

/**
 * Token count of `text` as the site's model would see it: exact o200k for ChatGPT,
 * o200k times the site's documented factor (see SITE_TOKENIZERS) for the others.
 */
export async function countSiteTokens(
  text: string,
  site: SiteId,
): Promise<{ tokens: number; approximate: boolean }> {
  const { factor, approximate } = SITE_TOKENIZERS[site];
  const o200kCount = await countTokens(text, 'o200k_base');
  return { tokens: factor === 1 ? o200kCount : Math.round(o200kCount * factor), approximate };
}
