import type { Reply } from '../model/compare/routing';
import { SITE_IDS } from '../shared/types';
import type { TokenprintDB } from './types';

/** Slices of the key space read one after the other (see readReplies). */
export const REPLY_READ_SLICES = 8;

/**
 * The replies completed in [startMs, endMs), as the routing what-ifs need them (lib/model/compare):
 * site, model and token counts, no conversation. The interactions store has no time index
 * since schema v3 (its keys are hashes), so this reads every row once; the Compare page calls
 * it after its first paint, which comes from the daily rollups. The keys are uniform over
 * [0, 2⁵³) (lib/db/keys.ts): the read goes in REPLY_READ_SLICES key ranges, each its own
 * task, so 90k rows are not one long task on the page's main thread.
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
