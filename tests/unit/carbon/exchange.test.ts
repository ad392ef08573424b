import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, SOURCES, TIERS, estimate } from '../../../lib/model/carbon';
import {
  CACHED_COST,
  EXCHANGE_COEFFICIENTS,
  PART_IDS,
  SYSTEM_PROMPT,
  contextCostFactor,
  hiddenReasoningTokens,
  plausibleStreamMs,
  timingThinkMs,
  USUAL_TTFT_S,
} from '../../../lib/model/carbon/exchange';
import type { Assumptions, Band, UsageAggregate } from '../../../lib/model/carbon/types';
import { MODELS, modelSpec } from '../../../lib/model/carbon/models';
import type { SiteId } from '../../../lib/shared/types';

const A = DEFAULT_ASSUMPTIONS;
const fixed = (x: number): Band => ({ min: x, central: x, max: x });

/** A chat of `exchanges` prompts and replies, each re-reading all turns above it. */
function chat(exchanges: number, prompt: number, reply: number, firstFile = 0): UsageAggregate {
  const u = {
    count: 0,
    inputTokens: 0,
    inputTokensSq: 0,
    outputTokens: 0,
    contextTokens: 0,
    contextRows: 0,
    fullInputSq: 0,
    fileTokens: 0,
  };
  let ctx = 0;
  for (let k = 0; k < exchanges; k++) {
    const f = k === 0 ? firstFile : 0;
    u.count++;
    u.inputTokens += prompt;
    u.inputTokensSq += prompt * prompt;
    u.outputTokens += reply;
    u.contextTokens += ctx;
    u.contextRows++;
    u.fullInputSq += (prompt + ctx + f) ** 2;
    u.fileTokens += f;
    ctx += prompt + reply + f;
  }
  return u;
}

const counted = (u: UsageAggregate): UsageAggregate => ({
  count: u.count,
  inputTokens: u.inputTokens,
  inputTokensSq: u.inputTokensSq,
  outputTokens: u.outputTokens,
});

/** Assumptions with a fixed cached share and system prompt on every site. */
function at(share: number, system: number): Assumptions {
  const s = fixed(system);
  // H100-only decode: the hardware the figures were measured with (method 2026-12).
  return {
    ...A,
    hardware: 'h100',
    cachedShare: fixed(share),
    systemPromptTokens: { chatgpt: s, claude: s, lechat: s },
  };
}

const large = TIERS.large.representative;
const ratio = (u: UsageAggregate, a: Assumptions, site: SiteId = 'chatgpt') =>
  estimate(u, large, site, a).gco2e.central / estimate(counted(u), large, site, a).gco2e.central;

describe('re-read conversation (issue #14 figures, 60-token prompts, 600-token replies)', () => {
  // "12 turns" = 6 prompts and 6 replies; system prompt ~1,000 tokens.
  it.each([
    ['12 turns, no cache', 6, 0, 0, 2.1, 2.3],
    ['12 turns, 50 % cached', 6, 0.5, 0, 1.6, 1.9],
    ['12 turns, 90 % cached', 6, 0.9, 0, 1.2, 1.5],
    ['30 turns, no cache', 15, 0, 0, 3.4, 3.9],
    // The issue says 4.1×; the document is re-read by each of the 6 prompts here: 7.1×.
    ['12 turns + a 10k-token document in the first prompt, no cache', 6, 0, 10_000, 6.5, 7.5],
  ])('%s: times what the prompts and replies alone give', (_, n, share, file, lo, hi) => {
    const r = ratio(chat(n, 60, 600, file), at(share, 1000));
    expect(r).toBeGreaterThanOrEqual(lo);
    expect(r).toBeLessThanOrEqual(hi);
  });

  it('no context and no system prompt gives exactly today’s figure', () => {
    const u = chat(6, 60, 600);
    const none = { ...u, contextTokens: 0, fullInputSq: u.inputTokensSq };
    const e = estimate(none, large, 'chatgpt', at(0, 0));
    const b = estimate(counted(u), large, 'chatgpt', at(0, 0));
    expect(e.gco2e.central).toBeCloseTo(b.gco2e.central, 12);
    expect(e.parts!.context.gco2e.max).toBe(0);
  });

  it('rollups written before #14 (no context fields) add no context and no system prompt', () => {
    const u = counted(chat(6, 60, 600));
    const e = estimate(u, large, 'claude', A);
    expect(e.parts!.context.gco2e).toEqual({ min: 0, central: 0, max: 0 });
  });

  it('more cache, less energy; the parts sum to the totals', () => {
    const u = chat(10, 100, 500);
    const g = [0, 0.5, 0.9].map((s) => estimate(u, large, 'chatgpt', at(s, 1000)).gco2e.central);
    expect(g[0]).toBeGreaterThan(g[1]!);
    expect(g[1]).toBeGreaterThan(g[2]!);
    const e = estimate(u, large, 'chatgpt', A);
    for (const end of ['min', 'central', 'max'] as const) {
      const sum = PART_IDS.reduce((s, p) => s + e.parts![p].gco2e[end], 0);
      expect(sum).toBeCloseTo(e.gco2e[end], 9);
    }
    expect(e.parts!.context.gco2e.min).toBeLessThan(e.parts!.context.gco2e.max);
  });

  it('the system prompt is counted once per response whose context is known', () => {
    const one = {
      count: 1,
      inputTokens: 60,
      inputTokensSq: 3600,
      outputTokens: 0,
      contextTokens: 0,
      contextRows: 1,
      fullInputSq: 3600,
    };
    const big = estimate(one, large, 'claude', at(0, 24_000)).parts!.context.energyWh.central;
    const small = estimate(one, large, 'claude', at(0, 2_500)).parts!.context.energyWh.central;
    expect(big / small).toBeGreaterThan(24_000 / 2_500);
  });
});

