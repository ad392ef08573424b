/**
 * The user's habit from daily rollups: daily averages over the last 7/30/90 days, the
 * lightest and heaviest week, and the trend; projections of cumulative totals from it.
 * Pure functions over plain arrays (the popup calls them on Dexie's daily rows).
 */
import { addEstimates, estimate } from '../carbon/estimate';
import type { Assumptions, Band, Estimate, UsageAggregate } from '../carbon/types';
import type { SiteId } from '../../shared/types';

/** One rollup row: the shape of lib/db/schema.ts DailyRow (extra fields are ignored). */
export interface DayUsageRow extends UsageAggregate {
  /** Local calendar day, yyyymmdd. */
  day: number;
  site: SiteId;
  model: string;
}

export interface DayEstimate {
  /** Local calendar day, yyyymmdd. */
  day: number;
  estimate: Estimate;
}

/** yyyymmdd → whole days since 1970-01-01 (calendar arithmetic, no time zone). */
export function dayNumber(yyyymmdd: number): number {
  if (!Number.isInteger(yyyymmdd) || yyyymmdd < 1e7 || yyyymmdd > 99_991_231) {
    throw new RangeError(`day must be an integer yyyymmdd, got ${String(yyyymmdd)}`);
  }
  const y = Math.floor(yyyymmdd / 10000);
  const m = Math.floor((yyyymmdd % 10000) / 100);
  const d = yyyymmdd % 100;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`day ${yyyymmdd} is not a calendar date`);
  }
  return t / 86_400_000;
}

/** Whole days since 1970-01-01 → yyyymmdd. */
export function fromDayNumber(n: number): number {
  const dt = new Date(n * 86_400_000);
  return dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
}

/** Estimates per day from rollup rows (several sites/models a day are summed). */
export function estimateDays(rows: readonly DayUsageRow[], a: Assumptions): DayEstimate[] {
  const byDay = new Map<number, Estimate[]>();
  for (const r of rows) {
    const e = estimate(r, r.model, r.site, a);
    const list = byDay.get(r.day) ?? [];
    list.push(e);
    byDay.set(r.day, list);
  }
  return [...byDay.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([day, list]) => ({ day, estimate: addEstimates(list) }));
}

export type Quantity = 'gco2e' | 'energyWh' | 'waterMl';
export const QUANTITIES: readonly Quantity[] = ['gco2e', 'energyWh', 'waterMl'];

export interface Rate {
  /** Mean per calendar day (central estimate). */
  central: number;
  /** Mean per day on the low-end estimates. */
  min: number;
  /** Mean per day on the high-end estimates. */
  max: number;
  /** Lightest 7-day stretch, per day, on the low-end estimates. */
  lightWeek: number;
  /** Heaviest 7-day stretch, per day, on the high-end estimates. */
  heavyWeek: number;
}

export interface Trend {
  /** Least-squares slope of the daily central value, units per day per day. */
  slopePerDay: number;
  /** That slope over the window, relative to the mean (e.g. +0.25 = rising 25 %). */
  relativeChange: number;
  direction: 'up' | 'down' | 'flat';
}

export interface Habit {
  windowDays: number;
  /** Calendar days the averages are over (≤ windowDays: history may be shorter). */
  daysCovered: number;
  /** Days with any recorded usage. */
  activeDays: number;
  rates: Record<Quantity, Rate>;
  trend: Record<Quantity, Trend>;
}

/** A trend within ±10 % over the window is reported as flat. */
export const FLAT_TREND = 0.1;

/**
 * Daily averages over the last `windowDays` calendar days ending at `today` (yyyymmdd).
 * Gaps are days without usage and count as zero; days before the first recorded day are
 * not counted (a user who installed Tokenprint 3 days ago has a 3-day habit, not a tenth
 * of a 30-day one). Future days in the input are ignored.
 */
