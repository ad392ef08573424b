import type { Reply } from '../model/compare/routing';
import { SITE_IDS } from '../shared/types';
import type { TokenprintDB } from './types';

/** Slices of the key space read one after the other (see readReplies). */
export const REPLY_READ_SLICES = 8;

/**
 * The replies completed in [startMs, endMs), for the routing what-ifs (lib/model/compare).
 * No time index since schema v3, so every row is read; keys are uniform over [0, 2⁵³), so
 * REPLY_READ_SLICES key ranges, each its own task, keep the page's main thread responsive.
 */
export async function readReplies(
  database: TokenprintDB,
  startMs: number,
  endMs: number,
): Promise<Reply[]> {
  const out: Reply[] = [];
  const step = 2 ** 53 / REPLY_READ_SLICES;
  for (let i = 0; i < REPLY_READ_SLICES; i++) {
    const lo = i * step;
    const hi = i === REPLY_READ_SLICES - 1 ? Infinity : (i + 1) * step;
    const rows = await database.interactions.where(':id').between(lo, hi, true, false).toArray();
    for (const [at, site, , model, inputTokens, outputTokens] of rows) {
      const s = SITE_IDS[site];
      if (at >= startMs && at < endMs && s) out.push({ site: s, model, inputTokens, outputTokens });
    }
  }
  return out;
}
