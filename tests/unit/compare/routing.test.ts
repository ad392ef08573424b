import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS as A, MODELS, estimate } from '../../../lib/model/carbon';
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
