/**
 * The EcoLogits-compatible method against EcoLogits 0.11.2 itself: a sample of the parity
 * vectors mlco2/ecologits.js generated from the Python release (provenance in the JSON).
 * Energy, GWP (usage + embodied), embodied GWP and water within 1 %; the two inputs the
 * release rejects are rejected here too.
 */
import { describe, expect, it } from 'vitest';
import {
  ecologitsImpacts,
  type EcologitsInput,
  type ValueOrRange,
} from '../../../lib/model/carbon';
import type { Range } from '../../../lib/shared/types';
import vectors from './data/ecologits-0.11.2-vectors.json';

interface VectorInputs {
  active: ValueOrRange;
  total: ValueOrRange;
  outputTokens: number;
  requestLatency: number | null;
  gwp: number;
  wue: number;
  pue: ValueOrRange;
  wueOnSite: ValueOrRange;
  tps?: number;
  ttft?: number;
}
interface VectorCase {
  name: string;
  inputs: VectorInputs;
  expected?: Partial<Record<'energyKwh' | 'gwpKg' | 'embodiedGwpKg' | 'wcfL', ValueOrRange>>;
  pythonError?: string;
}

const CASES = vectors.cases as VectorCase[];

function toInput(v: VectorInputs): EcologitsInput {
  return {
    activeParamsB: v.active,
    totalParamsB: v.total,
    outputTokens: v.outputTokens,
    ...(v.requestLatency !== null ? { requestLatencyS: v.requestLatency } : {}),
    gridKgCo2PerKwh: v.gwp,
    pue: v.pue,
    wueOnSiteLPerKwh: v.wueOnSite,
    wueOffSiteLPerKwh: v.wue,
    ...(v.tps !== undefined ? { tps: v.tps } : {}),
    ...(v.ttft !== undefined ? { ttftS: v.ttft } : {}),
  };
}

const ends = (v: ValueOrRange): Range => (typeof v === 'number' ? { min: v, max: v } : v);

function within1pct(actual: Range, expected: ValueOrRange, what: string) {
  const e = ends(expected);
  expect(Math.abs(actual.min / e.min - 1), `${what} min ${actual.min} vs ${e.min}`).toBeLessThan(
    0.01,
  );
  expect(Math.abs(actual.max / e.max - 1), `${what} max ${actual.max} vs ${e.max}`).toBeLessThan(
    0.01,
  );
}

describe('ecologitsImpacts against EcoLogits 0.11.2 parity vectors (±1 %)', () => {
  it('the sample covers ranges, serving speeds, the latency cap and both rejections', () => {
    const ok = CASES.filter((c) => c.expected);
    expect(ok.length).toBeGreaterThanOrEqual(15);
    expect(ok.some((c) => typeof c.inputs.active !== 'number')).toBe(true);
    expect(ok.some((c) => typeof c.inputs.pue !== 'number')).toBe(true);
    expect(ok.some((c) => c.inputs.tps !== undefined)).toBe(true);
    expect(ok.some((c) => c.inputs.tps === undefined)).toBe(true);
    expect(ok.some((c) => c.inputs.requestLatency === null)).toBe(true);
    expect(CASES.filter((c) => c.pythonError).length).toBe(2);
  });

  it.each(CASES.filter((c) => c.expected).map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const out = ecologitsImpacts(toInput(c.inputs));
    const x = c.expected!;
    within1pct(out.energyKwh, x.energyKwh!, 'energy');
    within1pct(out.kgCo2e, x.gwpKg!, 'gwp');
    within1pct(out.waterL, x.wcfL!, 'water');
    if (x.embodiedGwpKg !== undefined) within1pct(out.embodiedKgCo2e, x.embodiedGwpKg, 'embodied');
  });

  it.each(CASES.filter((c) => c.pythonError).map((c) => [c.name, c] as const))(
    '%s is rejected, as EcoLogits raises',
    (_n, c) => {
      expect(() => ecologitsImpacts(toInput(c.inputs))).toThrow(RangeError);
    },
  );
});
