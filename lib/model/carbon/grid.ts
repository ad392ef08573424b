/**
 * Grid carbon intensity and off-site water per region. Intensities come from the npm
 * package @tgwf/co2 (CO2.js) — never a hand-typed table: Ember yearly averages (source
 * 'co2js-ember') and 2021 marginal factors (source 'co2js-marginal'). Codes are ISO 3166-1
 * alpha-3 plus CO2.js aggregates such as 'WORLD' and 'EU'.
 *
 * Fallbacks (explicit, reported by `resolveIntensity`):
 * - marginal requested but the code has no marginal factor (e.g. 'WORLD', 'EU'): the
 *   code's average intensity is used, `fallback: 'average-for-marginal'`;
 * - unknown code: WORLD's average intensity, `fallback: 'world'`.
 * `gridIntensity` returns the number only; the UI should call `resolveIntensity` when it
 * wants to say a fallback happened.
 */
import { averageIntensity, marginalIntensity } from '@tgwf/co2/data';
import wueData from './data/offsite-wue.json';
import type { IntensityKind } from './types';

export const WORLD = 'WORLD';

const AVERAGE: Readonly<Record<string, number>> = averageIntensity.data;
const MARGINAL: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(marginalIntensity.data)
    .map(([k, v]) => [k, Number(v)] as const)
    // Keep real zones only: the file also holds notes such as "MEMO:  EU 27".
    .filter(([k, v]) => Number.isFinite(v) && /^[A-Z]{3}$/.test(k)),
);
const OFFSITE_WUE: Readonly<Record<string, number>> = wueData.data as Record<string, number>;

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export interface ResolvedIntensity {
  /** The code whose figure was used. */
  code: string;
  gPerKwh: number;
  kind: IntensityKind;
  sourceId: 'co2js-ember' | 'co2js-marginal';
  fallback?: 'average-for-marginal' | 'world';
}

/** Grid intensity with an explicit account of any fallback. Never NaN. */
export function resolveIntensity(code: string, kind: IntensityKind): ResolvedIntensity {
  const key = String(code ?? '')
    .trim()
    .toUpperCase();
  if (kind === 'marginal' && hasOwn(MARGINAL, key)) {
    return { code: key, gPerKwh: MARGINAL[key]!, kind, sourceId: 'co2js-marginal' };
  }
  if (hasOwn(AVERAGE, key) && Number.isFinite(AVERAGE[key])) {
    return {
      code: key,
      gPerKwh: AVERAGE[key]!,
      kind: 'average',
      sourceId: 'co2js-ember',
      ...(kind === 'marginal' ? { fallback: 'average-for-marginal' as const } : {}),
    };
  }
  return {
    code: WORLD,
    gPerKwh: AVERAGE[WORLD]!,
    kind: 'average',
    sourceId: 'co2js-ember',
    fallback: 'world',
  };
}

/** gCO2e per kWh for a region code (see the fallbacks above). */
export function gridIntensity(code: string, kind: IntensityKind): number {
  return resolveIntensity(code, kind).gPerKwh;
}

/** Whether CO2.js knows this code for this kind without any fallback. */
export function isKnownRegion(code: string, kind: IntensityKind): boolean {
  return resolveIntensity(code, kind).fallback === undefined;
}

/** The zones with a finite figure of this kind: [code, g/kWh] (lib/model/carbon/regions.ts names them). */
export function zones(kind: IntensityKind): [string, number][] {
  const table = kind === 'marginal' ? MARGINAL : AVERAGE;
  return Object.entries(table).filter(([, g]) => Number.isFinite(g));
}

/**
 * Litres of water consumed by generating one kWh in a region (EcoLogits' per-country
 * table from WRI). Unknown regions fall back to EcoLogits' world average.
 */
export function offsiteWue(code: string): { lPerKwh: number; code: string; fallback?: 'world' } {
  const key = String(code ?? '')
    .trim()
    .toUpperCase();
  if (hasOwn(OFFSITE_WUE, key)) return { lPerKwh: OFFSITE_WUE[key]!, code: key };
  return { lPerKwh: OFFSITE_WUE[WORLD]!, code: WORLD, fallback: 'world' };
}
