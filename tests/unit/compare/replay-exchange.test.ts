import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS as A, MODELS, estimate } from '../../../lib/model/carbon';
import {
  FILE_TOKENS,
  SEARCH_TOKENS,
  hiddenReasoningTokens,
} from '../../../lib/model/carbon/exchange';
import { apiCost, priceOf } from '../../../lib/model/carbon/prices';
import type { Assumptions, UsageAggregate } from '../../../lib/model/carbon/types';
import { comparisonCsv, COMPARE_CSV_COLUMNS } from '../../../lib/model/compare/csv';
import { periodOf } from '../../../lib/model/compare/period';
import {
  bucketsFromDaily,
  compareModels,
  siteOf,
  type Bucket,
  type Comparison,
} from '../../../lib/model/compare/replay';
import { daily, NOW } from '../daily-rows';

// Issue #19 point 1: the replay carries the whole exchange (issue #14's sums), not only the
// prompts and replies.

const row = (c: Comparison, id: string) => c.models.find((r) => r.key === id)!;
const close = (x: number, y: number) => expect(x).toBeCloseTo(y, 9);
const rel = (x: number, y: number) =>
  expect(Math.abs(x - y) / Math.max(1e-300, Math.abs(y))).toBeLessThan(1e-12);

/** `n` replies of `reply` tokens to prompts of `prompt` tokens: the four basic sums. */
const replies = (n: number, prompt: number, reply: number): UsageAggregate => ({
  count: n,
  inputTokens: n * prompt,
  inputTokensSq: n * prompt * prompt,
  outputTokens: n * reply,
});

/** 300 GPT-4o replies of a month, each re-reading 2,000 tokens of conversation. */
const CONTEXT: UsageAggregate = {
  ...replies(300, 60, 600),
  contextTokens: 300 * 2000,
  contextRows: 300,
  fullInputSq: 300 * 2060 * 2060,
};
const contextBucket: Bucket = { site: 'chatgpt', model: 'gpt-4o', usage: CONTEXT };

/** GPT-5 Thinking: 40 replies, 25 s of hidden reasoning each, 200 reasoning tokens shown. */
const THINKING: UsageAggregate = {
  ...replies(40, 100, 900),
  thinkMs: 40 * 25_000,
  thinkRows: 40,
  thinkVisible: 200,
};
const thinkingBucket: Bucket = { site: 'chatgpt', model: 'gpt-5-thinking', usage: THINKING };

const tps = (id: string) => MODELS[id]!.deployment!.tps;

describe('the replay carries the re-read context', () => {
  const c = compareModels([contextBucket], A);

  it.each(['gpt-4o-mini', 'claude-sonnet-4-5'])(
    '%s gets the same context tokens, priced at its own coefficients',
    (id) => {
      const r = row(c, id);
      const direct = estimate(CONTEXT, id, siteOf(MODELS[id]!.provider), A);
      expect(r.estimate.parts!.context.gco2e.central).toBeGreaterThan(0);
      rel(r.estimate.parts!.context.gco2e.central, direct.parts!.context.gco2e.central);
      rel(r.estimate.gco2e.max, direct.gco2e.max);
    },
  );

  it('two models price the same context differently (their own sizes and data centres)', () => {
    const mini = row(c, 'gpt-4o-mini').estimate.parts!.context.gco2e.central;
    const sonnet = row(c, 'claude-sonnet-4-5').estimate.parts!.context.gco2e.central;
    expect(sonnet).toBeGreaterThan(2 * mini);
  });

  it('the mix keeps its own bucket’s context', () => {
    const direct = estimate(CONTEXT, 'gpt-4o', 'chatgpt', A);
    rel(c.mix.estimate.parts!.context.gco2e.central, direct.parts!.context.gco2e.central);
    rel(c.mix.estimate.gco2e.central, direct.gco2e.central);
  });
});

