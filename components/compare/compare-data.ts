/**
 * The Compare page's first reads, without Dexie (as the popup's, components/shared/popup-reads.ts):
 * the settings and the copy of the last 30 days of rollups in one storage get, else the
 * period's rollups straight from IndexedDB. Dexie loads after the first paint, for the
 * replies and the months (./deferred.ts). The page is a snapshot: it follows settings
 * changes, not new captures (reopen it for those).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { periodOf, type Period } from '../../lib/model/compare/period';
import { RECENT_KEY, recentFromStorage } from '../../lib/db/recent';
import type { DailyRow } from '../../lib/db/schema';
import {
  readSettingsOnce,
  settingsFromStorage,
  settingsItem,
  settingsStorageKeys,
  withDefaults,
  type Settings,
} from '../../lib/worker/settings';
import { DB_NAME, readDailyDirect, takeEarlyReads } from '../shared/popup-reads';

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

/** The settings as first read (set once known: the first render can use them at once). */
let settingsNow: Settings | null = null;
const settingsRead: Promise<Settings> = firstGet
  .then((got) => (got ? settingsFromStorage(got) : readSettingsOnce()))
  .catch(() => withDefaults(null))
  .then((v) => (settingsNow = v));

/** The settings, read once, then following every change. */
export function useCompareSettings(): Settings | null {
  const [s, setS] = useState<Settings | null>(settingsNow);
  useEffect(() => {
    let changed = false;
    const unwatch = settingsItem.watch((v) => {
      changed = true;
      setS(withDefaults(v));
    });
    void settingsRead.then((v) => changed || setS(v));
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

/** The first period's rows (the last 30 days), read from the module's start. */
let rowsNow: { fromDay: number; rows: DailyRow[] } | null = null;
const firstPeriod = periodOf({ kind: 'last30' }, Date.now());
const rowsRead = periodRows(firstPeriod)
  .catch(() => [])
  .then((rows) => (rowsNow = { fromDay: firstPeriod.fromDay, rows }));

/**
 * Resolves once the settings and the first period's rows are known, or after `ms`: the page
 * renders then, once with its table rather than first with placeholders (as the popup does).
 */
export function firstData(ms: number): Promise<void> {
  return Promise.race([
    Promise.all([settingsRead, rowsRead]).then(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, ms)),
  ]);
}

/** The period's rows, read again when the period changes (null until those are read). */
export function usePeriodRows(period: Period): DailyRow[] | null {
  const [got, setGot] = useState<{ fromDay: number; rows: DailyRow[] } | null>(rowsNow);
  useEffect(() => {
    if (got?.fromDay === period.fromDay) return;
    let live = true;
    void periodRows(period)
      .catch(() => [])
      .then((rows) => live && setGot({ fromDay: period.fromDay, rows }));
    return () => {
      live = false;
    };
    // Only a new period reads: `got` changes because of this effect.
  }, [period]);
  // Another period's rows are not shown for this one, not even for a render (rows are read
  // from the first day on, so the same first day means the same rows).
  return got?.fromDay === period.fromDay ? got.rows : null;
}
