/**
 * The user's own usage replayed on every catalogue model (issue #19): the same prompts,
 * re-read context, files, searches, images and replies (the daily rollups' sums), and the
 * same hidden reasoning tokens where the model reasons; each model's footprint under its own
 * provider's data-centre assumptions, its API-equivalent cost and its serving speed, next to
 * the user's actual mix. Pure: no browser, no database.
 */
import { chooseModel, detectEverywhere, estimate, modelTps, providerOf } from '../carbon/estimate';
import { MODELS, type ModelSpec } from '../carbon/models';
import { usageCost } from '../carbon/prices';
import { EXCHANGE_SUMS, addUsage, emptyUsage } from '../carbon/usage';
import type { Assumptions, Estimate, ProviderId, UsageAggregate } from '../carbon/types';
import type { DailyRow } from '../../db/types';
import { addEstimate, zeroEstimate } from '../stats';
import { SITE_IDS, type SiteId } from '../../shared/types';
import { REFERENCE_REPLY, energyClass, type EnergyClass } from './energy-class';

/** Usage sums of one (site, model) as the page recorded it. */
export interface Bucket {
  site: SiteId;
  model: string;
  usage: UsageAggregate;
}

const isCount = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isOptional = (x: unknown) => x === undefined || isCount(x);

/**
 * The rollup rows of days `fromDay`..`toDay` (yyyymmdd, inclusive) summed per (site, model).
 * Rows with corrupt sums or an unknown site are left out, as the popup's stats do.
 */
export function bucketsFromDaily(
  rows: readonly DailyRow[],
  fromDay: number,
  toDay: number,
): Bucket[] {
  const map = new Map<string, Bucket & { usage: Required<UsageAggregate> }>();
  for (const r of rows) {
    if (r.day < fromDay || r.day > toDay || !SITE_IDS.includes(r.site)) continue;
    if (![r.count, r.inputTokens, r.inputTokensSq, r.outputTokens].every(isCount)) continue;
    if (!EXCHANGE_SUMS.every((f) => isOptional(r[f]))) continue;
    if (r.count === 0) continue;
    const k = `${r.site}\u0000${r.model}`;
    let b = map.get(k);
    if (!b) map.set(k, (b = { site: r.site, model: r.model, usage: emptyUsage() }));
    addUsage(b.usage, r);
  }
  return [...map.values()];
}

/**
 * Hidden reasoning of some usage as work, token-milliseconds: its reasoning duration × the
 * speed of the model that stands for it (as the estimate turns duration into tokens), so a
 * replay can give another model the same tokens.
 */
export function reasoningWork(
  u: UsageAggregate,
  model: string,
  site: SiteId,
  a: Assumptions,
): number {
  const ms = u.thinkMs ?? 0;
  return ms > 0 ? ms * modelTps(chooseModel(model, site, a).spec) : 0;
}

/**
 * `u` replayed on `spec`: everything as recorded but the model's own part. Hidden reasoning
 * is the same tokens (`work`, reasoningWork summed) at `spec`'s speed on a reasoning model,
 * none on one that does not reason (its reasoning rows stay: a known zero); the measured
 * stream time was the recorded model's, so it is dropped and `spec`'s catalogue latency stands.
 */
export function replayedOn(u: UsageAggregate, work: number, spec: ModelSpec): UsageAggregate {
  const { streamMs: _ms, streamRows: _rows, ...rest } = u;
  return {
    ...rest,
    thinkMs: spec.reasoning && work > 0 ? work / modelTps(spec) : 0,
    thinkVisible: spec.reasoning ? (u.thinkVisible ?? 0) : 0,
  };
}

/** Assumptions with no site forced to a tier: a replay estimates the model it names. */
export function detectAll(a: Assumptions): Assumptions {
  return {
    ...a,
    siteModel: detectEverywhere(),
  };
}

/** The site whose provider assumptions (region, PUE, WUE) a provider's models run under. */
export function siteOf(p: ProviderId): SiteId {
  const s = SITE_IDS.find((x) => providerOf(x) === p);
  if (!s) throw new Error(`No site for provider '${p}'`);
  return s;
}

