/**
 * The catalogue's sizes and speeds against the EcoLogits models.json entries they come from
 * (tests/unit/carbon/data/ecologits-models-5be90da.json, an extract of snapshot 5be90da):
 * a typed figure that drifts from its source fails here.
 */
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../lib/model/carbon/models';
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
