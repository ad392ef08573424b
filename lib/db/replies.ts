import type { Reply } from '../model/compare/routing';
import { SITE_IDS } from '../shared/types';
import { decodeInteraction } from './rows';
import type { TokenprintDB } from './types';

/** No conversation ids: the what-ifs do not need them. */
const NO_CONVERSATIONS: ReadonlyMap<number, string> = new Map();

/** Slices of the key space read one after the other (see readReplies). */
export const REPLY_READ_SLICES = 8;

/**
 * The replies completed in [startMs, endMs), with their exchange counts (issue #14), for the
 * routing what-ifs (lib/model/compare).
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
    for (const v of rows) {
      if (v[0] < startMs || v[0] >= endMs || SITE_IDS[v[1]] === undefined) continue;
      // What capture measured of the reply, without its time, conversation or provenance.
      const {
        at: _at,
        conversationId: _c,
        contextFrom: _from,
        thinkHow: _how,
        ttftMs: _ttft,
        ...reply
      } = decodeInteraction(v, NO_CONVERSATIONS);
      out.push(reply);
    }
  }
  return out;
}