/** One row of the comparison: the actual mix, or every reply replayed on one model. */
export interface CompareRow {
  /** 'mix' for the user's actual mix, else the catalogue id. */
  key: string;
  /** The catalogue model (null for the mix). */
  spec: ModelSpec | null;
  estimate: Estimate;
  /** API-equivalent cost in USD; null: no public price (for the mix: none of it priced). */
  costUsd: number | null;
  /** Of the output tokens, the share on models without a public price (the mix; else 0 or 1). */
  unpricedShare: number;
  /** Serving speed: output tokens per second and seconds to the first token. */
  tps: number | null;
  ttftS: number | null;
  /** Seconds the period's average reply takes: time to first token + its tokens ÷ speed. */
  replyS: number | null;
  /** g CO2e (central) per 1,000 output tokens. */
  gPer1kOut: number | null;
  /** Tokens (prompt + reply) per Wh, per US dollar; grams per dollar (all central). */
  tokensPerWh: number | null;
  tokensPerUsd: number | null;
  gPerUsd: number | null;
  /** Central Wh of the reference reply (lib/model/compare/energy-class.ts) and its class. */
  referenceWh: number;
  energyClass: EnergyClass;
}

export interface Comparison {
  /** The usage replayed: every bucket summed (as recorded: the mix's). */
  usage: UsageAggregate;
  mix: CompareRow;
  /** One row per catalogue model, in catalogue order. */
  models: CompareRow[];
}

const ratio = (x: number, y: number | null) => (y != null && y > 0 ? x / y : null);

function ratios(
  e: Estimate,
  usage: UsageAggregate,
  costUsd: number | null,
): Pick<CompareRow, 'gPer1kOut' | 'tokensPerWh' | 'tokensPerUsd' | 'gPerUsd'> {
  const tokens = usage.inputTokens + usage.outputTokens;
  const g = e.gco2e.central;
  return {
    gPer1kOut: usage.outputTokens > 0 ? (g / usage.outputTokens) * 1000 : null,
    tokensPerWh: ratio(tokens, e.energyWh.central),
    tokensPerUsd: ratio(tokens, costUsd),
    gPerUsd: ratio(g, costUsd),
  };
}

/**
 * Every reply of `recorded` on catalogue model `spec` (replayedOn, `work` its hidden
 * reasoning), under its provider's assumptions.
 */
function modelRow(
  spec: ModelSpec,
  recorded: UsageAggregate,
  work: number,
  free: Assumptions,
): CompareRow {
  // Two estimates per model: a linear estimator (four to build) would not pay off here.
  const est = (u: UsageAggregate, id: string, site: SiteId) => estimate(u, id, site, free);
  const site = siteOf(spec.provider);
  const usage = replayedOn(recorded, work, spec);
  const e = est(usage, spec.id, site);
  const costUsd = usageCost(spec.id, usage, e.hiddenReasoningTokens?.central ?? 0, free);
  const d = spec.deployment;
  const referenceWh = est(REFERENCE_REPLY, spec.id, site).energyWh.central;
  return {
    key: spec.id,
    spec,
    estimate: e,
    costUsd,
    unpricedShare: costUsd === null && usage.outputTokens > 0 ? 1 : 0,
    tps: d?.tps ?? null,
    ttftS: d?.ttftS ?? null,
    replyS: d && usage.count > 0 ? d.ttftS + usage.outputTokens / usage.count / d.tps : null,
    ...ratios(e, usage, costUsd),
    referenceWh,
    energyClass: energyClass(referenceWh),
  };
}

/**
 * The actual mix: each bucket on the model that stands for it (lib/model/carbon chooseModel: the
 * detected model, a forced site tier, or the default tier for unknown and retired ids), under
 * the user's assumptions. Speeds are the mix's: replies weighted by count, tokens by time.
 */
