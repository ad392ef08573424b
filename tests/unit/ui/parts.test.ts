import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, estimate } from '../../../lib/model/carbon';
import { PART_IDS } from '../../../lib/model/carbon/exchange';
import { computeStats } from '../../../lib/model/stats';
import { partBand, partKnown, partShare } from '../../../components/shared/Parts';
import { CONTEXT_USAGE, daily, NOW } from '../daily-rows';

const A = DEFAULT_ASSUMPTIONS;

// Two replies of a 12-turn Claude chat recorded with their context, one with 30 s of reasoning
// (CONTEXT_USAGE); and two older GPT-4o replies without any of the new sums.
const usage = CONTEXT_USAGE;
const withContext = daily(1, { site: 'claude', model: 'claude-sonnet-4-5', ...usage });
const older = daily(2);

describe('the footprint by part (issue #14)', () => {
  const s = computeStats([withContext, older], A, NOW);

  it('carries the new sums through the buckets: parts equal the estimate of each row', () => {
    const one = estimate(usage, 'claude-sonnet-4-5', 'claude', A);
    const old = estimate(
      { count: 2, inputTokens: 300, inputTokensSq: 50_000, outputTokens: 900 },
      'gpt-4o',
      'chatgpt',
      A,
    );
    for (const id of PART_IDS) {
      const want = one.parts![id].gco2e.central + old.parts![id].gco2e.central;
      expect(s.week.estimate.parts![id].gco2e.central).toBeCloseTo(want, 9);
    }
    // The re-read conversation and the reasoning are there, and large (issue #14's ratios).
    expect(s.week.estimate.parts!.context.gco2e.central).toBeGreaterThan(
      s.week.estimate.parts!.prompts.gco2e.central * 10,
    );
    expect(s.week.estimate.hiddenReasoningTokens!.central).toBeGreaterThan(0);
    const sum = PART_IDS.reduce((x, id) => x + s.week.estimate.parts![id].gco2e.max, 0);
    expect(sum).toBeCloseTo(s.week.estimate.gco2e.max, 9);
  });

  it('counts the replies whose context and reasoning are known', () => {
    expect(s.week.responses).toBe(4);
    expect(s.week.contextRows).toBe(2);
    expect(s.week.thinkRows).toBe(1);
  });

  it('older history alone: context, reasoning and extras unknown, never zero', () => {
    const o = computeStats([older], A, NOW).week;
    expect(o.contextRows).toBe(0);
    for (const id of ['context', 'reasoning', 'extras'] as const) {
      expect(partKnown(o, id)).toBe(false);
      expect(partBand(o, id)).toBeNull();
      expect(partShare(o, id)).toBeNull();
    }
    expect(partBand(o, 'replies')!.central).toBeGreaterThan(0);
    expect(partShare(o, 'prompts')! + partShare(o, 'replies')!).toBeCloseTo(1, 9);
  });

  it('a corrupt new sum skips the row, as a corrupt count does', () => {
    const bad = { ...withContext, contextTokens: -5 };
    const r = computeStats([bad, older], A, NOW);
    expect(r.skipped).toBe(1);
    expect(r.week.responses).toBe(2);
  });
});
