import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS as A, MODELS, estimate } from '../../../lib/model/carbon';
import { hiddenReasoningTokens } from '../../../lib/model/carbon/exchange';
import { apiCost } from '../../../lib/model/carbon/prices';
import {
  mostUsedReasoning,
  nonReasoningSibling,
  reasoningModels,
  reasoningOnlyWhereUsed,
  shortRepliesToSmall,
  smallModelFor,
  type Reply,
} from '../../../lib/model/compare/routing';
import type { SiteId } from '../../../lib/shared/types';

const reply = (site: SiteId, model: string, inputTokens: number, outputTokens: number): Reply => ({
  site,
  model,
  inputTokens,
  outputTokens,
});
const one = (r: Reply) => ({
  count: 1,
  inputTokens: r.inputTokens,
  inputTokensSq: r.inputTokens ** 2,
  outputTokens: r.outputTokens,
});
const g = (r: Reply, model = r.model, site = r.site) =>
  estimate(one(r), model, site, A).gco2e.central;

describe('small model per provider and reasoning siblings', () => {
  it.each([
    ['chatgpt', 'gpt-4o-mini'],
    ['claude', 'claude-haiku-4-5'],
    ['lechat', 'mistral-small'],
  ] as const)('%s → %s', (site, id) => {
    expect(smallModelFor(site)).toBe(id);
  });

  it('every reasoning model has a non-reasoning sibling of the same provider', () => {
    expect(reasoningModels().length).toBeGreaterThan(5);
    for (const id of reasoningModels()) {
      const s = MODELS[nonReasoningSibling(id)]!;
      expect(s.reasoning, id).toBe(false);
      expect(s.provider, id).toBe(MODELS[id]!.provider);
    }
  });
});

describe('short replies to the small tier', () => {
  const replies = [
    reply('chatgpt', 'gpt-4o', 100, 80),
    reply('chatgpt', 'gpt-4o', 200, 900),
    reply('claude', 'claude-opus-4-1', 50, 120),
    reply('chatgpt', 'gpt-4o-mini', 40, 60),
    reply('lechat', 'unknown', 30, 150),
  ];

  it('moves replies under N tokens above the small tier to their provider’s small model', () => {
    const w = shortRepliesToSmall(replies, A, 200);
    expect(w.moved).toBe(3);
    expect(w.replies).toBe(5);
    const baseline = replies.reduce((s, r) => s + g(r), 0);
    const alternative =
      g(replies[0]!, 'gpt-4o-mini') +
      g(replies[1]!) +
      g(replies[2]!, 'claude-haiku-4-5') +
      g(replies[3]!) +
      g(replies[4]!, 'mistral-small');
    expect(w.baseline.estimate.gco2e.central).toBeCloseTo(baseline, 9);
    expect(w.alternative.estimate.gco2e.central).toBeCloseTo(alternative, 9);
    expect(w.savedG.central).toBeCloseTo(baseline - alternative, 9);
    expect(w.savedG.central).toBeGreaterThan(0);
    expect(w.savedWh.central).toBeGreaterThan(0);
    expect(w.savedMl.central).toBeGreaterThan(0);
    const cost = (pairs: [Reply, string][]) =>
      pairs.reduce((s, [r, m]) => s + apiCost(m, r.inputTokens, r.outputTokens)!, 0);
    const before = cost([
      [replies[0]!, 'gpt-4o'],
      [replies[1]!, 'gpt-4o'],
      [replies[2]!, 'claude-opus-4-1'],
      [replies[3]!, 'gpt-4o-mini'],
      [replies[4]!, 'gpt-4o'],
    ]);
    const after = cost([
      [replies[0]!, 'gpt-4o-mini'],
      [replies[1]!, 'gpt-4o'],
      [replies[2]!, 'claude-haiku-4-5'],
      [replies[3]!, 'gpt-4o-mini'],
      [replies[4]!, 'mistral-small'],
    ]);
    expect(w.savedUsd!).toBeCloseTo(before - after, 12);
  });

  it('N = 0 moves nothing and saves nothing; a larger N saves more', () => {
    const none = shortRepliesToSmall(replies, A, 0);
    expect(none.moved).toBe(0);
    expect(none.savedG.central).toBeCloseTo(0, 12);
    expect(none.savedUsd).toBeCloseTo(0, 12);
    const all = shortRepliesToSmall(replies, A, 10_000);
    expect(all.moved).toBe(4);
    expect(all.savedG.central).toBeGreaterThan(shortRepliesToSmall(replies, A, 200).savedG.central);
  });

  it('refuses a negative or non-finite N', () => {
    expect(() => shortRepliesToSmall(replies, A, -1)).toThrow(RangeError);
    expect(() => shortRepliesToSmall(replies, A, Number.NaN)).toThrow(RangeError);
  });
});

