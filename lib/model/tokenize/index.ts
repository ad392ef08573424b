import type { SiteId } from '../../shared/types';
import { countWith, warmUp, type CountOptions } from './engine';
import type { Encoding } from './format';
import { isNode, readTableNode } from './node-data';
import { cl100kPiece, o200kPiece, type PieceScanner } from './scan';
import { parseTable, type Vocab } from './vocab';

export type { Encoding } from './format';

/**
 * Where the packaged rank tables live in the extension (written by the WXT hook in
 * wxt.config.ts). Fetched, not imported: `import()` is disallowed in MV3 service workers,
 * and a static import would put 1.6 MB of ranks in the background bundle's parse time.
 */
export const TABLE_PATH: Readonly<Record<Encoding, string>> = {
  o200k_base: '/tokenizer/o200k_base.bin',
  cl100k_base: '/tokenizer/cl100k_base.bin',
};

/** Reads the compact table for `encoding`: from the extension package, or under Node from its cache. */
async function readTable(encoding: Encoding): Promise<Uint8Array> {
  if (isNode()) return readTableNode(encoding);
  // The extension's own runtime (Chromium exposes `chrome`, Firefox `browser`); a pure
  // module otherwise, so no `wxt/browser` import here.
  const g = globalThis as {
    browser?: { runtime?: { getURL?(p: string): string } };
    chrome?: { runtime?: { getURL?(p: string): string } };
  };
  const runtime = g.browser?.runtime?.getURL ? g.browser.runtime : g.chrome?.runtime;
  if (!runtime?.getURL) throw new Error('tokenize: no extension runtime to load ranks from');
  const response = await fetch(runtime.getURL(TABLE_PATH[encoding]));
  if (!response.ok) throw new Error(`tokenize: ${TABLE_PATH[encoding]}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// One encoding resident at a time (~5 MB each: token bytes, hash slots, the 1.1 MB
// class table): the product counts o200k only; cl100k is for checks and comparisons.
let resident: { encoding: Encoding; vocab: Promise<Vocab> } | null = null;

/** The parsed table for `encoding`, loading it on first use (and dropping the other). */
export function loadVocab(encoding: Encoding): Promise<Vocab> {
  if (resident?.encoding !== encoding) {
    const vocab = readTable(encoding).then(async (bytes) => {
      const v = parseTable(bytes, encoding);
      await warmUp(v, scannerFor(encoding));
      return v;
    });
    resident = { encoding, vocab };
    // A failed load (e.g. a worker torn down mid-fetch) must not poison later calls.
    vocab.catch(() => {
      if (resident?.vocab === vocab) resident = null;
    });
  }
  return resident!.vocab;
}

const scannerFor = (encoding: Encoding): PieceScanner =>
  encoding === 'o200k_base' ? o200kPiece : cl100kPiece;

/** Exact tiktoken token count of `text` in `encoding` (js-tiktoken's ranks and pattern). */
export async function countTokens(
  text: string,
  encoding: Encoding,
  options?: CountOptions,
): Promise<number> {
  const vocab = await loadVocab(encoding);
  return countWith(vocab, scannerFor(encoding), text, options);
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
 * - ChatGPT: GPT-4o and later use o200k_base, published by OpenAI in tiktoken: exact.
 * - Claude: tokenizer unpublished; the only exact count is the API's `count_tokens`, which we
 *   cannot call. The one side-by-side found (VentureBeat, May 2025, "Hidden costs in AI
 *   deployment": Claude 3.5 Sonnet +16–30 % over GPT-4o, one author, not reproduced) is no
 *   trustworthy factor: factor 1, approximate.
 * - Le Chat: Mistral's "Tekken" (~131k vocabulary) is compared by Mistral (NeMo announcement,
 *   July 2024) with Llama 3 / SentencePiece only, not o200k: factor 1, approximate.
 * - Gemini: a SentencePiece tokenizer (Gemma's 256k vocabulary is the published relative);
 *   Google's only exact count is the API's `countTokens`, which we cannot call: factor 1,
 *   approximate.
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
  gemini: {
    factor: 1,
    approximate: true,
    source:
      'o200k_base count, no correction: Google (SentencePiece) publishes no ratio against o200k',
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
