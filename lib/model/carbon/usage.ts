/**
 * Usage sums (UsageAggregate, ./types.ts) in one place: the list of the optional issue #14
 * sums, an empty usage, adding usages, and one interaction's share of them. The rollup writer
 * (lib/db/write.ts), the estimate, the popup's stats and the Compare replay all sum with
 * these, so a sum added here reaches each of them. Pure.
 */
import type { InteractionRow } from '../../db/types';
import type { UsageAggregate } from './types';

/** The optional (issue #14) sums of a UsageAggregate, as the daily rollups hold them. */
export const EXCHANGE_SUMS = [
  'contextTokens',
  'contextRows',
  'fullInputSq',
  'thinkMs',
  'thinkRows',
  'thinkVisible',
  'streamMs',
  'streamRows',
  'images',
  'fileTokens',
  'filesGuessed',
  'searches',
] as const satisfies readonly (keyof UsageAggregate)[];
export type ExchangeSum = (typeof EXCHANGE_SUMS)[number];

/** Usage with every sum at zero (an absent issue #14 sum and a zero one price the same). */
export function emptyUsage(): Required<UsageAggregate> {
  return {
    count: 0,
    inputTokens: 0,
    inputTokensSq: 0,
    outputTokens: 0,
    contextTokens: 0,
    contextRows: 0,
    fullInputSq: 0,
    thinkMs: 0,
    thinkRows: 0,
    thinkVisible: 0,
    streamMs: 0,
    streamRows: 0,
    images: 0,
    fileTokens: 0,
    filesGuessed: 0,
    searches: 0,
  };
}

/**
 * Adds `u` (a usage or a rollup row) into `into`, every sum. Written out field by field: the
 * popup runs it for every rollup row of its history at open, and a loop over the field
 * names is a keyed access each.
 */
export function addUsage(into: Required<UsageAggregate>, u: UsageAggregate): void {
  into.count += u.count;
  into.inputTokens += u.inputTokens;
  into.inputTokensSq += u.inputTokensSq;
  into.outputTokens += u.outputTokens;
  into.contextTokens += u.contextTokens ?? 0;
  into.contextRows += u.contextRows ?? 0;
  // A usage without fullInputSq had no context: its full input square is its prompts'.
  into.fullInputSq += u.fullInputSq ?? u.inputTokensSq;
  into.thinkMs += u.thinkMs ?? 0;
  into.thinkRows += u.thinkRows ?? 0;
  into.thinkVisible += u.thinkVisible ?? 0;
  into.streamMs += u.streamMs ?? 0;
  into.streamRows += u.streamRows ?? 0;
  into.images += u.images ?? 0;
  into.fileTokens += u.fileTokens ?? 0;
  into.filesGuessed += u.filesGuessed ?? 0;
  into.searches += u.searches ?? 0;
}

/** The counts of one interaction that its share of the sums reads. */
export type RowCounts = Pick<
  InteractionRow,
  | 'inputTokens'
  | 'outputTokens'
  | 'reasoningTokens'
  | 'contextTokens'
  | 'thinkMs'
  | 'streamMs'
  | 'images'
  | 'fileTokens'
  | 'filesGuessed'
  | 'searches'
>;

/**
 * One interaction's share of the sums: unknown fields add nothing and leave their row count
 * alone, so the estimate prices a term only over the replies that measured it.
 */
export function rowUsage(r: RowCounts): Required<UsageAggregate> {
  const full = r.inputTokens + (r.contextTokens ?? 0) + (r.fileTokens ?? 0);
  const thinks = r.thinkMs !== undefined;
  return {
    count: 1,
    inputTokens: r.inputTokens,
    inputTokensSq: r.inputTokens * r.inputTokens,
    outputTokens: r.outputTokens,
    contextTokens: r.contextTokens ?? 0,
    contextRows: r.contextTokens !== undefined ? 1 : 0,
    fullInputSq: full * full,
    thinkMs: r.thinkMs ?? 0,
    thinkRows: thinks ? 1 : 0,
    thinkVisible: thinks ? (r.reasoningTokens ?? 0) : 0,
    streamMs: r.streamMs ?? 0,
    streamRows: r.streamMs !== undefined ? 1 : 0,
    images: r.images ?? 0,
    fileTokens: r.fileTokens ?? 0,
    filesGuessed: r.filesGuessed ?? 0,
    searches: r.searches ?? 0,
  };
}