describe('a reasoning model only where the user used one', () => {
  const replies = [
    reply('chatgpt', 'gpt-5-thinking', 300, 900),
    reply('chatgpt', 'gpt-5', 100, 400),
    reply('claude', 'claude-sonnet-4-5', 200, 500),
    reply('lechat', 'magistral-medium', 100, 700),
  ];

  it('baseline: every reply on the reasoning model; routing: its sibling where none was used', () => {
    const w = reasoningOnlyWhereUsed(replies, A, 'gpt-5-thinking');
    expect(w.moved).toBe(2);
    const on = (m: string) => (r: Reply) => g(r, m, 'chatgpt');
    const baseline = replies.reduce((s, r) => s + on('gpt-5-thinking')(r), 0);
    const alternative =
      on('gpt-5-thinking')(replies[0]!) +
      on('gpt-5')(replies[1]!) +
      on('gpt-5')(replies[2]!) +
      on('gpt-5-thinking')(replies[3]!);
    expect(w.baseline.estimate.gco2e.central).toBeCloseTo(baseline, 9);
    expect(w.alternative.estimate.gco2e.central).toBeCloseTo(alternative, 9);
    // GPT-5 Thinking waits 9.8 s before its first token, GPT-5 0.56 s: the server time that
    // non-GPU power and embodied carbon are charged over is shorter, so routing saves.
    expect(w.savedG.central).toBeGreaterThan(0);
    // Same list price (gpt-5 and gpt-5-chat-latest): no money saved.
    expect(w.savedUsd).toBeCloseTo(0, 12);
  });

  it('refuses a model that does not reason; picks the one used most', () => {
    expect(() => reasoningOnlyWhereUsed(replies, A, 'gpt-4o')).toThrow(RangeError);
    expect(mostUsedReasoning(replies, A)).toBe('gpt-5-thinking');
    expect(mostUsedReasoning([replies[1]!], A)).toBe(reasoningModels()[0]);
  });
});

describe('routing with the whole exchange (issue #14 counts)', () => {
  // A GPT-5 Thinking reply that reasoned 20 s and re-read 3,000 tokens, and a short GPT-4o one.
  const thinking: Reply = {
    ...reply('chatgpt', 'gpt-5-thinking', 80, 150),
    contextTokens: 3000,
    thinkMs: 20_000,
    streamMs: 4000,
  };
  const plain: Reply = { ...reply('chatgpt', 'gpt-4o', 40, 120), contextTokens: 1000 };
  const full = (r: Reply, n = r.inputTokens + (r.contextTokens ?? 0)) => ({
    ...one(r),
    contextTokens: r.contextTokens ?? 0,
    contextRows: r.contextTokens === undefined ? 0 : 1,
    fullInputSq: n * n,
  });
  const hidden = hiddenReasoningTokens(20_000, MODELS['gpt-5-thinking']!.deployment!.tps);

  it('the baseline, as recorded, carries the context, the reasoning and the stream time', () => {
    const w = shortRepliesToSmall([thinking, plain], A, 0);
    const want =
      estimate(
        { ...full(thinking), thinkMs: 20_000, thinkRows: 1, streamMs: 4000, streamRows: 1 },
        'gpt-5-thinking',
        'chatgpt',
        A,
      ).gco2e.central + estimate(full(plain), 'gpt-4o', 'chatgpt', A).gco2e.central;
    expect(w.baseline.estimate.gco2e.central).toBeCloseTo(want, 9);
    expect(w.baseline.estimate.hiddenReasoningTokens!.central).toBeCloseTo(hidden.central, 9);
  });

  it('sending a reasoning reply to the small model removes its hidden reasoning', () => {
    const w = shortRepliesToSmall([thinking, plain], A, 200);
    expect(w.moved).toBe(2);
    expect(hidden.central).toBeCloseTo(898, 9);
    expect(w.alternative.estimate.hiddenReasoningTokens!.max).toBe(0);
    // On GPT-4o mini: the same prompt, context and reply, no reasoning, no stream time.
    const want =
      estimate({ ...full(thinking), thinkRows: 1 }, 'gpt-4o-mini', 'chatgpt', A).gco2e.central +
      estimate(full(plain), 'gpt-4o-mini', 'chatgpt', A).gco2e.central;
    expect(w.alternative.estimate.gco2e.central).toBeCloseTo(want, 9);
    // The cost drops the reasoning tokens billed as output; context half cached.
    const cost = (id: string, r: Reply, out: number) =>
      apiCost(id, r.inputTokens + r.contextTokens!, out, r.contextTokens! * 0.5)!;
    const before =
      cost('gpt-5-thinking', thinking, 150 + hidden.central) + cost('gpt-4o', plain, 120);
    const after = cost('gpt-4o-mini', thinking, 150) + cost('gpt-4o-mini', plain, 120);
    expect(w.baseline.costUsd!).toBeCloseTo(before, 12);
    expect(w.savedUsd!).toBeCloseTo(before - after, 12);
  });

  it('a reasoning reply rerouted to another reasoning model keeps its hidden tokens', () => {
    const w = reasoningOnlyWhereUsed([thinking, plain], A, 'o3');
    // Baseline: both on o3; only the reply that reasoned brings reasoning (a lower bound).
    expect(w.baseline.estimate.hiddenReasoningTokens!.central).toBeCloseTo(hidden.central, 6);
    expect(w.alternative.estimate.hiddenReasoningTokens!.central).toBeCloseTo(hidden.central, 6);
    // The plain reply moves to o3's sibling, GPT-4o: the same context either way.
    const onO3 = estimate(full(plain), 'o3', 'chatgpt', A).gco2e.central;
    const onSibling = estimate(full(plain), 'gpt-4o', 'chatgpt', A).gco2e.central;
    expect(w.savedG.central).toBeCloseTo(onO3 - onSibling, 9);
  });
});
