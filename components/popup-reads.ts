/**
 * The popup's first two reads, without Dexie or WXT storage in the way: the recent daily
 * rollups with IndexedDB itself and the settings in one storage get. They are started by
 * a tiny classic script (entrypoints/popup-early.ts, loaded async by popup.html) as soon as
 * it arrives, while the popup's modules still load and evaluate; the popup takes them over
 * (takeEarlyReads) after checking they are the reads it would start itself.
 * No imports but types and `browser`: this module is that script's whole content.
 */
import { browser } from 'wxt/browser';
import { daysBefore } from '../lib/db/day';
import type { DailyRow } from '../lib/db/schema';

/**
 * Days of rollups the popup's first paint reads: today, 7 and 30 days, the 30-day chart
 * and the 30-day habit all lie in the last 30 days. With five years of history (~11k
 * rollup rows) this read stays ~180 rows.
 */
export const POPUP_DAYS = 30;

/** The extension's database (lib/db/schema.ts `db()`; restated here, a test checks). */
export const DB_NAME = 'tokenprint';

export interface DirectRows {
  rows: DailyRow[];
  /** Every row, read when nothing is recent (`allIfNone`). */
  all?: DailyRow[];
}

/**
 * The rollup rows from day `from` (yyyymmdd) on: one open and one getAll, without Dexie's
 * open (which inspects the schema in round trips of its own first).
 * Live updates still come through Dexie. With `allIfNone`, no row from `from` on also reads
 * every row, in the same transaction.
 * Resolves null, having changed nothing, when the database does not exist yet (the
 * creation the open would start is aborted: Dexie creates it with its schema) or cannot be
 * read; the caller then reads through Dexie. The connection is closed after the read, and
 * at once if Dexie asks to upgrade the schema meanwhile.
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
        // through the index (1.9 vs 2.6 ms for the 180 rows of 30 days at 90k, warm).
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

/** What the early script started, and with which parameters (the popup checks them). */
export interface EarlyReads {
  /** Database name. */
  name: string;
  /** First day read, yyyymmdd. */
  from: number;
  rows: Promise<DirectRows | null>;
  /** Extension storage keys read. */
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
  (globalThis as Slot)[SLOT] = {
    name,
    from,
    rows: readDailyDirect(name, from, { allIfNone: true }),
    keys,
    storage: browser.storage.local.get(keys).catch(() => null),
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
