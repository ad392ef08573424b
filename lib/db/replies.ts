import type { Reply } from '../compare/routing';
import { SITE_IDS } from '../types';
import type { TokenprintDB } from './schema';

/**
 * The replies completed in [startMs, endMs), as the routing what-ifs need them (lib/compare):
 * site, model and token counts, no conversation. The interactions store has no time index
 * since schema v3 (its keys are hashes), so this reads every row once; the Compare page calls
 * it after its first paint, which comes from the daily rollups.
 */
export async function readReplies(
  database: TokenprintDB,
  startMs: number,
  endMs: number,
): Promise<Reply[]> {
  const rows = await database.interactions.toArray();
  const out: Reply[] = [];
  for (const [at, site, , model, inputTokens, outputTokens] of rows) {
    const s = SITE_IDS[site];
    if (at >= startMs && at < endMs && s) out.push({ site: s, model, inputTokens, outputTokens });
  }
  return out;
}
