/**
 * The catalogue's sizes and speeds against the EcoLogits models.json entries they come from
 * (tests/unit/carbon/data/ecologits-models-5be90da.json, an extract of snapshot 5be90da):
 * a typed figure that drifts from its source fails here.
 */
import { describe, expect, it } from 'vitest';
import { MODELS, SPEED_REFERENCES, type ModelSpec } from '../../../lib/model/carbon/models';
import type { Range } from '../../../lib/shared/types';
import extract from './data/ecologits-models-5be90da.json';

interface Entry {
  name: string;
  architecture:
    | { type: 'dense'; parameters: number | { min: number; max: number } }
    | { type: 'moe'; parameters: { total: number; active: { min: number; max: number } } };
  deployment: { tps: number; ttft: number };
}

const BY_NAME = new Map((extract.models as Entry[]).map((e) => [e.name, e]));

/** EcoLogits' sizes of an entry as total and active ranges (billions). */
function ecologitsSize(e: Entry) {
  const a = e.architecture;
  if (a.type === 'moe') {
    const total = a.parameters.total;
    return { total: { min: total, max: total }, active: a.parameters.active };
  }
  const p =
    typeof a.parameters === 'number' ? { min: a.parameters, max: a.parameters } : a.parameters;
  return { total: p, active: p };
}

const models = Object.values(MODELS);

describe('catalogue against EcoLogits models.json (5be90da)', () => {
  it.each(models.map((m) => [m.id, m] as const))(
    '%s names an entry and carries its serving speed',
    (_id, m) => {
      const e = BY_NAME.get(m.ecologitsName);
      expect(e, m.ecologitsName).toBeDefined();
      expect(e!.architecture.type).toBe(m.arch);
      expect(m.deployment).toEqual({ tps: e!.deployment.tps, ttftS: e!.deployment.ttft });
    },
  );

  it.each(models.filter((m) => m.confidence === 'disclosed').map((m) => [m.id, m] as const))(
    '%s (disclosed) is EcoLogits’ figure, untouched',
    (_id, m) => {
      const s = ecologitsSize(BY_NAME.get(m.ecologitsName)!);
      expect(m.totalParamsB).toEqual(s.total);
      expect(m.activeParamsB).toEqual(s.active);
    },
  );
});

/** Closed models: every undisclosed size outside Mistral's (which is left as EcoLogits has it). */
const closed = models.filter((m) => m.confidence !== 'disclosed' && m.provider !== 'mistral');
const eco = (m: ModelSpec) => ecologitsSize(BY_NAME.get(m.ecologitsName)!);
const contains = (outer: Range, inner: Range) => outer.min <= inner.min && outer.max >= inner.max;
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('closed models: each size range keeps its evidence (METHODOLOGY.md §3)', () => {
  it('the rule covers OpenAI, Anthropic and Google, and leaves Mistral alone', () => {
    expect(new Set(closed.map((m) => m.provider))).toEqual(
      new Set(['openai', 'anthropic', 'google']),
    );
    for (const m of models.filter((x) => x.provider === 'mistral')) {
      expect(m.sizeEvidence).toBeUndefined();
      const s = eco(m);
      expect(m.totalParamsB).toEqual(s.total);
      expect(m.activeParamsB).toEqual(s.active);
    }
  });

  it.each(closed.map((m) => [m.id, m] as const))(
    '%s: its range contains its EcoLogits estimate, and says which reading gives each end',
    (_id, m) => {
      const s = eco(m);
      expect(m.sizeEvidence?.ecologits).toEqual({ totalParamsB: s.total, activeParamsB: s.active });
      expect(contains(m.totalParamsB, s.total)).toBe(true);
      expect(contains(m.activeParamsB, s.active)).toBe(true);
      expect(m.note).toBeTruthy();
      if (m.sizeEvidence?.speed?.used) expect(m.note).toMatch(/speed reading/);
    },
  );

  it('each reference is a closed model of its own maker and tier', () => {
    for (const [group, id] of Object.entries(SPEED_REFERENCES)) {
      const ref = MODELS[id!]!;
      expect(`${ref.provider}/${ref.tier}`).toBe(group);
      expect(closed).toContain(ref);
    }
  });

  it('every maker and tier with two or more closed models has a reference', () => {
    const groups = new Map<string, number>();
    for (const m of closed)
      groups.set(`${m.provider}/${m.tier}`, (groups.get(`${m.provider}/${m.tier}`) ?? 0) + 1);
    for (const [g, n] of groups) if (n > 1) expect(SPEED_REFERENCES, g).toHaveProperty(g);
  });

  it.each(closed.map((m) => [m.id, m] as const))(
    '%s: the speed reading is reproduced from the tps of EcoLogits’ entries and the reference’s estimate',
    (_id, m) => {
      const refId = SPEED_REFERENCES[`${m.provider}/${m.tier}`];
      const s = eco(m);
      if (refId === undefined || refId === m.id) {
        // A reference, or alone in its tier: EcoLogits' range exactly.
        expect(m.sizeEvidence?.speed).toBeUndefined();
        expect(m.totalParamsB).toEqual(s.total);
        expect(m.activeParamsB).toEqual(s.active);
        return;
      }
      const ref = MODELS[refId]!;
      const r = eco(ref);
      const k =
        BY_NAME.get(ref.ecologitsName)!.deployment.tps /
        BY_NAME.get(m.ecologitsName)!.deployment.tps;
      const reading = m.sizeEvidence!.speed!;
      expect(reading.reference).toBe(refId);
      close(reading.factor, k);
      close(reading.activeParamsB.min, r.active.min * k);
      close(reading.activeParamsB.max, r.active.max * k);
      close(reading.totalParamsB.min, r.total.min * k);
      close(reading.totalParamsB.max, r.total.max * k);
      const disjoint = r.active.max * k < s.active.min || r.active.min * k > s.active.max;
      expect(reading.used).toBe(!disjoint);
      const want = (e: Range, x: Range) =>
        disjoint ? e : { min: Math.min(e.min, x.min), max: Math.max(e.max, x.max) };
      const active = want(s.active, reading.activeParamsB);
      const total = want(s.total, reading.totalParamsB);
      close(m.activeParamsB.min, active.min);
      close(m.activeParamsB.max, active.max);
      close(m.totalParamsB.min, total.min);
      close(m.totalParamsB.max, total.max);
    },
  );

  it.each([
    // Opus 4.5: the old SPEED_BOUNDED bound, Opus 4.1's 600 B ÷ (32.5 / 25.1).
    ['claude-opus-4-5', 67, 600 / (32.5 / 25.1)],
    // GPT-5 Thinking (Microsoft's test-time anchor): GPT-4o's 132 B × 37.8 / 44.9.
    ['gpt-5-thinking', 30, (132 * 37.8) / 44.9],
    // o1 (and o3, its copy): 126.7 tok/s reads as 13–39 B, disjoint from 44–132 B: not used.
    ['o1', 44, 132],
    ['o3', 44, 132],
  ] as const)('%s: active %d–%f B', (id, min, max) => {
    close(MODELS[id]!.activeParamsB.min, min);
    close(MODELS[id]!.activeParamsB.max, max);
  });
});
