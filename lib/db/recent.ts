/**
 * A copy of the recent daily rollups in extension storage, for the popup's first paint:
 * one storage round trip, where IndexedDB takes longer the more it holds. Every write to
 * `daily` refreshes it (keepRecentCopy); without a usable copy the popup reads the database.
 * Not written at worker start: opening the database at each browser start bloats LevelDB.
 * Type-only Dexie import, so the popup reads the copy without loading Dexie.
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
 * A Dexie middleware that refreshes the copy once after writes to `daily`. The refresh is a
 * later transaction, so IndexedDB runs it after the write commits or aborts; refreshes take
 * turns (one at a time here, under a Web Lock across contexts), and one that fails removes
 * the copy so that no copy older than the database stays in use.
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
