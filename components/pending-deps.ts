/**
 * TEMPORARY stand-ins for lib/carbon, lib/projection and lib/db/write while those land in
 * parallel (issues #3 and #5). Deleted as soon as the real modules exist.
 */
import { averageIntensity } from '@tgwf/co2/data';
import type {
  Assumptions,
  Band,
  Estimate,
  IntensityKind,
  ProviderId,
  TierId,
  UsageAggregate,
} from '../lib/carbon/types';
import type { SiteId } from '../lib/types';

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  method: 'tokenprint',
  intensity: 'average',
  providers: {
    openai: {
      region: 'USA',
      pue: { min: 1.2, max: 1.2 },
      wueOnSiteLPerKwh: 0.569,
      wueOffSiteLPerKwh: 3.142,
    },
    anthropic: {
      region: 'USA',
      pue: { min: 1.09, max: 1.14 },
      wueOnSiteLPerKwh: 0.18,
      wueOffSiteLPerKwh: 3.142,
    },
    mistral: {
      region: 'SWE',
      pue: { min: 1.16, max: 1.16 },
      wueOnSiteLPerKwh: 0.09,
      wueOffSiteLPerKwh: 3.142,
    },
  },
  siteModel: { chatgpt: 'detect', claude: 'detect', lechat: 'detect' },
  defaultTier: 'large',
};

export function providerOf(site: SiteId): ProviderId {
  return site === 'chatgpt' ? 'openai' : site === 'claude' ? 'anthropic' : 'mistral';
}

const avg = averageIntensity.data;
export function regions(_kind: IntensityKind): { code: string; name: string; gPerKwh: number }[] {
  return Object.entries(avg).map(([code, g]) => ({ code, name: code, gPerKwh: g }));
}
export function gridIntensity(code: string, _kind: IntensityKind): number {
  return avg[code] ?? avg.WORLD!;
}

const WH_PER_OUT: Record<TierId, number> = {
  small: 0.0001,
  medium: 0.0003,
  large: 0.0006,
  frontier: 0.0012,
};
export const TIERS: TierId[] = ['small', 'medium', 'large', 'frontier'];

export function estimate(
  u: UsageAggregate,
  _model: string,
  site: SiteId,
  a: Assumptions,
): Estimate {
  const p = a.providers[providerOf(site)];
  const tier = a.siteModel[site] === 'detect' ? a.defaultTier : a.siteModel[site];
  const wh = (u.outputTokens + u.inputTokens * 0.1) * WH_PER_OUT[tier as TierId];
  const band = (c: number): Band => ({ min: c * 0.5, max: c * 1.5, central: c });
  const energyWh = band(wh * p.pue.min);
  const usage = band((energyWh.central * gridIntensity(p.region, a.intensity)) / 1000);
  const embodied = band(usage.central * 0.1);
  return {
    energyWh,
    gco2e: {
      min: usage.min + embodied.min,
      max: usage.max + embodied.max,
      central: usage.central + embodied.central,
    },
    usageGco2e: usage,
    embodiedGco2e: embodied,
    waterMl: band(energyWh.central * (p.wueOnSiteLPerKwh + p.wueOffSiteLPerKwh)),
  };
}

export function tierSlopes(
  a: Assumptions,
  provider: ProviderId,
): { tier: TierId; gPer1kTokens: Band }[] {
  const g = gridIntensity(a.providers[provider].region, a.intensity);
  return TIERS.map((tier) => {
    const c = (WH_PER_OUT[tier] * 1000 * g) / 1000;
    return { tier, gPer1kTokens: { min: c * 0.5, max: c * 1.5, central: c } };
  });
}

// ---- projections / equivalents / what-if (stand-ins for lib/projection) ----------------
export type Horizon = '1m' | '3m' | '6m' | '1y' | '2y' | '5y';
export const HORIZONS: { id: Horizon; days: number }[] = [
  { id: '1m', days: 30 },
  { id: '3m', days: 91 },
  { id: '6m', days: 182 },
  { id: '1y', days: 365 },
  { id: '2y', days: 730 },
  { id: '5y', days: 1826 },
];
export type EquivalentKind =
  'carKm' | 'carMinutes' | 'phoneCharges' | 'streamingHours' | 'kettleBoils';
export interface Equivalent {
  kind: EquivalentKind;
  value: number;
}
export interface ProjectionRow {
  horizon: Horizon;
  gco2e: Band;
  equivalent: Equivalent;
}
export function equivalent(g: number): Equivalent {
  if (g >= 170) return { kind: 'carKm', value: g / 170 };
  if (g >= 36) return { kind: 'streamingHours', value: g / 36 };
  if (g >= 15) return { kind: 'kettleBoils', value: g / 15 };
  return { kind: 'phoneCharges', value: g / 8.2 };
}
export function projectionRows(
  days: { day: number; gco2e: Band }[],
  nowDay: number,
): ProjectionRow[] {
  const recent = days.filter((d) => d.day > nowDay - 100);
  const n = Math.max(1, Math.min(30, recent.length));
  const per = recent
    .slice(-30)
    .reduce(
      (s, d) => ({
        min: s.min + d.gco2e.min / n,
        max: s.max + d.gco2e.max / n,
        central: s.central + d.gco2e.central / n,
      }),
      { min: 0, max: 0, central: 0 },
    );
  return HORIZONS.map((h) => {
    const b = {
      min: per.min * h.days * 0.7,
      max: per.max * h.days * 1.3,
      central: per.central * h.days,
    };
    return { horizon: h.id, gco2e: b, equivalent: equivalent(b.central) };
  });
}
export interface WhatIfRow {
  kind: 'smallerTier' | 'otherRegion' | 'shorter';
  detail: string;
  savedG: number;
  savedPct: number;
}
