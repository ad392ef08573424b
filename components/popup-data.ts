import { liveQuery } from 'dexie';
import { db, type DailyRow } from '../lib/db/schema';
import { readSettingsOnce, settingsItem, withDefaults, type Settings } from '../lib/settings';
import { daysBefore, readDailyDirect } from '../lib/stats';
import { dailyRead, liveSource, type Live } from './hooks';

/**
 * Days of rollups the popup's first paint reads: today, 7 and 30 days, the 30-day chart
 * and the 30-day habit all lie in the last 30 days. With five years of history (~11k
 * rollup rows) this read stays ~180 rows.
 */
export const POPUP_DAYS = 30;

/** What the popup's first paint needs, read from the moment the popup's script runs. */
export interface PopupData {
  /** One clock reading per popup opening: the popup lives for seconds. */
  now: number;
  settings: Live<Settings>;
  /** The rollup rows of the last POPUP_DAYS days. */
  recent: Live<DailyRow[]>;
  /**
   * Every rollup row (all-time totals, breakdown, your dot on the slopes chart): read by
   * `follow()`, or at once when the recent days are empty (only all of history then tells
   * an empty database from a long pause).
   */
  all: Live<DailyRow[]>;
  /**
   * Reads all of history and follows writes to both reads (Dexie liveQuery). Called after
   * the first paint: reading ~11k rows and Dexie's open (which inspects the schema in round
   * trips of its own) need not delay it. A write made meanwhile is in liveQuery's first
   * result.
   */
  follow(): void;
}

/** Same rows with the same sums (liveQuery's first result usually repeats the first read). */
export function sameRows(a: readonly DailyRow[] | null, b: readonly DailyRow[]): boolean {
  return (
    a !== null &&
    a.length === b.length &&
    a.every((r, i) => {
      const s = b[i]!;
      return (
        r.day === s.day &&
        r.site === s.site &&
        r.model === s.model &&
        r.count === s.count &&
        r.prompts === s.prompts &&
        r.inputTokens === s.inputTokens &&
        r.inputTokensSq === s.inputTokensSq &&
        r.outputTokens === s.outputTokens
      );
    })
  );
}

/**
 * Starts the popup's two reads in parallel, each in one round trip: the settings
 * (readSettingsOnce) and the recent rollups (IndexedDB directly, readDailyDirect; through
 * Dexie when that cannot read). Settings changes are followed from the start.
 */
export function startPopupData(now = Date.now()): PopupData {
  const settings = liveSource<Settings>();
  let changed = false;
  // Registered before the read: a change made meanwhile wins over the read's older value.
  settingsItem.watch((v) => {
    changed = true;
    settings.set(withDefaults(v));
  });
  void readSettingsOnce().then(
    (s) => changed || settings.set(s),
    () => changed || settings.set(withDefaults(null)),
  );

  const from = daysBefore(now, POPUP_DAYS - 1);
  const recent = liveSource<DailyRow[]>();
  const all = liveSource<DailyRow[]>();
  let following = false;
  const follow = () => {
    if (following) return;
    following = true;
    for (const [src, since] of [
      [recent, from],
      [all, undefined],
    ] as const) {
      liveQuery(dailyRead(since)).subscribe({
        next: (rows) => sameRows(src.get(), rows) || src.set(rows),
        error: () => src.get() ?? src.set([]),
      });
    }
  };
  // Nothing recent: only all of history tells an empty database from a long pause.
  void readDailyDirect(db().name, from, { allIfNone: true }).then((got) => {
    if (!got) return follow();
    if (got.all) all.set(got.all);
    recent.set(got.rows);
  });
  return { now, settings, recent, all, follow };
}