describe('hidden reasoning is replayed as tokens', () => {
  const c = compareModels([thinkingBucket], A);
  // Independently: the recorded model's tokens, duration × its catalogue speed − shown.
  const recorded = hiddenReasoningTokens(THINKING.thinkMs!, tps('gpt-5-thinking'), 200);

  it.each(['o3', 'magistral-small', 'gemini-3-pro'])(
    'a reasoning model (%s) gets the same hidden token count as GPT-5 Thinking',
    (id) => {
      expect(MODELS[id]!.reasoning).toBe(true);
      const h = row(c, id).estimate.hiddenReasoningTokens!;
      // 1,000 s at 44.9 tok/s less the 200 shown.
      expect(recorded.central).toBeCloseTo(44_700, 6);
      rel(h.central, recorded.central);
      rel(h.min, recorded.min);
      rel(h.max, recorded.max);
      expect(row(c, id).estimate.parts!.reasoning.gco2e.central).toBeGreaterThan(0);
    },
  );

  it('the speeds differ, so a replayed duration would not give the same tokens', () => {
    // Guards the test above: o3 at 126.7 tok/s, GPT-5 Thinking at 44.9.
    const sameMs = hiddenReasoningTokens(THINKING.thinkMs!, tps('o3'), 200);
    expect(sameMs.central).toBeGreaterThan(2 * recorded.central);
  });

  it.each(['gpt-4o', 'gpt-5', 'claude-sonnet-4-5', 'mistral-small'])(
    'a model that does not reason (%s) gets none',
    (id) => {
      const e = row(c, id).estimate;
      expect(e.hiddenReasoningTokens!.max).toBe(0);
      expect(e.parts!.reasoning.gco2e.max).toBe(0);
      // …and the rest is the recorded usage without its reasoning.
      const rest = { ...THINKING, thinkMs: 0, thinkVisible: 0 };
      rel(e.gco2e.central, estimate(rest, id, siteOf(MODELS[id]!.provider), A).gco2e.central);
    },
  );

  it('the mix prices the reasoning on the model that did it', () => {
    const direct = estimate(THINKING, 'gpt-5-thinking', 'chatgpt', A);
    rel(c.mix.estimate.hiddenReasoningTokens!.central, recorded.central);
    rel(c.mix.estimate.gco2e.central, direct.gco2e.central);
  });

  it('buckets on two models add their tokens, each at its own model’s speed', () => {
    const o4: Bucket = {
      site: 'chatgpt',
      model: 'o4-mini',
      usage: { ...replies(10, 50, 400), thinkMs: 60_000, thinkRows: 10 },
    };
    const two = compareModels([thinkingBucket, o4], A);
    const want = recorded.central + hiddenReasoningTokens(60_000, tps('o4-mini')).central;
    rel(row(two, 'gemini-3-pro').estimate.hiddenReasoningTokens!.central, want);
  });
});

describe('measured stream time stays with the model that streamed it', () => {
  // 300 replies of 600 tokens streamed in 20 s each (GPT-4o's catalogue: 15.9 s): plausible.
  const streamed: UsageAggregate = { ...CONTEXT, streamMs: 300 * 20_000, streamRows: 300 };
  const plain = compareModels([contextBucket], A);
  const timed = compareModels([{ ...contextBucket, usage: streamed }], A);

  it('changes the mix row (so the timing is used at all)', () => {
    // Longer than the catalogue's generation time: more server time, more embodied carbon.
    expect(timed.mix.estimate.gco2e.central).toBeGreaterThan(plain.mix.estimate.gco2e.central);
  });

  it('does not change any model row', () => {
    for (const r of timed.models) {
      const p = row(plain, r.key);
      expect(r.estimate.gco2e, r.key).toEqual(p.estimate.gco2e);
      expect(r.estimate.energyWh, r.key).toEqual(p.estimate.energyWh);
      expect(r.costUsd, r.key).toBe(p.costUsd);
    }
  });
});

describe('API-equivalent cost of the whole exchange', () => {
  it('the re-read context at the cached share (central 50 %) and its cached price', () => {
    const c = compareModels([contextBucket], A);
    // GPT-4o: $2.50 in, $1.25 cached, $10 out per million.
    const ctx = 300 * 2000;
    const want = ((300 * 60 + ctx * 0.5) * 2.5 + ctx * 0.5 * 1.25 + 300 * 600 * 10) / 1e6;
    close(row(c, 'gpt-4o').costUsd!, want);
    close(c.mix.costUsd!, want);
    // Without a cached price (Mistral Large), all context at the full input price.
    expect(priceOf('mistral-large')!.cachedInputPerM).toBeNull();
    close(row(c, 'mistral-large').costUsd!, ((300 * 60 + ctx) * 2 + 300 * 600 * 6) / 1e6);
    // More than the prompts and replies alone.
    expect(row(c, 'gpt-4o').costUsd!).toBeGreaterThan(apiCost('gpt-4o', 300 * 60, 300 * 600)!);
  });

  it('follows the user’s cache setting (its central value)', () => {
    const a: Assumptions = { ...A, cachedShare: { min: 0.8, central: 0.9, max: 1 } };
    const c = compareModels([contextBucket], a);
    const ctx = 300 * 2000;
    close(
      row(c, 'gpt-4o').costUsd!,
      ((300 * 60 + ctx * 0.1) * 2.5 + ctx * 0.9 * 1.25 + 300 * 600 * 10) / 1e6,
    );
  });

  it('hidden reasoning billed as output on a reasoning model, not on another', () => {
    const c = compareModels([thinkingBucket], A);
    const hidden = hiddenReasoningTokens(THINKING.thinkMs!, tps('gpt-5-thinking'), 200).central;
    // o3: $2 in, $8 out.
    close(row(c, 'o3').costUsd!, (40 * 100 * 2 + (40 * 900 + hidden) * 8) / 1e6);
    close(row(c, 'gpt-4o').costUsd!, apiCost('gpt-4o', 40 * 100, 40 * 900)!);
    close(c.mix.costUsd!, apiCost('gpt-5-thinking', 40 * 100, 40 * 900 + hidden)!);
  });

  it('files known by kind and searches at the estimate’s central token figures', () => {
    const u: UsageAggregate = {
      count: 2,
      inputTokens: 100,
      inputTokensSq: 5000,
      outputTokens: 800,
      fileTokens: 1500,
      filesGuessed: 1,
      searches: 2,
    };
    const c = compareModels([{ site: 'chatgpt', model: 'gpt-4o', usage: u }], A);
    const input = 100 + 1500 + FILE_TOKENS.band.central + 2 * SEARCH_TOKENS.band.central;
    close(row(c, 'gpt-4o-mini').costUsd!, apiCost('gpt-4o-mini', input, 800)!);
  });

  it('a model without a public price still costs null', () => {
    const c = compareModels([contextBucket, thinkingBucket], A);
    expect(row(c, 'gpt-5-3').costUsd).toBeNull();
    expect(row(c, 'gpt-5-3').unpricedShare).toBe(1);
  });
});

