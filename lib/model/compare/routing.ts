/**
 * Routing what-ifs (issue #19), beyond the popup's "one tier smaller": which replies a
 * router would send to which model, and what that saves in g CO2e, Wh, mL and API dollars.
 * They need each reply's length, so they work on replies (interaction rows), not rollups.
 * Pure: no browser, no database.
 */
import { chooseModel, estimatorFor, providerOf } from '../carbon/estimate';
import { MODELS, TIERS, modelSpec } from '../carbon/models';
import { usageCost } from '../carbon/prices';
import type { Assumptions, Band, Estimate, UsageAggregate } from '../carbon/types';
import { addUsage, emptyUsage, rowUsage, type RowCounts } from '../carbon/usage';
import { addEstimate, zeroEstimate } from '../stats';
import type { SiteId } from '../../shared/types';
import { detectAll, reasoningWork, replayedOn, siteOf } from './replay';

/**
 * One recorded reply: its site, model id, token counts and the whole exchange's counts
 * (issue #14; each absent when unknown).
 */
export interface Reply extends RowCounts {
  site: SiteId;
  model: string;
}

/** Footprint and API cost of some replies under one routing. */
export interface Routed {
  estimate: Estimate;
  /** USD; null when a model used has no public price. */
  costUsd: number | null;
}

export interface RoutingWhatIf {
  baseline: Routed;
  alternative: Routed;
  /** baseline − alternative, band by band (negative: the routing costs more). */
  savedG: Band;
  savedWh: Band;
  savedMl: Band;
  /** null when either side has a model without a public price. */
  savedUsd: number | null;
  /** Replies the routing sends to another model than the baseline, of `replies`. */
  moved: number;
  replies: number;
}

/**
 * The small non-reasoning model of a site's provider: the small tier's representative when it
 * is that provider's, else the provider's first small non-reasoning catalogue model (OpenAI:
 * GPT-4o mini, Anthropic: Claude Haiku 4.5, Mistral: Mistral Small 3).
 */
export function smallModelFor(site: SiteId): string {
  const p = providerOf(site);
  const rep = MODELS[TIERS.small.representative]!;
  if (rep.provider === p) return rep.id;
  const m = Object.values(MODELS).find(
    (x) => x.provider === p && x.tier === 'small' && !x.reasoning,
  );
  return m?.id ?? rep.id;
}

/**
 * The non-reasoning model that does a reasoning model's job when no reasoning is wanted: the
 * same maker's chat model of the same size and generation (where the catalogue has one).
 */
const SIBLINGS: Readonly<Record<string, string>> = Object.freeze({
  'gpt-5-thinking': 'gpt-5',
  'gpt-5-5-thinking': 'gpt-5-5',
  'gpt-5-pro': 'gpt-5',
  o1: 'gpt-4o',
  o3: 'gpt-4o',
  'o4-mini': 'gpt-4o-mini',
  'magistral-medium': 'mistral-medium',
  'magistral-small': 'mistral-small',
  // Gemini's Pro models always reason: the Flash of their generation stands in.
  'gemini-3-flash-thinking': 'gemini-3-flash',
  'gemini-2-5-pro': 'gemini-2-5-flash',
  'gemini-3-pro': 'gemini-3-flash',
  'gemini-3-1-pro': 'gemini-3-flash',
});

/** The non-reasoning sibling of a reasoning model (its tier's representative if unlisted). */
export function nonReasoningSibling(modelId: string): string {
  const s = SIBLINGS[modelId];
  if (s) return s;
  const spec = modelSpec(modelId);
  return TIERS[spec?.tier ?? 'large'].representative;
}

/** The catalogue's reasoning models, in catalogue order. */
export function reasoningModels(): string[] {
  return Object.values(MODELS)
    .filter((m) => m.reasoning)
    .map((m) => m.id);
}

/** Where one reply goes: a catalogue model id (estimated as named) or null (as recorded). */
type Route = (r: Reply) => string | null;

interface Sum {
  site: SiteId;
  model: string;
  asIs: boolean;
  u: Required<UsageAggregate>;
  /** Hidden reasoning of the rerouted replies, token-ms (lib/model/compare/replay.ts). */
  work: number;
}

/**
 * The footprint and cost of the replies under a routing: replies are summed per (site, model
 * used) first, then estimated once per sum (the estimate is linear in the sums). A rerouted
 * reply runs on its new model under that model's own provider assumptions, replayed as a
 * table row is (replayedOn: its hidden reasoning tokens only where the new model reasons,
 * its measured stream time dropped).
 */
