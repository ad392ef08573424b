/**
 * View-model helpers: turn the carbon and projection libraries' outputs into what the
 * popup, options and report pages show. No rendering here.
 */
import { providerOf, tierSlopes } from '../../lib/model/carbon';
import type { Assumptions, Band, ProviderId, TierId } from '../../lib/model/carbon/types';
import type { DailyRow } from '../../lib/db/schema';
import { localDay } from '../../lib/db/day';
import {
  equivalents,
  habit,
  project,
  smallerTier,
  whatIf,
  type Equivalent,
  type EquivalentId,
  type Habit,
  type HorizonId,
} from '../../lib/model/projection';
import { daysBefore, type Stats } from '../../lib/model/stats';
import { TIER_MESSAGE, type SlopeLine } from '../shared/charts';
import { t, type MessageKey } from '../shared/i18n';

/** The message of each everyday equivalent ($1: the amount). */
export const EQUIVALENT_LABEL: Record<EquivalentId, MessageKey> = {
  carKm: 'equivCarKm',
  carMinutes: 'equivCarMinutes',
  phoneCharges: 'equivPhoneCharges',
  streamingHours: 'equivStreamingHours',
  kettleBoils: 'equivKettleBoils',
};

/** The provider whose region the slopes chart uses: the one with most of the user's grams. */
export function mainProvider(stats: Stats | null): ProviderId {
  const top = stats?.bySite[0]?.site ?? 'chatgpt';
  return providerOf(top);
}

export function slopeLines(a: Assumptions, provider: ProviderId): SlopeLine[] {
  return tierSlopes(a, provider).map((s) => ({
    tier: s.tier,
    label: t(TIER_MESSAGE[s.tier]),
    gPer1k: s.gPer1kTokens,
  }));
}

export interface ProjectionRow {
  horizon: HorizonId;
  gco2e: Band;
  equivalent: Equivalent;
}

/** Everyday equivalents in the order the popup prefers them, when the amount reads well. */
const PREFERRED: Equivalent['id'][] = [
  'carKm',
  'kettleBoils',
  'streamingHours',
  'phoneCharges',
  'carMinutes',
];

/** The one equivalent that reads best: the first preferred one between 1 and 1,000. */
export function bestEquivalent(x: { gco2e: Band; energyWh: Band }): Equivalent {
  const all = equivalents(x);
  const byId = new Map(all.map((e) => [e.id, e]));
  for (const id of PREFERRED) {
    const e = byId.get(id);
    if (e && e.amount.central >= 1 && e.amount.central < 1000) return e;
  }
  // Tiny or huge amounts: the largest below 1, or the smallest at or above 1,000.
  return [...all].sort((p, q) => q.amount.central - p.amount.central)[0]!;
}

/** The 30-day habit (days before the first recorded day do not dilute it). */
export function thirtyDayHabit(stats: Stats, now: number): Habit {
  return habit(
    stats.days.map((d) => ({ day: d.day, estimate: d.estimate })),
    localDay(now),
    30,
  );
}

/** Cumulative projections 1 month … 5 years at the 30-day habit, each with an equivalent. */
export function projections(h: Habit): ProjectionRow[] {
  return project(h).map((p) => ({
    horizon: p.horizon,
    gco2e: p.gco2e,
    equivalent: bestEquivalent(p),
  }));
}

export interface WhatIfView {
  kind: 'smallerTier' | 'otherRegion' | 'shorter';
  /** The smaller tier suggested (smallerTier only). */
  tier?: TierId;
  savedG: number;
  /** Fraction of the baseline (0.3 = 30 %). */
  savedPct: number;
}

/** A lower-carbon grid the "other region" what-if moves usage to (Ember: ≈36 g/kWh). */
export const LOW_CARBON_REGION = 'SWE';
/** The "shorter answers" what-if: responses 30 % shorter. */
export const SHORTER_FACTOR = 0.7;

/**
 * What-if savings over the last 30 days: the same usage one tier smaller, on a low-carbon
 * grid, or with shorter responses.
 */
export function whatIfs(rows: readonly DailyRow[], a: Assumptions, now: number): WhatIfView[] {
  const from = daysBefore(now, 29);
  const recent = rows.filter((r) => r.day >= from && r.count > 0);
  if (recent.length === 0) return [];
  const out: WhatIfView[] = [];
  const view = (kind: WhatIfView['kind'], w: ReturnType<typeof whatIf>, tier?: TierId) =>
    out.push({ kind, tier, savedG: w.savingG.central, savedPct: w.savingPct });
  const tier = smallerTier(recent, a);
  if (tier) view('smallerTier', whatIf(recent, a, { kind: 'tier', tier }), tier);
  const w = whatIf(recent, a, { kind: 'region', region: LOW_CARBON_REGION });
  if (w.savingG.central > 0) view('otherRegion', w);
  view('shorter', whatIf(recent, a, { kind: 'brevity', outputFactor: SHORTER_FACTOR }));
  return out;
}
