/**
 * Region names for the pickers, reports and the popup's slopes subtitle. Kept apart from
 * grid.ts: the name tables (i18n-iso-countries) estimate nothing, so the worker and the
 * popup's first paint load without them. Import this module directly: the lib/model/carbon
 * index does not re-export it, as a re-export would load it with the rest.
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import { zones } from './grid';
import type { IntensityKind } from './types';

countries.registerLocale(en);

/** Aggregate zones of CO2.js that are not ISO countries, with readable names. */
const AGGREGATE_NAMES: Record<string, string> = {
  WORLD: 'World average',
  EU: 'European Union',
  EUROPE: 'Europe',
  AFRICA: 'Africa',
  ASIA: 'Asia',
  ASEAN: 'ASEAN',
  G20: 'G20',
  G7: 'G7',
  OECD: 'OECD',
  'LATIN AMERICA AND CARIBBEAN': 'Latin America and Caribbean',
  'MIDDLE EAST': 'Middle East',
  'NORTH AMERICA': 'North America',
  OCEANIA: 'Oceania',
};

/** A zone's English name: aggregates by name, ISO alpha-3 codes from i18n-iso-countries. */
export function regionName(code: string): string {
  return AGGREGATE_NAMES[code] ?? countries.getName(code, 'en') ?? titleCase(code);
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b\w/g, (m) => m.toUpperCase());
}

/** The ISO 3166-1 alpha-2 code of an alpha-3 code (undefined for aggregates). */
export function alpha2(code: string): string | undefined {
  return countries.alpha3ToAlpha2(code);
}

/**
 * Every region the picker can offer for this kind, sorted by name: the zones with data of
 * that kind (marginal lists only zones with a marginal factor).
 */
export function regions(kind: IntensityKind): { code: string; name: string; gPerKwh: number }[] {
  return zones(kind)
    .map(([code, gPerKwh]) => ({ code, name: regionName(code), gPerKwh }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
