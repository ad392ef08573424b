import type {
  Assumptions,
  Band,
  Estimate,
  EstimatePart,
  PartId,
  UsageAggregate,
} from './carbon/types';
import { estimate as carbonEstimate, estimatorFor } from './carbon';
import { addUsage, emptyUsage } from './carbon/usage';
import { daysBefore, localDay } from '../db/day';
import type { DailyRow, TokenprintDB } from '../db/types';
import type { SiteId } from '../shared/types';

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
  /**
   * Of `responses`, those whose re-read context is known, and those with a hidden-reasoning
   * estimate (issue #14): the rest (older history) are unknown there, never invented.
   */
  contextRows: number;
  thinkRows: number;
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
  contextRows: 0,
  thinkRows: 0,
});

function addBand(into: Band, b: Band): void {
  into.min += b.min;
  into.max += b.max;
  into.central += b.central;
}

const zeroPart = (): EstimatePart => ({
  energyWh: zeroBand(),
  gco2e: zeroBand(),
  waterMl: zeroBand(),
});

export function addEstimate(into: Estimate, e: Estimate): void {
  addBand(into.energyWh, e.energyWh);
  addBand(into.gco2e, e.gco2e);
  addBand(into.usageGco2e, e.usageGco2e);
  addBand(into.embodiedGco2e, e.embodiedGco2e);
  addBand(into.waterMl, e.waterMl);
  // The parts (issue #14) add up like the totals; an estimate without them adds none.
  if (e.parts) {
    into.parts ??= {} as Record<PartId, EstimatePart>;
    for (const id of Object.keys(e.parts) as PartId[]) {
      const to = (into.parts[id] ??= zeroPart());
      const from = e.parts[id];
      addBand(to.energyWh, from.energyWh);
      addBand(to.gco2e, from.gco2e);
      addBand(to.waterMl, from.waterMl);
    }
  }
  if (e.hiddenReasoningTokens) {
    into.hiddenReasoningTokens ??= zeroBand();
    addBand(into.hiddenReasoningTokens, e.hiddenReasoningTokens);
  }
}

function addTotals(into: Totals, t: Totals): void {
  addEstimate(into.estimate, t.estimate);
  into.prompts += t.prompts;
  into.responses += t.responses;
  into.inputTokens += t.inputTokens;
  into.outputTokens += t.outputTokens;
  into.contextRows += t.contextRows;
  into.thinkRows += t.thinkRows;
}

/** Totals of one rollup row under the given assumptions. */
export function rowTotals(
  r: DailyRow,
  a: Assumptions,
  estimate: EstimateFn = carbonEstimate,
): Totals {
  const usage = emptyUsage();
  addUsage(usage, r);
  return totalsOf(estimate(usage, r.model, r.site, a), r.prompts, usage);
}

function totalsOf(e: Estimate, prompts: number, u: UsageAggregate): Totals {
  return {
    estimate: e,
    prompts,
    responses: u.count,
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    contextRows: u.contextRows ?? 0,
    thinkRows: u.thinkRows ?? 0,
  };
}

/** Local midnight (epoch ms) of a yyyymmdd day. */
export function dayStart(day: number): number {
  return new Date(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100).getTime();
}

// In the Dexie-free day module (the popup's early script uses it); importers here keep working.
export { daysBefore };

/** Days of per-day detail kept in `Stats.days` (the chart shows 30, the habit reads ≤ 90). */
export const DAY_DETAIL = 90;

/** Raw usage sums of one (site, model) bucket: estimated once, not once per row. */
interface Bucket {
  site: SiteId;
  model: string;
  rows: number;
  prompts: number;
  usage: Required<UsageAggregate>;
}

const isCount = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isOptional = (x: unknown) => x === undefined || isCount(x);

function validRow(r: DailyRow): boolean {
  return (
    isCount(r.count) &&
    isCount(r.prompts) &&
    isCount(r.inputTokens) &&
    isCount(r.inputTokensSq) &&
    isCount(r.outputTokens) &&
    // The issue #14 sums, absent in older rows (field by field, as addUsage).
    isOptional(r.contextTokens) &&
    isOptional(r.contextRows) &&
    isOptional(r.fullInputSq) &&
    isOptional(r.thinkMs) &&
    isOptional(r.thinkRows) &&
    isOptional(r.thinkVisible) &&
    isOptional(r.streamMs) &&
    isOptional(r.streamRows) &&
    isOptional(r.images) &&
    isOptional(r.fileTokens) &&
    isOptional(r.filesGuessed) &&
    isOptional(r.searches)
  );
}

