/**
 * The long-chat hint (issue #14): what the next prompt of the newest conversation costs with
 * all it re-reads, and what it would cost in a new chat, from the user's own last prompt and
 * reply. METHODOLOGY.md §12 gives the arithmetic. No rendering here.
 */
import { linearEstimator } from '../../lib/model/carbon';
import type { Assumptions, Band, Estimate, UsageAggregate } from '../../lib/model/carbon/types';
import type { LastReply } from '../../lib/db/last-reply';

/** Largest context the automatic threshold looks at (tokens): beyond any site's window. */
export const MAX_CONTEXT = 2_000_000;

/** One prompt of `prompt` tokens answered in `reply`, re-reading `context` tokens above it. */
export function nextPromptUsage(prompt: number, reply: number, context: number): UsageAggregate {
  return {
    count: 1,
    inputTokens: prompt,
    inputTokensSq: prompt * prompt,
    outputTokens: reply,
    contextTokens: context,
    contextRows: 1,
    fullInputSq: (prompt + context) ** 2,
  };
}

/**
 * What the next prompt re-reads: everything the last one did, plus that prompt with its files
 * and the reply it got (its hidden reasoning is not re-sent, as the providers document).
 * Null when the last reply's context is unknown.
 */
export function nextContext(r: LastReply): number | null {
  if (r.contextTokens === undefined) return null;
  return r.contextTokens + r.inputTokens + (r.fileTokens ?? 0) + r.outputTokens;
}

/**
 * The context at which a new chat halves the next prompt's cost: the smallest C with
 * cost(C) ≥ 2 · cost(0) (cost(0) still re-reads the site's system prompt), by bisection on
 * whole tokens; cost grows with C (prefill is a·C + b·C²). Infinity when even MAX_CONTEXT
 * does not double it (a method that prices no input).
 */
export function halvingContext(cost: (context: number) => number, max = MAX_CONTEXT): number {
  const base = cost(0);
  if (!(base > 0) || !(cost(max) >= 2 * base)) return Infinity;
  let lo = 0;
  let hi = max;
  while (hi - lo > 1) {
    const m = Math.floor((lo + hi) / 2);
    if (cost(m) >= 2 * base) hi = m;
    else lo = m;
  }
  return hi;
}

export interface LongChatHint {
  /** Tokens the next prompt would re-read in this conversation. */
  context: number;
  /** The threshold in force (tokens): automatic or the user's. */
  threshold: number;
  /** g CO₂e of the next prompt here, and in a new chat, with the same prompt and reply sizes. */
  here: Band;
  fresh: Band;
}

/**
 * The threshold for the newest reply: the user's, or (`'auto'`) where a new chat halves the
 * next prompt's grams (central) for this model, site and the user's last prompt and reply.
 */
export function longChatThreshold(
  r: LastReply,
  a: Assumptions,
  setting: 'auto' | number,
): { threshold: number; at: (context: number) => Estimate } | null {
  let f: (u: UsageAggregate) => Estimate;
  try {
    f = linearEstimator(r.model, r.site, a);
  } catch {
    return null; // assumptions the model refuses: the totals say so already
  }
  const prompt = Math.max(1, r.inputTokens);
  const at = (context: number) => f(nextPromptUsage(prompt, r.outputTokens, context));
  const threshold =
    setting === 'auto' ? halvingContext((c) => at(c).gco2e.central) : Math.max(0, setting);
  return { threshold, at };
}

/** The hint for the newest reply, or null: context unknown, below the threshold, or no dearer. */
export function longChatHint(
  r: LastReply | null,
  a: Assumptions,
  setting: 'auto' | number,
): LongChatHint | null {
  if (!r) return null;
  const context = nextContext(r);
  if (context === null) return null;
  const t = longChatThreshold(r, a, setting);
  if (!t || context < t.threshold) return null;
  const here = t.at(context).gco2e;
  const fresh = t.at(0).gco2e;
  if (!(here.central > fresh.central)) return null;
  return { context, threshold: t.threshold, here, fresh };
}
