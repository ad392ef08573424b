/**
 * What-if: the same usage under a different choice — a smaller model tier, another region,
 * or shorter responses — and the saving in grams and percent. Works on rollup rows.
 */
import {
  addEstimates,
  chooseModel,
  detectEverywhere,
  estimatorFor,
  PROVIDER_IDS,
  withRegion,
} from '../carbon/estimate';
import { TIERS, TIER_IDS } from '../carbon/models';
import type { Assumptions, Band, Estimate, TierId } from '../carbon/types';
import type { DayUsageRow } from './habit';

export type Scenario =
  /** Usage on tiers above this one moved down to it (its representative model); usage
   * already on this tier or a smaller one stays as it is. */
  | { kind: 'tier'; tier: TierId }
  /** Every provider's data centres in this region. */
  | { kind: 'region'; region: string }
  /** Responses `outputFactor` times as long (e.g. 0.7 = 30 % shorter); prompts unchanged. */
  | { kind: 'brevity'; outputFactor: number };

export interface WhatIf {
  scenario: Scenario;
  baseline: Estimate;
  alternative: Estimate;
  /** baseline − alternative, gCO2e, on each of min, central and max (negative = more). */
  savingG: Band;
  /** savingG.central ÷ baseline central, 0 when there is no baseline. */
  savingPct: number;
}

function alternativeEstimate(
  rows: readonly Omit<DayUsageRow, 'day'>[],
  a: Assumptions,
  scenario: Scenario,
): Estimate {
  switch (scenario.kind) {
    case 'tier': {
      const target = TIER_IDS.indexOf(scenario.tier);
      if (target < 0) throw new RangeError(`Unknown tier '${String(scenario.tier)}'`);
      const model = TIERS[scenario.tier].representative;
      const asIs = estimatorFor(a);
      // The smaller model is the one estimated, whatever tier the site was forced to.
      const moved = estimatorFor({
        ...a,
        siteModel: detectEverywhere(),
      });
      return addEstimates(
        rows.map((r) =>
          TIER_IDS.indexOf(chooseModel(r.model, r.site, a).tier) > target
            ? moved(r, model, r.site)
            : asIs(r, r.model, r.site),
        ),
      );
    }
    case 'region': {
      let alt = a;
      for (const p of PROVIDER_IDS) {
        alt = withRegion(alt, p, scenario.region);
      }
      return totalEstimate(rows, alt);
    }
    case 'brevity': {
      const f = scenario.outputFactor;
      if (!Number.isFinite(f) || f < 0) {
        throw new RangeError(`outputFactor must be a finite, non-negative number, got ${f}`);
      }
      return totalEstimate(
        rows.map((r) => ({ ...r, outputTokens: r.outputTokens * f })),
        a,
      );
    }
    default:
      throw new RangeError(`Unknown what-if scenario ${JSON.stringify(scenario)}`);
  }
}

/** Usage rows as one total estimate (any days, sites and models). */
export function totalEstimate(rows: readonly Omit<DayUsageRow, 'day'>[], a: Assumptions): Estimate {
  const est = estimatorFor(a);
  return addEstimates(rows.map((r) => est(r, r.model, r.site)));
}

export function whatIf(
  rows: readonly Omit<DayUsageRow, 'day'>[],
  a: Assumptions,
  scenario: Scenario,
): WhatIf {
  const baseline = totalEstimate(rows, a);
  const alternative = alternativeEstimate(rows, a, scenario);
  const savingG: Band = {
    min: baseline.gco2e.min - alternative.gco2e.min,
    central: baseline.gco2e.central - alternative.gco2e.central,
    max: baseline.gco2e.max - alternative.gco2e.max,
  };
  const savingPct = baseline.gco2e.central > 0 ? savingG.central / baseline.gco2e.central : 0;
  return { scenario, baseline, alternative, savingG, savingPct };
}

/**
 * The next tier down from the one the usage mostly runs on (by central gCO2e), or null
 * when it already runs on 'small': the default "smaller tier" suggestion.
 */
export function smallerTier(
  rows: readonly Omit<DayUsageRow, 'day'>[],
  a: Assumptions,
): TierId | null {
  const byTier = new Map<TierId, number>();
  const est = estimatorFor(a);
  for (const r of rows) {
    const t = chooseModel(r.model, r.site, a).tier;
    byTier.set(t, (byTier.get(t) ?? 0) + est(r, r.model, r.site).gco2e.central);
  }
  if (byTier.size === 0) return null;
  const main = [...byTier.entries()].sort((x, y) => y[1] - x[1])[0]![0];
  const i = TIER_IDS.indexOf(main);
  return i > 0 ? TIER_IDS[i - 1]! : null;
}

/**
 * The user's actual mix: gCO2e per 1,000 output tokens over the rows (prompt/prefill
 * carbon included), to draw next to the tier slopes. Null without output tokens.
 */
export function mixSlope(rows: readonly Omit<DayUsageRow, 'day'>[], a: Assumptions): Band | null {
  const out = rows.reduce((s, r) => s + r.outputTokens, 0);
  if (out <= 0) return null;
  const g = totalEstimate(rows, a).gco2e;
  return {
    min: (g.min / out) * 1000,
    central: (g.central / out) * 1000,
    max: (g.max / out) * 1000,
  };
}
