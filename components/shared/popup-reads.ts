/**
 * The popup's first reads without Dexie or WXT storage: settings and the recent-rollups
 * copy (lib/db/recent.ts) in one storage get, else IndexedDB directly. Started by the tiny
 * early script (entrypoints/popup-early.ts) while the popup's modules load, and taken over
 * (takeEarlyReads) once checked; it is that script's whole content, so it imports little.
 */
import { browser } from 'wxt/browser';
import { daysBefore } from '../../lib/db/day';
import { RECENT_DAYS, RECENT_KEY, recentFromStorage, type RecentRows } from '../../lib/db/recent';
import type { DailyRow } from '../../lib/db/schema';

/**
 * Days of rollups the popup's first paint reads: today, 7 and 30 days, the 30-day chart and
 * habit all lie in them, so the read stays small however long the history.
 */
export const POPUP_DAYS = RECENT_DAYS;

/** The extension's database (lib/db/schema.ts `db()`; restated here, a test checks). */
export const DB_NAME = 'tokenprint';

/** The newest reply's copy (lib/db/last-reply.ts LAST_REPLY_KEY; restated, a test checks). */
export const LAST_REPLY = 'lastReply';

/** The first-paint rows, from the copy or from IndexedDB: one shape for both. */
export type DirectRows = RecentRows;

/**
 * The rollup rows from day `from` (yyyymmdd) on: one open and one getAll, skipping Dexie's
 * open and its schema round trips. With `allIfNone`, no recent row also reads every row.
 * Resolves null, having changed nothing (a creation the open starts is aborted: Dexie creates
 * with its schema), when the database is missing or unreadable; the caller uses Dexie then.
 * Closed after the read, and at once if Dexie asks to upgrade meanwhile.
 */
export function readDailyDirect(
  name: string,
  from: number,
  { allIfNone = false } = {},
): Promise<DirectRows | null> {
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      open = indexedDB.open(name);
    } catch {
      return resolve(null);
    }
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (e) => {
      e.preventDefault(); // the abort above is expected: no uncaught error
      resolve(null);
    };
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const idb = open.result;
      idb.onversionchange = () => idb.close();
      const done = (v: DirectRows | null) => {
        idb.close();
        resolve(v);
      };
      try {
        const store = idb.transaction('daily', 'readonly').objectStore('daily');
        // The primary key starts with the day ([day+site+model], lib/db/schema.ts): a range
        // of it gives the `day` index's rows in the same order without looking each one up
        // through the index.
        const byKey = Array.isArray(store.keyPath) && store.keyPath[0] === 'day';
        const get = byKey
          ? store.getAll(IDBKeyRange.lowerBound([from]))
          : store.index('day').getAll(IDBKeyRange.lowerBound(from));
        get.onerror = (e) => {
          e.preventDefault();
          done(null);
        };
        get.onsuccess = () => {
          const rows = get.result as DailyRow[];
          if (rows.length > 0 || !allIfNone) return done({ rows });
          const every = store.getAll();
          every.onerror = get.onerror;
          every.onsuccess = () => done({ rows, all: every.result as DailyRow[] });
        };
      } catch {
        // No `daily` store or `day` index: not a database this code knows.
        done(null);
      }
    };
  });
}

/**
 * The first-paint rows from day `from` on: from the copy in extension storage
 * (lib/db/recent.ts) when `storage` (a get that included RECENT_KEY) holds one that serves,
 * else from IndexedDB (readDailyDirect, all of history too when nothing is recent).
 */
export function firstRows(
  name: string,
  from: number,
  storage: Promise<Record<string, unknown> | null>,
): Promise<DirectRows | null> {
  return storage.then(
    (got) =>
      recentFromStorage(got?.[RECENT_KEY], from) ??
      readDailyDirect(name, from, { allIfNone: true }),
  );
}

/** What the early script started, and with which parameters (the popup checks them). */
export interface EarlyReads {
  /** Database name. */
  name: string;
  /** First day read, yyyymmdd. */
  from: number;
  rows: Promise<DirectRows | null>;
  /** The settings' extension storage keys (`storage` also read RECENT_KEY and LAST_REPLY). */
  keys: string[];
  storage: Promise<Record<string, unknown> | null>;
  /** Whether one of `keys` changed since the read started (the popup then reads again). */
  changed(): boolean;
}

const SLOT = '__tokenprintEarlyReads';
type Slot = { [SLOT]?: EarlyReads };

/**
 * Starts both reads and leaves them for the popup. The parameters are the popup's own
 * (database 'tokenprint', the settings item's keys, the last `days` days), restated here so
 * the script stays small; the popup uses the reads only if they match.
 */
export function startEarlyReads(days: number, now = Date.now()): void {
  const from = daysBefore(now, days - 1);
  const keys = ['settings', 'settings$'];
  const name = DB_NAME;
  let changed = false;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && keys.some((k) => k in changes)) changed = true;
  });
  // One storage get: the settings, the copy of the recent rollups and the newest reply's.
  const storage = browser.storage.local.get([...keys, RECENT_KEY, LAST_REPLY]).catch(() => null);
  (globalThis as Slot)[SLOT] = {
    name,
    from,
    rows: firstRows(name, from, storage),
    keys,
    storage,
    changed: () => changed,
  };
}

/** The early reads, once (undefined when the early script did not run first). */
export function takeEarlyReads(): EarlyReads | undefined {
  const g = globalThis as Slot;
  const e = g[SLOT];
  delete g[SLOT];
  return e;
}