function routed(replies: readonly Reply[], a: Assumptions, route: Route): Routed {
  const sums = new Map<string, Sum>();
  for (const r of replies) {
    const to = route(r);
    const site = to === null ? r.site : siteOf(modelSpec(to)!.provider);
    const model = to ?? r.model;
    const k = `${to === null ? 'a' : 'r'}\u0000${site}\u0000${model}`;
    let s = sums.get(k);
    if (!s) {
      s = { site, model, asIs: to === null, u: emptyUsage(), work: 0 };
      sums.set(k, s);
    }
    const d = rowUsage(r);
    addUsage(s.u, d);
    if (to !== null) s.work += reasoningWork(d, r.model, r.site, a);
  }
  const asIs = estimatorFor(a);
  const free = estimatorFor(detectAll(a));
  const estimate = zeroEstimate();
  let cost: number | null = 0;
  for (const s of sums.values()) {
    const u = s.asIs ? s.u : replayedOn(s.u, s.work, modelSpec(s.model)!);
    const e = (s.asIs ? asIs : free)(u, s.model, s.site);
    addEstimate(estimate, e);
    const priced = s.asIs ? chooseModel(s.model, s.site, a).spec.id : s.model;
    const c = usageCost(priced, u, e.hiddenReasoningTokens?.central ?? 0, a);
    cost = cost === null || c === null ? null : cost + c;
  }
  return { estimate, costUsd: cost };
}

const diff = (x: Band, y: Band): Band => ({
  min: x.min - y.min,
  central: x.central - y.central,
  max: x.max - y.max,
});

function whatIf(replies: readonly Reply[], a: Assumptions, base: Route, alt: Route): RoutingWhatIf {
  const b = routed(replies, a, base);
  const x = routed(replies, a, alt);
  return {
    baseline: b,
    alternative: x,
    savedG: diff(b.estimate.gco2e, x.estimate.gco2e),
    savedWh: diff(b.estimate.energyWh, x.estimate.energyWh),
    savedMl: diff(b.estimate.waterMl, x.estimate.waterMl),
    savedUsd: b.costUsd === null || x.costUsd === null ? null : b.costUsd - x.costUsd,
    moved: replies.filter((r) => base(r) !== alt(r)).length,
    replies: replies.length,
  };
}

/**
 * Replies shorter than `maxTokens` output tokens go to the small model of their own provider;
 * the rest, and replies already on a small model, stay as recorded. Baseline: as recorded.
 */
export function shortRepliesToSmall(
  replies: readonly Reply[],
  a: Assumptions,
  maxTokens: number,
): RoutingWhatIf {
  if (!Number.isFinite(maxTokens) || maxTokens < 0) {
    throw new RangeError(`maxTokens must be a finite number ≥ 0, got ${maxTokens}`);
  }
  return whatIf(
    replies,
    a,
    () => null,
    (r) =>
      r.outputTokens < maxTokens && chooseModel(r.model, r.site, a).tier !== 'small'
        ? smallModelFor(r.site)
        : null,
  );
}

/**
 * Reasoning model `reasoningId` only for the replies the user ran on a reasoning model, its
 * non-reasoning sibling for the others. Baseline: every reply on `reasoningId` (its row of the
 * comparison table).
 */
export function reasoningOnlyWhereUsed(
  replies: readonly Reply[],
  a: Assumptions,
  reasoningId: string,
): RoutingWhatIf {
  const spec = modelSpec(reasoningId);
  if (!spec?.reasoning) throw new RangeError(`'${reasoningId}' is not a reasoning model`);
  const sibling = nonReasoningSibling(reasoningId);
  return whatIf(
    replies,
    a,
    () => reasoningId,
    (r) => (chooseModel(r.model, r.site, a).spec.reasoning ? reasoningId : sibling),
  );
}

/** The reasoning model the user ran most replies on, or the catalogue's first one. */
export function mostUsedReasoning(replies: readonly Reply[], a: Assumptions): string {
  const n = new Map<string, number>();
  for (const r of replies) {
    const s = chooseModel(r.model, r.site, a).spec;
    if (s.reasoning) n.set(s.id, (n.get(s.id) ?? 0) + 1);
  }
  const top = [...n.entries()].sort((x, y) => y[1] - x[1])[0];
  return top ? top[0] : reasoningModels()[0]!;
}
