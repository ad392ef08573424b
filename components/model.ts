/**
 * View-model helpers: turn the carbon and projection libraries' outputs into what the
 * popup, options and report pages show. No rendering here.
 */
import type { Assumptions, ProviderId } from '../lib/carbon/types';
import type { DailyRow } from '../lib/db/schema';
import { TIERS } from '../lib/carbon/models';
import { computeStats, daysBefore, type Stats } from '../lib/stats';
import { localDay } from '../lib/db/schema';
import type { SiteId } from '../lib/types';
import { providerOf, tierSlopes } from '../lib/carbon';
import { projectionRows, type ProjectionRow } from './pending-deps';
import type { SlopeLine } from './charts';

/** The provider whose region the slopes chart uses: the one with most of the user's grams. */
export function mainProvider(stats: Stats | null): ProviderId {
  const top = stats?.bySite[0]?.site ?? 'chatgpt';
  return providerOf(top);
}

export function slopeLines(a: Assumptions, provider: ProviderId): SlopeLine[] {
  return tierSlopes(a, provider).map((s) => ({
    tier: s.tier,
    label: TIERS[s.tier].label,
    gPer1k: s.gPer1kTokens,
  }));
}

export function projections(stats: Stats, now: number): ProjectionRow[] {
  return projectionRows(
    stats.days.map((d) => ({ day: d.day, gco2e: d.estimate.gco2e })),
    localDay(now),
  );
}

export interface WhatIf {
  kind: 'smallerTier' | 'otherRegion' | 'shorter';
  savedG: number;
  savedPct: number;
}

/** A lower-carbon grid the "other region" what-if moves usage to (Ember 2024: ≈36 g/kWh). */
export const LOW_CARBON_REGION = 'SWE';
/** The "shorter answers" what-if: responses a third shorter. */
export const SHORTER_FACTOR = 2 / 3;

/**
 * What-if savings over the last 30 days: the same usage on the small tier, on a low-carbon
 * grid, or with shorter responses (output tokens scale linearly in every rollup field).
 */
export function whatIfs(rows: readonly DailyRow[], a: Assumptions, now: number): WhatIf[] {
  const from = daysBefore(now, 29);
  const recent = rows.filter((r) => r.day >= from);
  const base = computeStats(recent, a, now).all.estimate.gco2e.central;
  if (base <= 0) return [];
  const small: Assumptions = {
    ...a,
    defaultTier: 'small',
    siteModel: Object.fromEntries(Object.keys(a.siteModel).map((s) => [s, 'small'])) as Record<
      SiteId,
      'small'
    >,
  };
  const green: Assumptions = {
    ...a,
    providers: Object.fromEntries(
      Object.entries(a.providers).map(([p, v]) => [p, { ...v, region: LOW_CARBON_REGION }]),
    ) as Assumptions['providers'],
  };
  const shorter = recent.map((r) => ({ ...r, outputTokens: r.outputTokens * SHORTER_FACTOR }));
  const out = (kind: WhatIf['kind'], g: number): WhatIf => ({
    kind,
    savedG: Math.max(0, base - g),
    savedPct: Math.max(0, (100 * (base - g)) / base),
  });
  return [
    out('smallerTier', computeStats(recent, small, now).all.estimate.gco2e.central),
    out('otherRegion', computeStats(recent, green, now).all.estimate.gco2e.central),
    out('shorter', computeStats(shorter, a, now).all.estimate.gco2e.central),
  ];
}
