/**
 * A copy of the recent daily rollups in extension storage, for the popup's first paint.
 *
 * Why: opening IndexedDB and reading from it takes longer the more the database holds, and
 * often finishes after the popup's modules are ready; extension storage answers in one
 * round trip whatever the database holds, and the popup reads its settings there.
 *
 * The copy is kept by the database itself: every write to `daily` (capture, import, delete,
 * upgrade) schedules a refresh in the context that wrote (`keepRecentCopy`, a Dexie
 * middleware), which reads the rows once that write has committed or aborted. Refreshes of
 * all contexts (worker, options page) take turns under one Web Lock, so the last one reads
 * after the last write. A refresh that fails removes the copy, and "Delete all data"
 * removes it (lib/worker/export.ts): the popup then reads the database. Until the first write (a
 * new install, or an update from a release without the copy), and while nothing is recent
 * but older history exists, the popup reads the database, one storage round trip later
 * than before the copy. The worker does not write the copy when it starts: opening the
 * database at every browser start leaves LevelDB's replaced files on disk after its
 * compaction at reopening (the database nearly doubled at 90k). It is a first paint only:
 * the popup then follows the database (liveQuery), so a copy that lags (a worker stopped
 * between a write and its refresh) is on screen for a moment and is replaced; it stays
 * stored until the next write. It holds what `daily` holds, counts and model names, never
 * text.
 *
 * No Dexie import but types: the popup's first paint reads the copy through
 * `recentFromStorage` without loading Dexie.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { browser } from 'wxt/browser';
import { SITE_IDS } from '../shared/types';
import { daysBefore } from './day';
import type { DailyRow, TokenprintDB } from './types';

/** Days of rollups in the copy: the popup's first paint (components/shared/popup-reads.ts). */
export const RECENT_DAYS = 30;

/** The copy's extension storage key. */
export const RECENT_KEY = 'recentDaily';

/** The copy's format; another one is ignored (the popup then reads the database). */
const FORMAT = 1;

/** What `RECENT_KEY` holds. */
export interface RecentCopy {
  v: typeof FORMAT;
  /** First day (yyyymmdd) the copy holds every row from. */
  from: number;
  /** Rows from `from` on, in primary-key order (day, site, model). */
  rows: DailyRow[];
  /** Whether `daily` holds any row at all (only asked when `rows` is empty). */
  any: boolean;
}

/** The first-paint rows: from the copy, or what `readDailyDirect` reads. */
export interface RecentRows {
  rows: DailyRow[];
  /**
   * Every row, when nothing is recent: from the copy when `daily` is empty (see `any`), from
   * IndexedDB with `readDailyDirect`'s `allIfNone`.
   */
  all?: DailyRow[];
}

const COUNT_FIELDS = ['prompts', 'count', 'inputTokens', 'inputTokensSq', 'outputTokens'] as const;

function isRow(r: unknown): r is DailyRow {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return (
    Number.isInteger(o.day) &&
    (SITE_IDS as readonly unknown[]).includes(o.site) &&
    typeof o.model === 'string' &&
    COUNT_FIELDS.every((f) => typeof o[f] === 'number' && Number.isFinite(o[f]) && o[f] >= 0)
  );
}

/**
 * The rows from day `from` on, from a stored copy; null when there is no usable copy: none,
 * another format, a malformed one, one that starts after `from`, or one with nothing recent
 * while `daily` has older rows (only all of history then tells an empty database from a
 * long pause, which the database read does).
 */
export function recentFromStorage(value: unknown, from: number): RecentRows | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Partial<RecentCopy>;
  if (c.v !== FORMAT || !Number.isInteger(c.from) || c.from! > from) return null;
  if (!Array.isArray(c.rows) || typeof c.any !== 'boolean' || !c.rows.every(isRow)) return null;
  const rows = c.rows.filter((r) => r.day >= from);
  if (rows.length > 0) return { rows };
  return c.any ? null : { rows, all: [] };
}

/** Resolves once no copy is waiting to be written (tests; an idle page resolves at once). */
export function recentCopyWritten(): Promise<void> {
  if (![...busy].some((b) => b())) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}
const busy = new Set<() => boolean>();
const waiters: (() => void)[] = [];

/** The Web Lock all contexts' refreshes take turns under (see keepRecentCopy). */
const LOCK = 'tokenprint:recent-copy';

/**
 * Reads the recent rows from the database and stores the copy, under the lock where the
 * context has Web Locks (every extension context does; unit tests may not).
 */
export async function writeRecentCopyLocked(database: TokenprintDB): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return writeRecentCopy(database);
  await locks.request(LOCK, () => writeRecentCopy(database));
}

/** Reads the recent rows from the database and stores the copy. */
export async function writeRecentCopy(database: TokenprintDB, now = Date.now()): Promise<void> {
  const from = daysBefore(now, RECENT_DAYS - 1);
  const { rows, any } = await database.transaction('r', database.daily, async () => {
    // The primary key starts with the day: the same order as the popup's own read.
    const rows = await database.daily.where(':id').aboveOrEqual([from]).toArray();
    return { rows, any: rows.length > 0 || (await database.daily.count()) > 0 };
  });
  const copy: RecentCopy = { v: FORMAT, from, rows, any };
  await browser.storage.local.set({ [RECENT_KEY]: copy });
}

/**
 * Keeps the copy for this database: a Dexie middleware that notes every write to `daily`
 * and refreshes the copy once after it. The refresh's read is a transaction started after
 * the writing one, so IndexedDB runs it after that one has committed (or aborted): it reads
 * the rows as committed. In this context refreshes never overlap (writes during one start
 * another after it); across contexts they take turns under a Web Lock. A refresh that fails
 * removes the copy, so that no copy older than the database stays in use.
 */
export function keepRecentCopy(database: TokenprintDB): void {
  let running = false;
  let again = false;
  let scheduled = false;
  const settle = (): void => {
    if (running || scheduled) return;
    for (const resolve of waiters.splice(0)) resolve();
  };
  const refresh = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    writeRecentCopyLocked(database)
      .catch(() => browser.storage.local.remove(RECENT_KEY).catch(() => undefined))
      .finally(() => {
        running = false;
        if (again) refresh();
        else settle();
      });
  };
  const changed = (): void => {
    if (scheduled) return;
    scheduled = true;
    // Out of the writer's transaction (Dexie follows transactions through promises, not
    // timers), and once for all the changes it makes in the same task.
    setTimeout(() => {
      scheduled = false;
      refresh();
    }, 0);
  };
  busy.add(() => running || scheduled);
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'tokenprint:recent-copy',
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        if (name !== 'daily') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            changed();
            return table.mutate(req);
          },
        };
      },
    }),
  };
  database.use(middleware);
}