describe('history without the issue #14 sums', () => {
  it('gives exactly the figures of the basic replay (estimate and cost of the four sums)', () => {
    const rows = [
      daily(0),
      daily(1),
      daily(2, { model: 'gpt-5-thinking' }),
      daily(3, { site: 'claude', model: 'claude-opus-4-1' }),
    ];
    const p = periodOf({ kind: 'last30' }, NOW);
    const buckets = bucketsFromDaily(rows, p.fromDay, p.toDay);
    const c = compareModels(buckets, A);
    const basic = { count: 8, inputTokens: 1200, inputTokensSq: 200_000, outputTokens: 3600 };
    for (const id of Object.keys(MODELS)) {
      const r = row(c, id);
      const want = estimate(basic, id, siteOf(MODELS[id]!.provider), A);
      expect(r.estimate, id).toEqual(want);
      expect(r.costUsd, id).toBe(apiCost(id, basic.inputTokens, basic.outputTokens));
    }
    const four = ({ count, inputTokens, inputTokensSq, outputTokens }: UsageAggregate) => ({
      count,
      inputTokens,
      inputTokensSq,
      outputTokens,
    });
    const mix = buckets.reduce(
      (g, b) => g + estimate(four(b.usage), b.model, b.site, A).gco2e.central,
      0,
    );
    close(c.mix.estimate.gco2e.central, mix);
  });
});

describe('rollups → buckets with the whole exchange', () => {
  it('sums every field; a row with a corrupt exchange sum is left out', () => {
    const p = periodOf({ kind: 'last30' }, NOW);
    const rows = [
      daily(0, { contextTokens: 4000, contextRows: 2, fullInputSq: 9e6, thinkMs: 0, thinkRows: 2 }),
      // An older row: its full input square is its prompts'.
      daily(1),
      daily(2, {
        streamMs: 30_000,
        streamRows: 1,
        images: 1,
        fileTokens: 50,
        filesGuessed: 2,
        searches: 3,
        thinkVisible: 7,
      }),
      daily(3, { contextTokens: -5 }),
      daily(4, { searches: Number.NaN }),
    ];
    const [b] = bucketsFromDaily(rows, p.fromDay, p.toDay);
    expect(b!.usage).toEqual({
      count: 6,
      inputTokens: 900,
      inputTokensSq: 150_000,
      outputTokens: 2700,
      contextTokens: 4000,
      contextRows: 2,
      fullInputSq: 9e6 + 100_000,
      thinkMs: 0,
      thinkRows: 2,
      thinkVisible: 7,
      streamMs: 30_000,
      streamRows: 1,
      images: 1,
      fileTokens: 50,
      filesGuessed: 2,
      searches: 3,
    });
  });
});

describe('CSV', () => {
  it('gives the recorded context and each row’s own hidden reasoning tokens', () => {
    const c = compareModels([contextBucket, thinkingBucket], A);
    const lines = comparisonCsv(c).trimEnd().split('\r\n');
    const col = (l: string, name: (typeof COMPARE_CSV_COLUMNS)[number]) =>
      Number(l.split(',')[COMPARE_CSV_COLUMNS.indexOf(name)]);
    const line = (id: string) => lines.find((l) => l.startsWith(`model,${id},`))!;
    expect(col(line('gpt-4o'), 'contextTokens')).toBe(600_000);
    expect(col(line('gpt-4o'), 'hiddenReasoningTokens')).toBe(0);
    close(
      col(line('o3'), 'hiddenReasoningTokens'),
      row(c, 'o3').estimate.hiddenReasoningTokens!.central,
    );
    expect(col(line('o3'), 'hiddenReasoningTokens')).toBeGreaterThan(0);
    close(col(lines[1]!, 'hiddenReasoningTokens'), c.mix.estimate.hiddenReasoningTokens!.central);
  });
});
