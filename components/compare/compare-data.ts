/**
 * The Compare page's first reads, without Dexie (as the popup's, components/popup-reads.ts):
 * the settings and the copy of the last 30 days of rollups in one storage get, else the
 * period's rollups straight from IndexedDB. Dexie loads after the first paint, for the
 * replies and the months (./deferred.ts). The page is a snapshot: it follows settings
 * changes, not new captures (reopen it for those).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Period } from '../../lib/compare/period';
import { RECENT_KEY, recentFromStorage } from '../../lib/db/recent';
import type { DailyRow } from '../../lib/db/schema';
import {
  readSettingsOnce,
  settingsFromStorage,
  settingsItem,
  settingsStorageKeys,
  withDefaults,
  type Settings,
} from '../../lib/settings';
import { DB_NAME, readDailyDirect, takeEarlyReads } from '../popup-reads';

/**
 * The popup's early script (entrypoints/popup-early.ts, loaded async by compare.html too)
 * starts the same two reads for the last 30 days while this page's modules load: taken over
 * when they are the reads this page would start (same keys, same first day, no settings
 * change since).
 */
const early = takeEarlyReads();
const earlyOk = early?.name === DB_NAME && early.keys.join() === settingsStorageKeys().join();

/** The page's first storage get: the settings and the copy of the recent rollups. */
const firstGet: Promise<Record<string, unknown> | null> =
  earlyOk && !early.changed()
    ? early.storage
    : browser.storage.local.get([...settingsStorageKeys(), RECENT_KEY]).catch(() => null);

/** The early script's rows, for the one period they are (null once used or if none). */
let earlyRows = earlyOk ? { from: early.from, rows: early.rows } : null;

/** The settings, read once, then following every change. */
export function useCompareSettings(): Settings | null {
  const [s, setS] = useState<Settings | null>(null);
  useEffect(() => {
    let changed = false;
    const unwatch = settingsItem.watch((v) => {
      changed = true;
      setS(withDefaults(v));
    });
    void firstGet
      .then((got) => (got ? settingsFromStorage(got) : readSettingsOnce()))
      .catch(() => withDefaults(null))
      .then((v) => changed || setS(v));
    return unwatch;
  }, []);
  return s;
}

/**
 * The rollup rows of `period` (and possibly later days; the replay filters): the stored
 * copy when it covers the period, else IndexedDB from the period's first day on.
 */
export async function periodRows(period: Period): Promise<DailyRow[]> {
  const e = earlyRows;
  earlyRows = null;
  const fromEarly = e?.from === period.fromDay ? await e.rows : null;
  if (fromEarly) return fromEarly.rows;
  const got = await firstGet;
  const copy = recentFromStorage(got?.[RECENT_KEY], period.fromDay);
  if (copy) return copy.rows;
  const direct = await readDailyDirect(DB_NAME, period.fromDay);
  return direct?.rows ?? [];
}

/** The period's rows, read again when the period changes (null until those are read). */
export function usePeriodRows(period: Period): DailyRow[] | null {
  const [got, setGot] = useState<{ period: Period; rows: DailyRow[] } | null>(null);
  useEffect(() => {
    let live = true;
    void periodRows(period)
      .catch(() => [])
      .then((rows) => live && setGot({ period, rows }));
    return () => {
      live = false;
    };
  }, [period]);
  // Another period's rows are not shown for this one, not even for a render.
  return got?.period === period ? got.rows : null;
}
