import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { countTokens } from '../../../lib/model/tokenize';
import type { Encoding } from '../../../lib/model/tokenize';
import { KeyQueue } from '../../../lib/model/tokenize/engine';
import { loadVocab } from '../../../lib/model/tokenize';
import { notShortToken } from '../../../lib/model/tokenize/vocab';
import { prng } from './corpus';

const reference: Record<Encoding, Tiktoken> = {
  o200k_base: new Tiktoken(o200k),
  cl100k_base: new Tiktoken(cl100k),
};

describe('KeyQueue (the long-piece merge queue)', () => {
  /** Pushes and pops as given, checking every pop against a sorted reference. */
  function replay(ops: (number | 'pop')[], capacity: number): number[] {
    const q = new KeyQueue(capacity, ops.length + 16);
    const ref: number[] = [];
    const popped: number[] = [];
    for (const op of ops) {
      if (op === 'pop') {
        if (ref.length === 0) continue;
        ref.sort((a, b) => a - b);
        const want = ref.shift()!;
        const got = q.pop();
        expect(got).toBe(want);
        popped.push(got);
      } else {
        q.push(op);
        ref.push(op);
      }
      expect(q.size).toBe(ref.length);
    }
    while (!q.empty) {
      ref.sort((a, b) => a - b);
      expect(q.pop()).toBe(ref.shift());
    }
    expect(ref).toEqual([]);
    return popped;
  }

  it('pops in ascending order whatever the push order (many runs, pool and run growth)', () => {
    const r = prng(11);
    const seen = new Set<number>();
    const ops: (number | 'pop')[] = [];
    for (let i = 0; i < 5000; i++) {
      if (r() < 0.35) ops.push('pop');
      else {
        // Distinct keys shaped like the merge's (rank * 2^32 + position).
        let key: number;
        do key = Math.floor(r() * 300) * 2 ** 32 + Math.floor(r() * 4000);
        while (seen.has(key));
        seen.add(key);
        ops.push(key);
      }
    }
    replay(ops, 4); // a tiny pool: it must grow, and freed nodes be reused
  });

  it('keeps ascending and descending pushes in order, interleaved with pops', () => {
    const ops: (number | 'pop')[] = [];
    for (let i = 0; i < 300; i++) ops.push(i * 2, 10_000 - i, 'pop');
    expect(replay(ops, 16).slice(0, 4)).toEqual([0, 2, 4, 6]);
  });
});

describe('the long-piece merge on pieces where equal ranks compete', () => {
  // One piece each (letters only, no spaces): random words over two or three letters have
  // many overlapping pairs of the same rank and merges whose new pair ranks lower than
  // the one just merged, so both the leftmost-on-ties rule and stale queue keys matter.
  const r = prng(5);
  const alphabets = ['ab', 'abc', 'aeo', 'xy', 'éa', 'ṁa', 'AaB', 'лл'];
  const texts: string[] = [];
  for (const letters of alphabets) {
    for (let k = 0; k < 6; k++) {
      const n = 120 + Math.floor(r() * 400);
      let s = '';
      for (let i = 0; i < n; i++) s += letters[Math.floor(r() * letters.length)];
      texts.push(s);
    }
  }
  texts.push('ab'.repeat(300) + 'a', 'aab'.repeat(200), 'abba'.repeat(150), 'a'.repeat(777));

  it.each(['o200k_base', 'cl100k_base'] as const)(
    'equals js-tiktoken with the heap merge forced (%s)',
    async (encoding) => {
      const bad = [];
      for (const text of texts) {
        const ours = await countTokens(text, encoding, { smallPieceBytes: 0 });
        const theirs = reference[encoding].encode(text, [], []).length;
        if (ours !== theirs) bad.push({ text, ours, theirs });
      }
      expect(bad).toEqual([]);
    },
    60_000,
  );
});

describe('the short-token filter', () => {
  it.each(['o200k_base', 'cl100k_base'] as const)(
    'never rules out a 3- or 4-byte token, and rules out most other runs (%s)',
    async (encoding) => {
      const v = await loadVocab(encoding);
      let checked = 0;
      for (let r = 0; r < v.size; r++) {
        const start = v.offsets[r]!;
        const end = v.offsets[r + 1]!;
        if (end - start !== 3 && end - start !== 4) continue;
        checked++;
        if (notShortToken(v, v.blob, start, end)) throw new Error(`token ${r} ruled out`);
      }
      expect(checked).toBeGreaterThan(10_000);
      // Random ASCII letter runs are rarely tokens; the filter must say so for most.
      const r = prng(3);
      const buf = new Uint8Array(4);
      let ruledOut = 0;
      for (let i = 0; i < 2000; i++) {
        for (let k = 0; k < 4; k++) buf[k] = 65 + Math.floor(r() * 58);
        if (notShortToken(v, buf, 0, 4)) ruledOut++;
      }
      expect(ruledOut).toBeGreaterThan(1800);
    },
  );
});
