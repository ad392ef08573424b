import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import {
  countSiteTokens,
  countTokens,
  loadVocab,
  SITE_TOKENIZERS,
} from '../../../lib/model/tokenize';
import type { Encoding } from '../../../lib/model/tokenize';
import { buildTable } from '../../../lib/model/tokenize/build-table';
import { parseTable } from '../../../lib/model/tokenize/vocab';
import { CODE, corpus, PROSE, prng } from './corpus';

// The reference: js-tiktoken itself, called the way the walking skeleton called it
// (no special tokens: "<|endoftext|>" in a chat message is ordinary text).
const reference: Record<Encoding, Tiktoken> = {
  o200k_base: new Tiktoken(o200k),
  cl100k_base: new Tiktoken(cl100k),
};
const refCount = (text: string, encoding: Encoding) =>
  reference[encoding].encode(text, [], []).length;

const CORPUS = corpus();

/** Strings whose count differs from js-tiktoken's (empty when exact). */
async function mismatches(
  texts: string[],
  encoding: Encoding,
  options?: Parameters<typeof countTokens>[2],
): Promise<{ text: string; ours: number; theirs: number }[]> {
  const bad = [];
  for (const text of texts) {
    const ours = await countTokens(text, encoding, options);
    const theirs = refCount(text, encoding);
    if (ours !== theirs) bad.push({ text, ours, theirs });
  }
  return bad.slice(0, 10);
}

describe('countTokens equals js-tiktoken', () => {
  it('has a corpus of at least 1,000 distinct strings', () => {
    expect(new Set(CORPUS).size).toBeGreaterThanOrEqual(1000);
  });

  it.each(['o200k_base', 'cl100k_base'] as const)(
    'on every corpus string (%s)',
    async (encoding) => {
      expect(await mismatches(CORPUS, encoding)).toEqual([]);
    },
    60_000,
  );

  it.each(['o200k_base', 'cl100k_base'] as const)(
    'with the heap merge used for every piece (%s)',
    async (encoding) => {
      expect(await mismatches(CORPUS, encoding, { smallPieceBytes: 0 })).toEqual([]);
    },
    60_000,
  );

  it('on medium repeated runs, where the merge order matters most', async () => {
    // 2–3k characters: js-tiktoken's quadratic merge still finishes in about a second.
    const runs = [
      'a'.repeat(3000),
      ' '.repeat(2000) + 'x',
      '.'.repeat(2000),
      'é'.repeat(1000),
      '日'.repeat(700),
      '😀'.repeat(500),
      'ab'.repeat(1000),
      '\n'.repeat(2000),
    ];
    expect(await mismatches(runs, 'o200k_base')).toEqual([]);
    expect(await mismatches(runs.slice(0, 3), 'cl100k_base')).toEqual([]);
  }, 120_000);

  it('on a 1.5 MB text cut into many slices by forced yields', async () => {
    const r = prng(7);
    const parts: string[] = [];
    let size = 0;
    while (size < 1_500_000) {
      const s =
        r() < 0.5 ? CORPUS[Math.floor(r() * CORPUS.length)]! : CODE[Math.floor(r() * CODE.length)]!;
      parts.push(s);
      size += s.length;
    }
    const text = parts.join(' ') + Object.values(PROSE).join('\n');
    let yields = 0;
    const ours = await countTokens(text, 'o200k_base', {
      sliceMs: 0,
      yieldNow: async () => {
        yields++;
      },
    });
    expect(yields).toBeGreaterThan(100);
    expect(ours).toBe(refCount(text, 'o200k_base'));
  }, 60_000);

  it('gives the same count for one huge piece whether or not its merge yields', async () => {
    // 300k of one letter is one piece: too slow for js-tiktoken (quadratic), so the
    // reference here is our own uninterrupted merge, itself checked on 3k runs above.
    const text = 'ab'.repeat(150_000);
    let yields = 0;
    const sliced = await countTokens(text, 'o200k_base', {
      sliceMs: 0,
      yieldNow: async () => {
        yields++;
      },
    });
    const whole = await countTokens(text, 'o200k_base', { sliceMs: 1e9 });
    expect(yields).toBeGreaterThan(10);
    expect(sliced).toBe(whole);
    // Sanity: BPE over a periodic string gives a near-constant tokens-per-byte ratio.
    expect(whole).toBeGreaterThan(text.length / 128);
    expect(whole).toBeLessThan(text.length / 2);
  }, 60_000);

  it('keeps one encoding resident', async () => {
    // Identity compared as booleans: vitest's toBe would diff two 5 MB objects on failure.
    const a = await loadVocab('o200k_base');
    expect((await loadVocab('o200k_base')) === a).toBe(true);
    await loadVocab('cl100k_base');
    expect((await loadVocab('o200k_base')) === a).toBe(false);
  });
});

describe('countSiteTokens', () => {
  const text = "Can I sort the evens in descending order? Here's my list: [5, 2, 8, 1].";
  it('is exact o200k for ChatGPT', async () => {
    expect(await countSiteTokens(text, 'chatgpt')).toEqual({
      tokens: refCount(text, 'o200k_base'),
      approximate: false,
    });
  });
  it.each(['claude', 'lechat'] as const)(
    'is o200k × the documented factor for %s',
    async (site) => {
      const { factor, source } = SITE_TOKENIZERS[site];
      expect(source.length).toBeGreaterThan(20);
      expect(await countSiteTokens(text, site)).toEqual({
        tokens: Math.round(refCount(text, 'o200k_base') * factor),
        approximate: true,
      });
    },
  );
});

describe('rank table', () => {
  it('refuses to build when js-tiktoken ships a different pattern', () => {
    const fake = 'export default {"pat_str":"\\\\s+","special_tokens":{},"bpe_ranks":"! 0 IQ=="}';
    expect(() => buildTable('o200k_base', fake)).toThrow(/pattern changed/);
  });
  it('refuses a table of the other encoding', async () => {
    const cl = await loadVocab('cl100k_base');
    expect(cl.size).toBe(100256);
    const bytes = buildTable(
      'cl100k_base',
      `export default ${JSON.stringify({ pat_str: cl100k.pat_str, bpe_ranks: '! 0 IQ== Ig==' })}`,
    );
    expect(() => parseTable(bytes, 'o200k_base')).toThrow(/wrong format or encoding/);
    expect(parseTable(bytes, 'cl100k_base').size).toBe(2);
  });
});