function mixRow(buckets: readonly Bucket[], a: Assumptions): CompareRow {
  // Two estimates per bucket, as per model: estimatorFor's linear estimators (13 raw
  // figures to build each) cost the mix as much as every model row together.
  const est = (u: UsageAggregate, id: string, site: SiteId) => estimate(u, id, site, a);
  const e = zeroEstimate();
  const usage = emptyUsage();
  let cost = 0;
  let priced = false;
  let unpricedOut = 0;
  let ttftSum = 0;
  let genS = 0;
  let timedCount = 0;
  let timedOut = 0;
  let refWh = 0;
  for (const b of buckets) {
    const spec = chooseModel(b.model, b.site, a).spec;
    const be = est(b.usage, b.model, b.site);
    addEstimate(e, be);
    addUsage(usage, b.usage);
    const c = usageCost(spec.id, b.usage, be.hiddenReasoningTokens?.central ?? 0, a);
    if (c === null) unpricedOut += b.usage.outputTokens;
    else {
      cost += c;
      priced = true;
    }
    if (spec.deployment) {
      ttftSum += b.usage.count * spec.deployment.ttftS;
      genS += b.usage.outputTokens / spec.deployment.tps;
      timedCount += b.usage.count;
      timedOut += b.usage.outputTokens;
    }
    refWh += b.usage.count * est(REFERENCE_REPLY, b.model, b.site).energyWh.central;
  }
  const costUsd = priced ? cost : null;
  const referenceWh = usage.count > 0 ? refWh / usage.count : 0;
  return {
    key: 'mix',
    spec: null,
    estimate: e,
    costUsd,
    unpricedShare: usage.outputTokens > 0 ? unpricedOut / usage.outputTokens : 0,
    tps: genS > 0 ? timedOut / genS : null,
    ttftS: timedCount > 0 ? ttftSum / timedCount : null,
    replyS: timedCount > 0 ? (ttftSum + genS) / timedCount : null,
    // Ratios over the priced part only would mislead: money ratios need the whole mix priced.
    ...ratios(e, usage, unpricedOut > 0 ? null : costUsd),
    referenceWh,
    energyClass: energyClass(referenceWh),
  };
}

/**
 * The comparison for some usage: the actual mix, then every catalogue model. Every model
 * row replays the same summed usage (the estimate is linear in the sums, lib/model/carbon), so the
 * page costs one estimate per model, not one per day. Hidden reasoning is summed as work,
 * each bucket's at the speed of the model that stood for it under `a` (reasoningWork).
 */
export function compareModels(buckets: readonly Bucket[], a: Assumptions): Comparison {
  const usage = emptyUsage();
  let work = 0;
  for (const b of buckets) {
    addUsage(usage, b.usage);
    work += reasoningWork(b.usage, b.model, b.site, a);
  }
  const free = detectAll(a);
  return {
    usage,
    mix: mixRow(buckets, a),
    models: Object.values(MODELS).map((m) => modelRow(m, usage, work, free)),
  };
}

/** Columns the table sorts by. */
export type SortKey =
  | 'name'
  | 'gco2e'
  | 'energyWh'
  | 'waterMl'
  | 'costUsd'
  | 'tps'
  | 'ttftS'
  | 'replyS'
  | 'gPer1kOut'
  | 'tokensPerWh'
  | 'tokensPerUsd'
  | 'gPerUsd'
  | 'energyClass';

function sortValue(r: CompareRow, k: SortKey): number | string | null {
  switch (k) {
    case 'name':
      return r.spec?.name ?? '';
    case 'gco2e':
    case 'energyWh':
    case 'waterMl':
      return r.estimate[k].central;
    case 'energyClass':
      return r.referenceWh;
    default:
      return r[k];
  }
}

/**
 * Model rows sorted by a column (the mix stays first on the page, apart from these). Rows
 * without a value (no public price, no speed) go last in either direction; ties keep the
 * catalogue order.
 */
export function sortRows(
  rows: readonly CompareRow[],
  k: SortKey,
  dir: 'asc' | 'desc',
): CompareRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, v: sortValue(r, k) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      const c = typeof x.v === 'string' ? x.v.localeCompare(y.v as string) : x.v - (y.v as number);
      return c !== 0 ? sign * c : x.i - y.i;
    })
    .map((x) => x.r);
}
