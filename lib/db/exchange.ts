import type { InteractionRow } from './types';

/**
 * The whole exchange's per-row fields (issue #14), in their stored order: one table shared by
 * the row encoding, the rollups, validation and export, so a field is added in one place.
 * Counts and durations only, never text; each is omitted when unknown.
 */
export const EXCHANGE_FIELDS = [
  'contextTokens',
  'contextFrom',
  'thinkMs',
  'thinkHow',
  'ttftMs',
  'streamMs',
  'images',
  'fileTokens',
  'filesGuessed',
  'searches',
] as const;

export type ExchangeField = (typeof EXCHANGE_FIELDS)[number];
export type Exchange = Pick<InteractionRow, ExchangeField>;

export const CONTEXT_FROM = ['tap', 'dom'] as const;
export const THINK_HOW = ['duration', 'label', 'timing', 'none', 'unparsed', 'capped'] as const;

/** Text-valued fields and their values (stored as the value's index). */
export const ENUMS: Partial<Record<ExchangeField, readonly string[]>> = {
  contextFrom: CONTEXT_FROM,
  thinkHow: THINK_HOW,
};

/** A hidden reasoning duration above this is capped and flagged 'capped' (the sites cap theirs well below). */
export const MAX_THINK_MS = 3_600_000;
/** Stream timings above this are not one reply's (a tab left asleep mid-stream): dropped. */
export const MAX_STREAM_MS = 3_600_000;
/** Counts per exchange (tokens, images, files, calls) above this mark bad input. */
export const MAX_EXCHANGE_COUNT = 10_000_000;

/** Largest value a numeric field may hold. */
export function exchangeMax(f: ExchangeField): number {
  return f === 'thinkMs'
    ? MAX_THINK_MS
    : f === 'ttftMs' || f === 'streamMs'
      ? MAX_STREAM_MS
      : MAX_EXCHANGE_COUNT;
}

/** Why `v` is not a valid value of field `f`, or null. */
export function exchangeError(f: ExchangeField, v: unknown): string | null {
  const values = ENUMS[f];
  if (values)
    return typeof v === 'string' && values.includes(v)
      ? null
      : `must be one of ${values.join(', ')}`;
  const max = exchangeMax(f);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max
    ? null
    : `must be a whole number between 0 and ${max}`;
}

/** The exchange fields present on `r` (a copy, no other field). */
export function exchangeOf(r: Partial<Exchange>): Exchange {
  const out: Record<string, unknown> = {};
  for (const f of EXCHANGE_FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out as Exchange;
}

/**
 * A reasoning duration as recorded: negative or above MAX_THINK_MS is capped and flagged
 * 'capped' (issue #14: bad input is bounded, and the record says so).
 */
export function judgeThinkMs(
  ms: number,
  how: 'duration' | 'label' | 'timing',
): { thinkMs: number; thinkHow: NonNullable<InteractionRow['thinkHow']> } {
  if (!Number.isFinite(ms) || ms < 0) return { thinkMs: 0, thinkHow: 'capped' };
  if (ms > MAX_THINK_MS) return { thinkMs: MAX_THINK_MS, thinkHow: 'capped' };
  return { thinkMs: Math.round(ms), thinkHow: how };
}