describe('prompt caching factor', () => {
  it.each([
    // share, cost → 1 − share × (1 − cost)
    [0, 0.1, 1],
    [0.5, 0.1, 0.55],
    [0.9, 0.1, 0.19],
    [0.9, 0.5, 0.55],
    [1, 0, 0],
  ])('%f cached at %f× → %f of full prefill', (share, cost, want) => {
    expect(contextCostFactor(fixed(share), fixed(cost)).central).toBeCloseTo(want, 12);
  });

  it('default: 0–90 % cached at 0.1–0.5× → 0.19–1', () => {
    const f = contextCostFactor();
    expect(f.min).toBeCloseTo(0.19, 12);
    expect(f.max).toBe(1);
    expect(CACHED_COST.band).toEqual({ min: 0.1, central: 0.3, max: 0.5 });
  });

  it.each([
    [{ min: -0.1, central: 0, max: 0.5 }],
    [{ min: 0, central: 0.5, max: 1.2 }],
    [{ min: 0.8, central: 0.5, max: 0.2 }],
    [{ min: 0, central: Number.NaN, max: 0.5 }],
  ])('refuses a cached share of %o', (share) => {
    expect(() => contextCostFactor(share)).toThrow(RangeError);
    expect(() => estimate(chat(2, 10, 10), large, 'chatgpt', { ...A, cachedShare: share })).toThrow(
      RangeError,
    );
  });
});

describe('hidden reasoning', () => {
  const spread = { min: 60 / 100, central: 1, max: 150 / 100 };
  it.each([
    // "Thought for 30 s" at 60–150 tokens/s (issue #14): 1,800–4,500 hidden tokens.
    ['30 s at 60–150 tps', 30_000, 100, 0, 1_800, 4_500],
    ['visible summary subtracted', 30_000, 100, 300, 1_500, 4_200],
    ['summary longer than the time allows: floored', 1_000, 100, 1_000, 0, 0],
    ['no duration', 0, 100, 0, 0, 0],
    ['negative duration', -5_000, 100, 0, 0, 0],
    ['NaN duration', Number.NaN, 100, 0, 0, 0],
  ])('%s', (_, ms, tps, vis, lo, hi) => {
    const h = hiddenReasoningTokens(ms, tps, vis, spread);
    expect(h.min).toBeCloseTo(lo, 9);
    expect(h.max).toBeCloseTo(hi, 9);
  });

  it.each([
    // model, site, catalogue tps → 30 s × tps × [0.67, 1.5]
    ['o3', 'chatgpt', 126.7],
    ['gpt-5-thinking', 'chatgpt', 44.9],
    ['o4-mini', 'chatgpt', 91.8],
    ['magistral-medium', 'lechat', 51.9],
  ] as const)('%s: 30 s of thinking at its catalogue speed', (model, site, tps) => {
    const u = { count: 1, inputTokens: 60, inputTokensSq: 3600, outputTokens: 400 };
    const e = estimate({ ...u, thinkMs: 30_000, thinkRows: 1, thinkVisible: 0 }, model, site, A);
    expect(e.hiddenReasoningTokens!.central).toBeCloseTo(30 * tps, 6);
    expect(e.hiddenReasoningTokens!.min).toBeCloseTo((30 * tps) / 1.5, 6);
    expect(e.hiddenReasoningTokens!.max).toBeCloseTo(30 * tps * 1.5, 6);
    // Kept apart: the reply's part is what the 400 counted tokens give.
    const plain = estimate(u, model, site, A);
    expect(e.parts!.replies.gco2e.central).toBeCloseTo(plain.parts!.replies.gco2e.central, 12);
    const times = e.gco2e.central / plain.gco2e.central;
    expect(times).toBeGreaterThan(3);
    expect(times).toBeLessThan(15);
  });
});

