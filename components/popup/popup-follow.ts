/**
 * What the popup does after its first paint, with Dexie: follows writes to the daily rollups
 * (liveQuery) and brings the toolbar badge up to date. Imported dynamically (popup-data.ts,
 * Popup.tsx), so Dexie and the schema's upgrades are not loaded before that paint.
 */
import { liveQuery } from 'dexie';
import { refreshBadge } from '../../lib/worker/badge';
import { db, type DailyRow } from '../../lib/db/schema';
import { dailyRead } from '../shared/hooks';

/**
 * Calls `next` with the rollup rows from day `from` on (all of them when undefined), now
 * and after every write; `error` when they cannot be read.
 */
export function followDaily(
  from: number | undefined,
  next: (rows: DailyRow[]) => void,
  error: () => void,
): void {
  liveQuery(dailyRead(from)).subscribe({ next, error });
}

/**
 * The worker updates the badge on every write, but it sleeps through midnight: opening the
 * popup brings "today" up to date.
 */
export function refreshBadgeNow(): Promise<void> {
  return refreshBadge(db()).then(
    () => undefined,
    () => undefined,
  );
}