export function habit(days: readonly DayEstimate[], today: number, windowDays: number): Habit {
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw new RangeError(`windowDays must be a positive integer, got ${String(windowDays)}`);
  }
  const end = dayNumber(today);
  const known = days.map((d) => ({ n: dayNumber(d.day), e: d.estimate })).filter((d) => d.n <= end);
  const first = known.length ? Math.min(...known.map((d) => d.n)) : end;
  const start = Math.max(end - windowDays + 1, first);
  const span = end - start + 1;
  const series: Record<Quantity, { min: number[]; central: number[]; max: number[] }> = {
    gco2e: zeros(span),
    energyWh: zeros(span),
    waterMl: zeros(span),
  };
  const active = new Set<number>();
  for (const d of known) {
    if (d.n < start) continue;
    const i = d.n - start;
    for (const q of QUANTITIES) {
      const b: Band = d.e[q];
      series[q].min[i]! += b.min;
      series[q].central[i]! += b.central;
      series[q].max[i]! += b.max;
    }
    if (d.e.gco2e.max > 0 || d.e.energyWh.max > 0) active.add(d.n);
  }
  const rates = {} as Record<Quantity, Rate>;
  const trend = {} as Record<Quantity, Trend>;
  for (const q of QUANTITIES) {
    const s = series[q];
    const week = Math.min(7, span);
    rates[q] = {
      central: mean(s.central),
      min: mean(s.min),
      max: mean(s.max),
      lightWeek: Math.min(...rolling(s.min, week)),
      heavyWeek: Math.max(...rolling(s.max, week)),
    };
    trend[q] = trendOf(s.central);
  }
  return { windowDays, daysCovered: span, activeDays: active.size, rates, trend };
}

/** Habits over the standard windows (7, 30 and 90 days). */
export function habits(days: readonly DayEstimate[], today: number): Record<7 | 30 | 90, Habit> {
  return { 7: habit(days, today, 7), 30: habit(days, today, 30), 90: habit(days, today, 90) };
}

function zeros(n: number): { min: number[]; central: number[]; max: number[] } {
  return {
    min: new Array<number>(n).fill(0),
    central: new Array<number>(n).fill(0),
    max: new Array<number>(n).fill(0),
  };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

/** Means of every `w`-long stretch (at least one value). */
function rolling(xs: readonly number[], w: number): number[] {
  if (xs.length === 0) return [0];
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i]!;
    if (i >= w) sum -= xs[i - w]!;
    if (i >= w - 1) out.push(sum / w);
  }
  return out;
}

function trendOf(ys: readonly number[]): Trend {
  const n = ys.length;
  const m = mean(ys);
  if (n < 2 || m === 0) return { slopePerDay: 0, relativeChange: 0, direction: 'flat' };
  const xm = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - xm) * (y - m);
    sxx += (x - xm) ** 2;
  });
  const slopePerDay = sxy / sxx;
  const relativeChange = (slopePerDay * (n - 1)) / m;
  const direction =
    relativeChange > FLAT_TREND ? 'up' : relativeChange < -FLAT_TREND ? 'down' : 'flat';
  return { slopePerDay, relativeChange, direction };
}

// ---- Projections ----------------------------------------------------------------------

/** Horizons of the projection, in days (months and years of the Gregorian average). */
export const HORIZONS = [
  { id: '1m', label: '1 month', days: 365.2425 / 12 },
  { id: '3m', label: '3 months', days: (365.2425 / 12) * 3 },
  { id: '6m', label: '6 months', days: 365.2425 / 2 },
  { id: '1y', label: '1 year', days: 365.2425 },
  { id: '2y', label: '2 years', days: 365.2425 * 2 },
  { id: '5y', label: '5 years', days: 365.2425 * 5 },
] as const;

export type HorizonId = (typeof HORIZONS)[number]['id'];

export interface Projection {
  horizon: HorizonId;
  label: string;
  days: number;
  /** Cumulative totals if the habit continues: central = mean day × days; min = the
   * lightest week's pace on the low-end estimates; max = the heaviest week's pace on the
   * high-end estimates. The trend is not extrapolated. */
  gco2e: Band;
  energyWh: Band;
  waterMl: Band;
}

export function project(h: Habit): Projection[] {
  return HORIZONS.map((hz) => {
    const b = (q: Quantity): Band => ({
      min: h.rates[q].lightWeek * hz.days,
      central: h.rates[q].central * hz.days,
      max: h.rates[q].heavyWeek * hz.days,
    });
    return {
      horizon: hz.id,
      label: hz.label,
      days: hz.days,
      gco2e: b('gco2e'),
      energyWh: b('energyWh'),
      waterMl: b('waterMl'),
    };
  });
}
