/**
 * TEMPORARY stand-ins for lib/projection while it lands in parallel (issue #5).
 * Deleted as soon as the real module exists.
 */
import type { Band } from '../lib/carbon/types';

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
  const per = recent.slice(-30).reduce(
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
