import type { Assumptions, Band, Estimate, UsageAggregate } from './carbon/types';
import { estimate as carbonEstimate } from './carbon';
import { localDay, type DailyRow, type TokenprintDB } from './db/schema';
import type { SiteId } from './types';

/**
 * Totals for the popup, the report and the badge, computed from the `daily` rollups only
 * (O(days × sites × models), never a scan of all interactions). The estimate is additive
 * over rollups, so summing per-row estimates equals estimating the sum.
 */
export interface Totals {
  estimate: Estimate;
  /** Prompts captured. */
  prompts: number;
  /** Completed responses (interactions). */
  responses: number;
  inputTokens: number;
  outputTokens: number;
}

export interface DayTotals extends Totals {
  /** yyyymmdd */
  day: number;
  /** Local midnight of that day, epoch ms. */
  start: number;
}

export interface GroupTotals extends Totals {
  site: SiteId;
  /** Present for per-model groups. */
  model?: string;
}

export interface Stats {
  today: Totals;
  week: Totals;
  month: Totals;
  all: Totals;
  /** One entry per day with any row, oldest first. */
  days: DayTotals[];
  bySite: GroupTotals[];
  byModel: GroupTotals[];
  /** Rollup rows that could not be estimated (corrupt sums or invalid assumptions). */
  skipped: number;
}

export type PeriodId = 'today' | 'week' | 'month' | 'all';
export const PERIODS: readonly PeriodId[] = ['today', 'week', 'month', 'all'];

type EstimateFn = (u: UsageAggregate, model: string, site: SiteId, a: Assumptions) => Estimate;

const zeroBand = (): Band => ({ min: 0, max: 0, central: 0 });
export const zeroEstimate = (): Estimate => ({
  energyWh: zeroBand(),
  gco2e: zeroBand(),
  usageGco2e: zeroBand(),
  embodiedGco2e: zeroBand(),
  waterMl: zeroBand(),
});
export const zeroTotals = (): Totals => ({
  estimate: zeroEstimate(),
  prompts: 0,
  responses: 0,
  inputTokens: 0,
  outputTokens: 0,
});

function addBand(into: Band, b: Band): void {
  into.min += b.min;
  into.max += b.max;
  into.central += b.central;
}

export function addEstimate(into: Estimate, e: Estimate): void {
  addBand(into.energyWh, e.energyWh);
  addBand(into.gco2e, e.gco2e);
  addBand(into.usageGco2e, e.usageGco2e);
  addBand(into.embodiedGco2e, e.embodiedGco2e);
  addBand(into.waterMl, e.waterMl);
}

function addTotals(into: Totals, t: Totals): void {
  addEstimate(into.estimate, t.estimate);
  into.prompts += t.prompts;
  into.responses += t.responses;
  into.inputTokens += t.inputTokens;
  into.outputTokens += t.outputTokens;
}

/** Totals of one rollup row under the given assumptions. */
export function rowTotals(
  r: DailyRow,
  a: Assumptions,
  estimate: EstimateFn = carbonEstimate,
): Totals {
  const usage: UsageAggregate = {
    count: r.count,
    inputTokens: r.inputTokens,
    inputTokensSq: r.inputTokensSq,
    outputTokens: r.outputTokens,
  };
  return {
    estimate: estimate(usage, r.model, r.site, a),
    prompts: r.prompts,
    responses: r.count,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
  };
}

/** Local midnight (epoch ms) of a yyyymmdd day. */
export function dayStart(day: number): number {
  return new Date(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100).getTime();
}

/** yyyymmdd of the local day `n` calendar days before the one containing `now`. */
export function daysBefore(now: number, n: number): number {
  const d = new Date(now);
  d.setHours(12, 0, 0, 0); // noon: immune to DST shifts when stepping whole days
  d.setDate(d.getDate() - n);
  return localDay(d.getTime());
}

/**
 * Aggregates rollup rows. `week` and `month` are the last 7 and 30 calendar days including
 * today. `from`/`to` (yyyymmdd, inclusive) restrict every figure, e.g. for a monthly report.
 */
export function computeStats(
  rows: readonly DailyRow[],
  a: Assumptions,
  now: number,
  estimate: EstimateFn = carbonEstimate,
): Stats {
  const today = localDay(now);
  const weekFrom = daysBefore(now, 6);
  const monthFrom = daysBefore(now, 29);
  const s: Stats = {
    today: zeroTotals(),
    week: zeroTotals(),
    month: zeroTotals(),
    all: zeroTotals(),
    days: [],
    bySite: [],
    byModel: [],
    skipped: 0,
  };
  const days = new Map<number, DayTotals>();
  const sites = new Map<SiteId, GroupTotals>();
  const models = new Map<string, GroupTotals>();
  for (const r of rows) {
    let t: Totals;
    try {
      t = rowTotals(r, a, estimate);
    } catch {
      // A corrupt rollup (negative or non-finite sums) must not blank the whole popup;
      // the popup says how many were left out.
      s.skipped++;
      continue;
    }
    addTotals(s.all, t);
    if (r.day >= monthFrom && r.day <= today) addTotals(s.month, t);
    if (r.day >= weekFrom && r.day <= today) addTotals(s.week, t);
    if (r.day === today) addTotals(s.today, t);
    let d = days.get(r.day);
    if (!d) days.set(r.day, (d = { ...zeroTotals(), day: r.day, start: dayStart(r.day) }));
    addTotals(d, t);
    let g = sites.get(r.site);
    if (!g) sites.set(r.site, (g = { ...zeroTotals(), site: r.site }));
    addTotals(g, t);
    const mk = `${r.site}\u0000${r.model}`;
    let m = models.get(mk);
    if (!m) models.set(mk, (m = { ...zeroTotals(), site: r.site, model: r.model }));
    addTotals(m, t);
  }
  s.days = [...days.values()].sort((x, y) => x.day - y.day);
  const byGrams = (x: GroupTotals, y: GroupTotals) =>
    y.estimate.gco2e.central - x.estimate.gco2e.central;
  s.bySite = [...sites.values()].sort(byGrams);
  s.byModel = [...models.values()].sort(byGrams);
  return s;
}

/** The rollup rows of days `from`..`to` (yyyymmdd, inclusive), or all of them. */
export function readDaily(database: TokenprintDB, from?: number, to?: number): Promise<DailyRow[]> {
  if (from === undefined) return database.daily.toArray();
  return database.daily
    .where('day')
    .between(from, to ?? 99991231, true, true)
    .toArray();
}

/** Today's totals only (for the toolbar badge): reads today's rollup rows. */
export async function todayTotals(
  database: TokenprintDB,
  a: Assumptions,
  now: number,
  estimate: EstimateFn = carbonEstimate,
): Promise<Totals> {
  const rows = await readDaily(database, localDay(now), localDay(now));
  const t = zeroTotals();
  for (const r of rows) addTotals(t, rowTotals(r, a, estimate));
  return t;
}