describe('images, files, search', () => {
  const base = { count: 1, inputTokens: 60, inputTokensSq: 3600, outputTokens: 300 };
  it.each([
    ['one image', { images: 1 }, 1, 11.5 * 1.2],
    ['one file known by kind', { filesGuessed: 1 }, 0, Infinity],
    ['two searches', { searches: 2 }, 0, Infinity],
  ])('%s has its own part', (_, extra, minWh, maxWh) => {
    const e = estimate({ ...base, ...extra }, 'gpt-5', 'chatgpt', A);
    const x = e.parts!.extras.energyWh;
    expect(x.min).toBeGreaterThan(0);
    expect(x.min).toBeGreaterThanOrEqual(minWh);
    expect(x.max).toBeLessThanOrEqual(maxWh);
    expect(x.min).toBeLessThan(x.max);
    expect(estimate(base, 'gpt-5', 'chatgpt', A).parts!.extras.energyWh.max).toBe(0);
  });
});

describe('stream timing plausibility', () => {
  it.each([
    [10_000, 500, 50, true],
    [2_000, 500, 50, false], // 4× faster than the catalogue allows
    [60_000, 500, 50, false], // a stalled or background tab
    [0, 500, 50, false],
    [10_000, 0, 50, false],
  ])('%i ms for %i tokens at %i tps → %s', (ms, out, tps, ok) => {
    expect(plausibleStreamMs(ms, out, tps)).toBe(ok);
  });
});

describe('sources', () => {
  it('every new coefficient names known sources and a confidence', () => {
    const ids = new Set(SOURCES.map((s) => s.id));
    for (const [k, c] of Object.entries(EXCHANGE_COEFFICIENTS)) {
      expect(c.sourceIds.length, k).toBeGreaterThan(0);
      for (const id of c.sourceIds) expect(ids.has(id), `${k}: ${id}`).toBe(true);
      expect(['low', 'medium', 'high']).toContain(c.confidence);
      expect(c.band.min).toBeLessThanOrEqual(c.band.central);
      expect(c.band.central).toBeLessThanOrEqual(c.band.max);
    }
    for (const s of ['chatgpt', 'claude', 'lechat'] as const)
      expect(SYSTEM_PROMPT[s].note).toBeTruthy();
  });
});

describe('hidden reasoning from the stream timing (no duration shown)', () => {
  // Time to the first visible token minus the model's usual one: its catalogue figure when
  // that is a plain serving time, else the catalogue's median (its own includes reasoning).
  it.each([
    // A GPT-5 Thinking reply whose first word came 31.2 s after the send ("Thought for 30 s"
    // in the issue): its 9.8 s catalogue figure is the API's reasoning, so 1.27 s is taken.
    ['gpt-5-thinking', 31_200, 29_930],
    ['o3', 12_000, 10_730],
    // Plain serving times of their own: Magistral 0.75 s, Gemini 3 Flash Thinking 1.47 s.
    ['magistral-medium', 4_750, 4_000],
    ['gemini-3-flash-thinking', 9_470, 8_000],
    // Faster than usual: no sign of hidden reasoning, none invented.
    ['gemini-3-flash-thinking', 1_000, 0],
    ['gpt-5-5-thinking', 0, 0],
  ])('%s, first token after %i ms → %i ms of reasoning', (id, ttft, want) => {
    expect(timingThinkMs(ttft, modelSpec(id))).toBe(want);
  });

  it.each([
    ['a model that does not reason', 'gpt-4o', 5_000],
    ['no timing measured', 'gpt-5-thinking', undefined],
    ['a negative timing', 'o3', -10],
    ['an unknown model', 'unknown', 30_000],
  ])('%s: none', (_why, id, ttft) => {
    expect(timingThinkMs(ttft, modelSpec(id))).toBeNull();
  });

  it('a thinking mode catalogued under its base model is timed when the caller says it reasons', () => {
    // GPT-5.2 Thinking resolves to GPT-5.2 (1.54 s, a plain serving time).
    expect(timingThinkMs(20_000, modelSpec('gpt-5-2'), true)).toBe(18_460);
    expect(timingThinkMs(20_000, undefined, true)).toBe(18_730);
  });

  it("the usual time to first token is the catalogue's non-reasoning serving times", () => {
    const plain = Object.values(MODELS)
      .filter((m) => !m.reasoning && m.deployment && m.deployment.ttftS <= USUAL_TTFT_S.band.max)
      .map((m) => m.deployment!.ttftS)
      .sort((a, b) => a - b);
    expect(plain[0]).toBe(USUAL_TTFT_S.band.min);
    expect(plain.at(-1)).toBe(USUAL_TTFT_S.band.max);
    expect(plain[(plain.length - 1) / 2]).toBe(USUAL_TTFT_S.band.central);
    // What it leaves out: API reasoning models filed as non-reasoning, well above the rest.
    const left = Object.values(MODELS).filter(
      (m) => !m.reasoning && m.deployment && m.deployment.ttftS > USUAL_TTFT_S.band.max,
    );
    expect(left.every((m) => m.deployment!.ttftS > 4)).toBe(true);
  });
});
