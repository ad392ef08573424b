import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSUMPTIONS,
  estimate,
  linearEstimator,
  modelSpec,
} from '../../../lib/model/carbon';
import { measuredStream } from '../../../lib/model/carbon/estimate';
import type { Assumptions, UsageAggregate } from '../../../lib/model/carbon/types';

const A = DEFAULT_ASSUMPTIONS;
const ECO: Assumptions = { ...A, method: 'ecologits' };

/** `n` replies of `out` tokens each after `inp`-token prompts; `streamMs` over `streamed` of them. */
function replies(n: number, out: number, streamMs?: number, streamed = n): UsageAggregate {
  const u: UsageAggregate = {
    count: n,
    inputTokens: n * 60,
    inputTokensSq: n * 3600,
    outputTokens: n * out,
  };
  if (streamMs !== undefined) {
    u.streamMs = streamMs;
    u.streamRows = streamed;
  }
  return u;
}

const tps = (id: string) => modelSpec(id)!.deployment!.tps;
const ttft = (id: string) => modelSpec(id)!.deployment!.ttftS;

describe('measured stream timing feeds the latency term (issue #14)', () => {
  it.each([
    // GPT-4o at 37.8 tok/s: 600 tokens are 15.9 s in the catalogue.
    ['a slow afternoon: 600 tokens in 30 s', 'gpt-4o', 'chatgpt', 600, 30_000],
    // Claude Sonnet 4.5 at 36.1 tok/s: 400 tokens are 11.1 s; measured faster.
    ['a fast reply: 400 tokens in 5 s', 'claude-sonnet-4-5', 'claude', 400, 5_000],
  ] as const)(
    '%s: embodied follows the measured time, GPU energy does not',
    (_, id, site, out, ms) => {
      const base = estimate(replies(1, out), id, site, A).parts!.replies;
      const got = estimate(replies(1, out, ms), id, site, A);
      const r = got.parts!.replies;
      // Embodied ∝ latency (EcoLogits: latency × hardware ÷ lifetime ÷ batch); latency is the
      // time to first token (catalogue) plus the generation time, measured here.
      const want = (ms / 1000 + ttft(id)) / (out / tps(id) + ttft(id));
      const embodied = (e: typeof got) =>
        e.parts!.replies.gco2e.central -
        (e.parts!.replies.energyWh.central / 1000) * e.basis!.gPerKwh;
      expect(embodied(got) / embodied(estimate(replies(1, out), id, site, A))).toBeCloseTo(want, 9);
      // The tokenprint method's energy is GPU energy per token with host and idle shares.
      expect(r.energyWh.central).toBeCloseTo(base.energyWh.central, 12);
      if (ms / 1000 > out / tps(id)) expect(r.gco2e.max).toBeGreaterThan(base.gco2e.max);
      else expect(r.gco2e.max).toBeLessThan(base.gco2e.max);
    },
  );

  it.each([
    ['a replay from the cache: 600 tokens in 200 ms', 200],
    ['a tab asleep mid-stream: 600 tokens in 10 min', 600_000],
  ])('%s is not plausible: the catalogue figure stands', (_, ms) => {
    expect(measuredStream(replies(1, 600, ms), tps('gpt-4o'))).toEqual({
      streamS: 0,
      streamedOut: 0,
    });
    expect(estimate(replies(1, 600, ms), 'gpt-4o', 'chatgpt', A)).toEqual(
      estimate(replies(1, 600), 'gpt-4o', 'chatgpt', A),
    );
  });

  it('only the streamed replies’ share of the output is replaced', () => {
    // Four replies of 500 tokens, two streamed in 20 s together: 1,000 tokens measured.
    expect(measuredStream(replies(4, 500, 20_000, 2), tps('gpt-4o'))).toEqual({
      streamS: 20,
      streamedOut: 1000,
    });
    // No streamed row, or a count of zero: nothing measured.
    expect(measuredStream(replies(4, 500, 20_000, 0), 40).streamedOut).toBe(0);
    expect(measuredStream({ ...replies(0, 0), streamMs: 10, streamRows: 1 }, 40).streamS).toBe(0);
  });

  it('with the EcoLogits method the server’s non-GPU energy follows the latency too', () => {
    const base = estimate(replies(1, 600), 'gpt-4o', 'chatgpt', ECO).parts!.replies;
    const slow = estimate(replies(1, 600, 60_000), 'gpt-4o', 'chatgpt', ECO).parts!.replies;
    expect(slow.energyWh.central).toBeGreaterThan(base.energyWh.central);
  });

  it('the linear estimator gives the same figures with measured streams', () => {
    for (const a of [A, ECO]) {
      const f = linearEstimator('gpt-4o', 'chatgpt', a);
      for (const u of [replies(3, 700, 40_000, 2), replies(2, 300, 100, 2), replies(5, 900)]) {
        const want = estimate(u, 'gpt-4o', 'chatgpt', a);
        const got = f(u);
        for (const k of ['min', 'central', 'max'] as const) {
          expect(got.gco2e[k]).toBeCloseTo(want.gco2e[k], 12);
          expect(got.parts!.replies.energyWh[k]).toBeCloseTo(want.parts!.replies.energyWh[k], 12);
        }
      }
    }
  });
});
