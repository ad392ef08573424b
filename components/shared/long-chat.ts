/**
 * The long-chat hint (issue #14): what the next prompt of the newest conversation costs with
 * all it re-reads, and what it would cost in a new chat, from the user's own last prompt and
 * reply. METHODOLOGY.md §12 gives the arithmetic. No rendering here.
 */
import { estimate } from '../../lib/model/carbon';
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
 * The context at which a new chat halves the next prompt's cost: the smallest whole C with
 * cost(C) ≥ 2 · cost(0) (cost(0) still re-reads the site's system prompt). The estimate is
 * linear in the usage sums and a prompt's sums hold C and (p + C)², so cost is a quadratic
 * base + β·C + γ·C²: fitted exactly through C = 0, K, 2K, solved, then the whole-token
 * boundary checked against cost itself (float rounding). Infinity when no C up to
 * MAX_CONTEXT doubles it (a method that prices no input). Five or six calls of `cost`.
 */
export function halvingContext(cost: (context: number) => number, max = MAX_CONTEXT): number {
  const base = cost(0);
  if (!(base > 0)) return Infinity;
  const k = max / 2;
  const y1 = cost(k) - base;
  const y2 = cost(2 * k) - base;
  const gamma = (y2 - 2 * y1) / (2 * k * k);
  const beta = (y1 - gamma * k * k) / k;
  // γC² + βC − base = 0, the root above 0 (γ ≈ 0: the linear root).
  const root =
    Math.abs(gamma) < 1e-30
      ? base / beta
      : (-beta + Math.sqrt(beta * beta + 4 * gamma * base)) / (2 * gamma);
  if (!Number.isFinite(root) || root <= 0 || root > max) return Infinity;
  let c = Math.ceil(root);
  if (cost(c) < 2 * base) c++;
  else if (c > 1 && cost(c - 1) >= 2 * base) c--;
  return c;
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
  // A handful of estimates: cheaper than building a linear estimator at the popup's open.
  const prompt = Math.max(1, r.inputTokens);
  const at = (context: number) =>
    estimate(nextPromptUsage(prompt, r.outputTokens, context), r.model, r.site, a);
  try {
    at(0);
  } catch {
    return null; // assumptions the model refuses: the totals say so already
  }
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
