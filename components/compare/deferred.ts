/**
 * What the Compare page reads after its first paint, through Dexie (loaded then): the
 * period's replies for the routing what-ifs and the first day of history for the months.
 */
import type { Period } from '../../lib/model/compare/period';
import type { Reply } from '../../lib/model/compare/routing';
import { readReplies } from '../../lib/db/replies';
import { db } from '../../lib/db/schema';

export function repliesOf(period: Period): Promise<Reply[]> {
  return readReplies(db(), period.startMs, period.endMs);
}

/** The first day with a rollup row (yyyymmdd), or null for an empty history. */
export async function firstDay(): Promise<number | null> {
  const first = await db().daily.orderBy('day').first();
  return first?.day ?? null;
}