function addToBucket(map: Map<string, Bucket>, r: DailyRow, key = `${r.site}\u0000${r.model}`) {
  let b = map.get(key);
  if (!b) {
    b = {
      site: r.site,
      model: r.model,
      rows: 0,
      prompts: 0,
      usage: emptyUsage(),
    };
    map.set(key, b);
  }
  b.rows++;
  b.prompts += r.prompts;
  addUsage(b.usage, r);
}

/**
 * Aggregates rollup rows. `week` and `month` are the last 7 and 30 calendar days including
 * today; `days` holds the last DAY_DETAIL days that have usage.
 *
 * The estimate is additive over usage (issue #5's contract), so rows are first summed per
 * (site, model) — per period, and per day for recent days — and each sum is estimated
 * once, not once per rollup row. Rows with negative or non-finite sums are left out and counted in `skipped`, as are the
 * rows of a bucket the model refuses (e.g. invalid assumptions).
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
  const detailFrom = daysBefore(now, DAY_DETAIL - 1);
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
  const periods = {
    all: new Map<string, Bucket>(),
    month: new Map<string, Bucket>(),
    week: new Map<string, Bucket>(),
    today: new Map<string, Bucket>(),
  };
  const perDay = new Map<number, Map<string, Bucket>>();
  for (const r of rows) {
    if (!validRow(r)) {
      s.skipped++;
      continue;
    }
    addToBucket(periods.all, r);
    if (r.day > today) continue;
    if (r.day >= monthFrom) addToBucket(periods.month, r);
    if (r.day >= weekFrom) addToBucket(periods.week, r);
    if (r.day === today) addToBucket(periods.today, r);
    if (r.day >= detailFrom) {
      let m = perDay.get(r.day);
      if (!m) perDay.set(r.day, (m = new Map()));
      addToBucket(m, r);
    }
  }
  // ~200 buckets for the popup share a handful of models: the carbon model's estimate goes
  // through one linear estimator per (site, model); other functions (tests' counting stubs)
  // are called as they are.
  const est =
    estimate === carbonEstimate
      ? estimatorFor(a)
      : (u: UsageAggregate, model: string, site: SiteId) => estimate(u, model, site, a);
  // Estimates of the all-time buckets, kept for the per-site and per-model breakdown.
  const estimated = (b: Bucket): Totals | null => {
    try {
      return totalsOf(est(b.usage, b.model, b.site), b.prompts, b.usage);
    } catch {
      return null;
    }
  };
  const sum = (into: Totals, m: Map<string, Bucket>, countSkipped: boolean) => {
    for (const b of m.values()) {
      const t = estimated(b);
      if (t) addTotals(into, t);
      else if (countSkipped) s.skipped += b.rows;
    }
  };
  sum(s.today, periods.today, false);
  sum(s.week, periods.week, false);
  sum(s.month, periods.month, false);
  const sites = new Map<SiteId, GroupTotals>();
  for (const b of periods.all.values()) {
    const t = estimated(b);
    if (!t) {
      s.skipped += b.rows;
      continue;
    }
    addTotals(s.all, t);
    s.byModel.push({ ...t, site: b.site, model: b.model });
    let g = sites.get(b.site);
    if (!g) sites.set(b.site, (g = { ...zeroTotals(), site: b.site }));
    addTotals(g, t);
  }
  for (const [day, m] of perDay) {
    const d: DayTotals = { ...zeroTotals(), day, start: dayStart(day) };
    sum(d, m, false);
    s.days.push(d);
  }
  s.days.sort((x, y) => x.day - y.day);
  const byGrams = (x: GroupTotals, y: GroupTotals) =>
    y.estimate.gco2e.central - x.estimate.gco2e.central;
  s.bySite = [...sites.values()].sort(byGrams);
  s.byModel.sort(byGrams);
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
